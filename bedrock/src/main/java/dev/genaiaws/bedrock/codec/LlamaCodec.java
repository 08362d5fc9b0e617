package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.aws.internal.codec.PromptTemplates;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Meta Llama through Bedrock's prompt API ({@code prompt}, {@code max_gen_len}, {@code
 * temperature}, {@code top_p}). Bedrock applies no chat template, so this codec renders the model's
 * own (the shared templates of {@link PromptTemplates}, which the SageMaker container codecs use
 * too; a blank system prompt is left out):
 *
 * <ul>
 *   <li>{@link #llama2()}: Llama 2 chat, {@code <s>[INST] <<SYS>>\n{system}\n<</SYS>>\n\n{user}
 *       [/INST] {answer} </s><s>[INST] {user} [/INST]};
 *   <li>{@link #llama3()}: Llama 3, 3.1, 3.2, 3.3 and 4, the header-token template {@code
 *       <|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n{system}<|eot_id|>...}
 *       ending with an open {@code assistant} header.
 * </ul>
 *
 * <p>Consecutive messages of one role are merged; Llama 2 needs the conversation to open with a
 * user message. A final assistant message is left open so that the model continues it.
 *
 * <p>Parameters: {@code maxTokens} [1, 2048], {@code temperature} and {@code topP} in [0, 1]; no
 * {@code topK}, no {@code seed}, no stop sequences. Text only (images are refused, naming the
 * model). Stop reasons: {@code stop} → STOP, {@code length} → LENGTH.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class LlamaCodec implements ModelCodec {
  static final StopReasonMap STOP_REASONS =
      StopReasonMap.create().map(StopReason.STOP, "stop").map(StopReason.LENGTH, "length");

  private final ModelFamily family;
  private final boolean llama2;

  private LlamaCodec(ModelFamily family, boolean llama2) {
    this.family = family;
    this.llama2 = llama2;
  }

  /** The codec for Llama 2 chat models ({@code meta.llama2-*}). */
  public static LlamaCodec llama2() {
    return new LlamaCodec(BedrockFamilies.META_LLAMA2, true);
  }

  /** The codec for Llama 3 and later ({@code meta.llama3-*}, {@code meta.llama4-*}). */
  public static LlamaCodec llama3() {
    return new LlamaCodec(BedrockFamilies.META_LLAMA3, false);
  }

  @Override
  public ModelFamily family() {
    return family;
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(family.name())
        .maxTokens(1, 2048)
        .temperature(0, 1)
        .topP(0, 1)
        .build();
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    Turns.rejectImages(request, modelId, family.name());
    List<Turns.Turn> turns = Turns.merge(request.messages());
    if (llama2) {
      Turns.requireUserFirst(turns, modelId, family.name());
    }
    InferenceConfig c = request.inferenceConfig();
    ObjectNode body = CodecJson.object();
    List<PromptTemplates.Turn> texts = Turns.texts(turns);
    body.put(
        "prompt",
        llama2
            ? PromptTemplates.llama2(request.system(), texts)
            : PromptTemplates.llama3(request.system(), texts));
    CodecJson.put(body, "temperature", c.temperature());
    CodecJson.put(body, "top_p", c.topP());
    CodecJson.put(body, "max_gen_len", c.maxTokens());
    return CodecJson.write(body, request);
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = CodecJson.read(body, family.name());
    String raw = CodecJson.textOrNull(root, "stop_reason");
    return GenerationResponse.builder()
        .text(root.path("generation").asText(""))
        .stopReason(STOP_REASONS.apply(raw), raw)
        .usage(
            new TokenUsage(
                CodecJson.intOr0(root, "prompt_token_count"),
                CodecJson.intOr0(root, "generation_token_count")))
        .rawBody(new String(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new JsonChunkDecoder(family.name(), STOP_REASONS) {
      @Override
      protected void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink) {
        text(CodecJson.textOrNull(chunk, "generation"), sink);
        inputTokens(CodecJson.intOr0(chunk, "prompt_token_count"));
        outputTokens(CodecJson.intOr0(chunk, "generation_token_count"));
        stopReason(CodecJson.textOrNull(chunk, "stop_reason"));
      }
    };
  }

  @Override
  public String toString() {
    return "LlamaCodec[" + family + "]";
  }
}
