package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Anthropic Claude through the legacy Text Completions API ({@code anthropic.claude-v2}, {@code
 * anthropic.claude-v2:1}, {@code anthropic.claude-instant-v1}).
 *
 * <p>The conversation is rendered into Anthropic's prompt format: the system prompt (if any) first,
 * then alternating {@code \n\nHuman:} and {@code \n\nAssistant:} turns, ending with {@code
 * \n\nAssistant:} so that Claude answers:
 *
 * <pre>
 * You are terse.\n\nHuman: Name a fruit.\n\nAssistant: Apple.\n\nHuman: Another one.\n\nAssistant:
 * </pre>
 *
 * Consecutive messages of one role are merged; the conversation must start and end with a user turn
 * (Bedrock refuses a prompt that does not end with {@code \n\nAssistant:}). Text only.
 *
 * <p>Parameters: {@code maxTokens} (sent as the required {@code max_tokens_to_sample}, 200 when
 * unset, at most 4096), {@code temperature} and {@code topP} in [0, 1], {@code topK} in [0, 500],
 * stop sequences; no seed. The model always stops at {@code \n\nHuman:} as well.
 *
 * <p>The body has no token counts (the client reads them from the response headers; streams from
 * the final metrics). Stop reasons: {@code stop_sequence} STOP, {@code max_tokens} LENGTH.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class ClaudeTextCodec extends TextFamilyCodec {
  /** The documented default of the required {@code max_tokens_to_sample}. */
  static final int DEFAULT_MAX_TOKENS = 200;

  /** A Claude Text Completions codec; stateless and thread-safe. */
  public ClaudeTextCodec() {
    super(
        BedrockFamilies.ANTHROPIC_CLAUDE_TEXT,
        StopReasonMap.create()
            .map(StopReason.STOP, "stop_sequence")
            .map(StopReason.LENGTH, "max_tokens"));
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(name())
        .maxTokens(1, 4096)
        .temperature(0.0, 1.0)
        .topP(0.0, 1.0)
        .topK(0, 500)
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
    body.put("prompt", prompt(Conversations.system(request), turns));
    body.put(
        "max_tokens_to_sample",
        config.maxTokens() == null ? DEFAULT_MAX_TOKENS : config.maxTokens());
    CodecJson.put(body, "temperature", config.temperature());
    CodecJson.put(body, "top_p", config.topP());
    CodecJson.put(body, "top_k", config.topK());
    if (!config.stopSequences().isEmpty()) {
      body.set("stop_sequences", CodecJson.strings(config.stopSequences()));
    }
    return CodecJson.write(body, request);
  }

  /** The Human/Assistant prompt; the system prompt goes before the first Human turn. */
  static String prompt(String system, List<Turns.Turn> turns) {
    StringBuilder sb = new StringBuilder();
    if (system != null) {
      sb.append(system);
    }
    for (Turns.Turn t : turns) {
      sb.append(t.role() == Role.USER ? "\n\nHuman: " : "\n\nAssistant: ").append(t.text());
    }
    return sb.append("\n\nAssistant:").toString();
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = read(body);
    String completion = CodecJson.require(root, "/completion", name()).asText();
    return response(completion, CodecJson.textOrNull(root, "stop_reason"), TokenUsage.none(), body);
  }

  /**
   * Reads {@code completion} pieces and {@code stop_reason}; usage from the final invocation
   * metrics.
   */
  @Override
  public StreamDecoder newStreamDecoder() {
    return new JsonChunkDecoder(name(), stopReasons) {
      @Override
      protected void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink) {
        text(CodecJson.textOrNull(chunk, "completion"), sink);
        stopReason(CodecJson.textOrNull(chunk, "stop_reason"));
      }
    };
  }
}
