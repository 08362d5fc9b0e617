package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * AI21 Labs Jamba ({@code ai21.jamba-instruct-v1:0}, {@code ai21.jamba-1-5-mini-v1:0}, {@code
 * ai21.jamba-1-5-large-v1:0}) through its OpenAI-like chat API.
 *
 * <p>The request is {@code {"messages": [{"role": "system"|"user"|"assistant", "content": "..."}],
 * "max_tokens", "temperature", "top_p", "stop"}}: the system prompt becomes a leading {@code
 * system} message, consecutive messages of one role are merged, and the conversation must start and
 * end with a user turn. Text only; {@code n} and the penalties go through {@code
 * additionalModelFields} (with {@code n} above 1 only the first choice is read).
 *
 * <p>Parameters: {@code maxTokens} in [1, 4096], {@code temperature} in [0, 2], {@code topP} in
 * [0.01, 1], stop sequences; no {@code topK}, no seed.
 *
 * <p>The answer is {@code choices[0].message.content} with {@code finish_reason} ({@code stop}
 * STOP, {@code length} LENGTH, {@code tool_calls} TOOL_USE) and {@code usage.prompt_tokens} /
 * {@code completion_tokens}. Stream chunks carry {@code choices[0].delta.content}; the last one the
 * {@code finish_reason} and the invocation metrics.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class JambaCodec extends TextFamilyCodec {

  /** A Jamba codec; stateless and thread-safe. */
  public JambaCodec() {
    super(
        BedrockFamilies.AI21_JAMBA,
        StopReasonMap.create()
            .map(StopReason.STOP, "stop")
            .map(StopReason.LENGTH, "length")
            .map(StopReason.TOOL_USE, "tool_calls"));
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(name())
        .maxTokens(1, 4096)
        .temperature(0.0, 2.0)
        .topP(0.01, 1.0)
        .stopSequences(UNDOCUMENTED_STOP_LIMIT)
        .build();
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    InferenceConfig config = config(request, modelId);
    Turns.rejectImages(request, modelId, name());
    List<Turns.Turn> turns = Conversations.turns(request, modelId, name());
    Conversations.requireLastUser(turns, modelId, name());
    ObjectNode body = CodecJson.object();
    body.set("messages", Conversations.chatMessages(Conversations.system(request), turns));
    CodecJson.put(body, "max_tokens", config.maxTokens());
    CodecJson.put(body, "temperature", config.temperature());
    CodecJson.put(body, "top_p", config.topP());
    if (!config.stopSequences().isEmpty()) {
      body.set("stop", CodecJson.strings(config.stopSequences()));
    }
    return CodecJson.write(body, request);
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = read(body);
    JsonNode choice = CodecJson.require(root, "/choices/0", name());
    JsonNode message = CodecJson.require(choice, "/message", name());
    String text = CodecJson.textOrNull(message, "content");
    return response(
        text == null ? "" : text,
        CodecJson.textOrNull(choice, "finish_reason"),
        openAiUsage(root),
        body);
  }

  /**
   * Reads {@code choices[0].delta.content} and {@code finish_reason}; usage from the final metrics.
   */
  @Override
  public StreamDecoder newStreamDecoder() {
    return new JsonChunkDecoder(name(), stopReasons) {
      @Override
      protected void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink) {
        JsonNode choice = chunk.path("choices").path(0);
        text(CodecJson.textOrNull(choice.path("delta"), "content"), sink);
        stopReason(CodecJson.textOrNull(choice, "finish_reason"));
        TokenUsage usage = openAiUsage(chunk);
        inputTokens(usage.inputTokens());
        outputTokens(usage.outputTokens());
      }
    };
  }
}
