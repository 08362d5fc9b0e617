package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/**
 * AI21 Labs Jurassic-2 Mid and Ultra ({@code ai21.j2-mid-v1}, {@code ai21.j2-ultra-v1}).
 *
 * <p>Jurassic-2 takes one {@code prompt} string and has no chat template, so this codec renders the
 * conversation as a plain transcript: a single user message is sent as it is (after the system
 * prompt and a blank line, when there is one); a longer conversation becomes {@code User: ...} and
 * {@code Assistant: ...} lines ending with {@code Assistant:}. The conversation must start and end
 * with a user turn. Text only. The penalty objects ({@code countPenalty}, {@code presencePenalty},
 * {@code frequencyPenalty}) go through {@code additionalModelFields}.
 *
 * <p>Parameters: {@code maxTokens} in [1, 8191], {@code temperature} and {@code topP} in [0, 1],
 * stop sequences; no {@code topK}, no seed.
 *
 * <p>The answer is {@code completions[0].data.text}. The body carries no token counts as such, but
 * lists the prompt's and the completion's tokens: their numbers are the usage (they match the
 * service's token-count headers). Stop reasons ({@code finishReason.reason}): {@code endoftext} and
 * {@code stop} STOP, {@code length} LENGTH.
 *
 * <p>Jurassic-2 does not stream: {@link #supportsStreaming()} is false and {@link
 * #newStreamDecoder()} refuses.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class Jurassic2Codec extends TextFamilyCodec {

  /** A Jurassic-2 codec; stateless and thread-safe. */
  public Jurassic2Codec() {
    super(
        BedrockFamilies.AI21_J2,
        StopReasonMap.create()
            .map(StopReason.STOP, "endoftext", "stop")
            .map(StopReason.LENGTH, "length"));
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(name())
        .maxTokens(1, 8191)
        .temperature(0.0, 1.0)
        .topP(0.0, 1.0)
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
    body.put(
        "prompt",
        Conversations.transcript(Conversations.system(request), turns, "User", "Assistant"));
    CodecJson.put(body, "maxTokens", config.maxTokens());
    CodecJson.put(body, "temperature", config.temperature());
    CodecJson.put(body, "topP", config.topP());
    if (!config.stopSequences().isEmpty()) {
      body.set("stopSequences", CodecJson.strings(config.stopSequences()));
    }
    return CodecJson.write(body, request);
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = read(body);
    JsonNode completion = CodecJson.require(root, "/completions/0", name());
    String text = CodecJson.require(completion, "/data/text", name()).asText();
    String raw = CodecJson.textOrNull(completion.path("finishReason"), "reason");
    TokenUsage usage =
        new TokenUsage(
            size(root.path("prompt").get("tokens")), size(completion.path("data").get("tokens")));
    return response(text, raw, usage, body);
  }

  private static int size(JsonNode array) {
    return array != null && array.isArray() ? array.size() : 0;
  }

  @Override
  public boolean supportsStreaming() {
    return false;
  }

  /** Always fails: Jurassic-2 answers only in one piece. */
  @Override
  public StreamDecoder newStreamDecoder() {
    throw new InvalidRequestException(
        "the "
            + name()
            + " models (Jurassic-2) do not stream: call generate(...)"
            + " instead of stream(...)");
  }
}
