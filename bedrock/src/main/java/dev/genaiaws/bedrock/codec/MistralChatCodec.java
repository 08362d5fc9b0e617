package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Mistral AI through the chat completion (messages) API: Mistral Large 2407 and later.
 *
 * <p>The request is {@code {"messages": [{"role": "system"|"user"|"assistant", "content": "..."}],
 * "max_tokens", "temperature", "top_p"}}: the system prompt becomes a leading {@code system}
 * message, consecutive messages of one role are merged, and the conversation must start and end
 * with a user turn. Text only; tools are not mapped (send them through {@code
 * additionalModelFields}).
 *
 * <p>Parameters: {@code maxTokens} up to 8192, {@code temperature} and {@code topP} in [0, 1]; the
 * chat API documents no {@code top_k}, stop sequences or seed, so those are unsupported.
 *
 * <p>The answer is {@code choices[0].message.content}; the stop word is read from {@code
 * stop_reason} (Bedrock) or {@code finish_reason} (Mistral's own API): {@code stop} STOP, {@code
 * length}/{@code model_length} LENGTH, {@code tool_calls} TOOL_USE. A {@code usage} object, when
 * present, gives the token counts; otherwise the client reads the headers. Stream chunks carry the
 * text in {@code choices[0].message.content} or {@code choices[0].delta.content}.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class MistralChatCodec extends TextFamilyCodec {

  /** A Mistral chat codec; stateless and thread-safe. */
  public MistralChatCodec() {
    super(BedrockFamilies.MISTRAL_CHAT, MistralTextCodec.mistralStopReasons());
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(name())
        .maxTokens(1, 8192)
        .temperature(0.0, 1.0)
        .topP(0.0, 1.0)
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
    return CodecJson.write(body, request);
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = read(body);
    JsonNode choice = CodecJson.require(root, "/choices/0", name());
    JsonNode message = CodecJson.require(choice, "/message", name());
    String text = CodecJson.textOrNull(message, "content");
    return response(text == null ? "" : text, finishReason(choice), openAiUsage(root), body);
  }

  /** {@code stop_reason} (Bedrock's spelling) or {@code finish_reason} (Mistral's and OpenAI's). */
  static String finishReason(JsonNode choice) {
    String raw = CodecJson.textOrNull(choice, "stop_reason");
    return raw != null ? raw : CodecJson.textOrNull(choice, "finish_reason");
  }

  /**
   * Reads {@code choices[0].message.content} or {@code choices[0].delta.content}, the stop word
   * from {@code stop_reason} or {@code finish_reason}; usage from the final metrics.
   */
  @Override
  public StreamDecoder newStreamDecoder() {
    return new JsonChunkDecoder(name(), stopReasons) {
      @Override
      protected void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink) {
        JsonNode choice = chunk.path("choices").path(0);
        String text = CodecJson.textOrNull(choice.path("delta"), "content");
        if (text == null) {
          text = CodecJson.textOrNull(choice.path("message"), "content");
        }
        text(text, sink);
        stopReason(finishReason(choice));
        TokenUsage usage = openAiUsage(chunk);
        inputTokens(usage.inputTokens());
        outputTokens(usage.outputTokens());
      }
    };
  }
}
