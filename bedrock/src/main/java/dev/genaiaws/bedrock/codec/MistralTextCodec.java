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
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Mistral AI through the text completion (prompt) API: Mistral 7B Instruct, Mixtral 8x7B Instruct,
 * Mistral Small and Mistral Large 2402.
 *
 * <p>The conversation is rendered into Mistral's instruction template as the Bedrock user guide
 * shows it: each user turn inside {@code [INST] ... [/INST]}, each answer after it closed by {@code
 * </s>}:
 *
 * <pre>
 * &lt;s&gt;[INST] {system}\n\n{u1} [/INST] {a1}&lt;/s&gt; [INST] {u2} [/INST]</pre>
 *
 * Mistral has no system role: the system prompt is prepended to the first user turn, separated by a
 * blank line (the shared template of {@link PromptTemplates}; a blank system prompt is left out).
 * Consecutive messages of one role are merged; the conversation must start and end with a user
 * turn. Text only.
 *
 * <p>Parameters: {@code maxTokens} up to 8192 (Mixtral 4096), {@code temperature} and {@code topP}
 * in [0, 1], {@code topK} in [1, 200], up to 10 stop sequences; no seed. The body has no token
 * counts (headers, or the stream's final metrics). Stop reasons: {@code stop} STOP, {@code length}
 * and {@code model_length} LENGTH.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class MistralTextCodec extends TextFamilyCodec {

  /** A Mistral prompt-API codec; stateless and thread-safe. */
  public MistralTextCodec() {
    super(BedrockFamilies.MISTRAL_TEXT, mistralStopReasons());
  }

  /** Mistral's stop words, shared with {@link MistralChatCodec}. */
  static StopReasonMap mistralStopReasons() {
    return StopReasonMap.create()
        .map(StopReason.STOP, "stop")
        .map(StopReason.LENGTH, "length", "model_length")
        .map(StopReason.TOOL_USE, "tool_calls");
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(name())
        .maxTokens(1, modelId.toLowerCase(Locale.ROOT).contains("mixtral") ? 4096 : 8192)
        .temperature(0.0, 1.0)
        .topP(0.0, 1.0)
        .topK(1, 200)
        .stopSequences(10)
        .build();
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    InferenceConfig config = config(request, modelId);
    Turns.rejectImages(request, modelId, name());
    List<Turns.Turn> turns = Conversations.turns(request, modelId, name());
    Conversations.requireLastUser(turns, modelId, name());
    ObjectNode body = CodecJson.object();
    body.put("prompt", PromptTemplates.mistral(request.system(), Turns.texts(turns)));
    CodecJson.put(body, "max_tokens", config.maxTokens());
    if (!config.stopSequences().isEmpty()) {
      body.set("stop", CodecJson.strings(config.stopSequences()));
    }
    CodecJson.put(body, "temperature", config.temperature());
    CodecJson.put(body, "top_p", config.topP());
    CodecJson.put(body, "top_k", config.topK());
    return CodecJson.write(body, request);
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = read(body);
    JsonNode output = CodecJson.require(root, "/outputs/0", name());
    String text = CodecJson.require(output, "/text", name()).asText();
    return response(text, CodecJson.textOrNull(output, "stop_reason"), TokenUsage.none(), body);
  }

  /**
   * Reads {@code outputs[0].text} and {@code outputs[0].stop_reason}; usage from the final metrics.
   */
  @Override
  public StreamDecoder newStreamDecoder() {
    return new JsonChunkDecoder(name(), stopReasons) {
      @Override
      protected void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink) {
        JsonNode output = chunk.path("outputs").path(0);
        text(CodecJson.textOrNull(output, "text"), sink);
        stopReason(CodecJson.textOrNull(output, "stop_reason"));
      }
    };
  }
}
