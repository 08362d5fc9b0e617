package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Cohere Command R and Command R+ ({@code cohere.command-r-v1:0}, {@code
 * cohere.command-r-plus-v1:0}) through their chat API.
 *
 * <p>The last user turn becomes {@code message}; the turns before it become {@code chat_history}
 * entries with roles {@code USER} and {@code CHATBOT}; the system prompt becomes {@code preamble}
 * (replacing Cohere's default preamble). Consecutive messages of one role are merged; the
 * conversation must start and end with a user turn. Text only; {@code documents}, {@code tools} and
 * the other Cohere fields go through {@code additionalModelFields}.
 *
 * <p>Parameters: {@code maxTokens} in [1, 4000], {@code temperature} in [0, 1], {@code topP} (sent
 * as {@code p}) in [0.01, 0.99], {@code topK} (sent as {@code k}) in [0, 500], up to 4 stop
 * sequences, {@code seed}.
 *
 * <p>The answer is {@code text}; the body has no token counts (headers, or the stream's final
 * metrics). Stop reasons: {@code COMPLETE} STOP, {@code MAX_TOKENS} LENGTH, {@code ERROR_TOXIC}
 * CONTENT_FILTER; a (non-streamed) answer with {@code tool_calls} is TOOL_USE. Stream chunks are
 * told apart by {@code event_type}: {@code text-generation} carries {@code text}, {@code
 * stream-end} the {@code finish_reason}; other events are skipped.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class CohereCommandRCodec extends TextFamilyCodec {

  /** A Cohere Command R codec; stateless and thread-safe. */
  public CohereCommandRCodec() {
    super(BedrockFamilies.COHERE_COMMAND_R, CohereCommandCodec.cohereStopReasons());
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(name())
        .maxTokens(1, 4000)
        .temperature(0.0, 1.0)
        .topP(0.01, 0.99)
        .topK(0, 500)
        .stopSequences(4)
        .seed(0, Integer.MAX_VALUE)
        .build();
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    InferenceConfig config = config(request, modelId);
    Turns.rejectImages(request, modelId, name());
    List<Turns.Turn> turns = Conversations.turns(request, modelId, name());
    Conversations.requireLastUser(turns, modelId, name());
    ObjectNode body = CodecJson.object();
    body.put("message", turns.get(turns.size() - 1).text());
    if (turns.size() > 1) {
      ArrayNode history = body.putArray("chat_history");
      for (Turns.Turn t : turns.subList(0, turns.size() - 1)) {
        history
            .addObject()
            .put("role", t.role() == Role.USER ? "USER" : "CHATBOT")
            .put("message", t.text());
      }
    }
    CodecJson.put(body, "preamble", Conversations.system(request));
    CodecJson.put(body, "max_tokens", config.maxTokens());
    CodecJson.put(body, "temperature", config.temperature());
    CodecJson.put(body, "p", config.topP());
    CodecJson.put(body, "k", config.topK());
    if (!config.stopSequences().isEmpty()) {
      body.set("stop_sequences", CodecJson.strings(config.stopSequences()));
    }
    CodecJson.put(body, "seed", config.seed());
    return CodecJson.write(body, request);
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = read(body);
    String text = CodecJson.require(root, "/text", name()).asText();
    String raw = CodecJson.textOrNull(root, "finish_reason");
    GenerationResponse response = response(text, raw, TokenUsage.none(), body);
    JsonNode toolCalls = root.get("tool_calls");
    if (toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty()) {
      return response.toBuilder().stopReason(StopReason.TOOL_USE, raw).build();
    }
    return response;
  }

  /** Reads {@code text-generation} and {@code stream-end} events; usage from the final metrics. */
  @Override
  public StreamDecoder newStreamDecoder() {
    return new JsonChunkDecoder(name(), stopReasons) {
      @Override
      protected void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink) {
        String type = CodecJson.textOrNull(chunk, "event_type");
        if ("text-generation".equals(type)) {
          text(CodecJson.textOrNull(chunk, "text"), sink);
        } else if ("stream-end".equals(type)) {
          stopReason(CodecJson.textOrNull(chunk, "finish_reason"));
        }
      }
    };
  }
}
