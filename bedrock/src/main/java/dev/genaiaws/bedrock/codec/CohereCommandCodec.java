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
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Cohere Command and Command Light ({@code cohere.command-text-v14}, {@code
 * cohere.command-light-text-v14}) through the legacy generate API.
 *
 * <p>Command takes one {@code prompt} string and has no chat template, so this codec renders the
 * conversation as a plain transcript: a single user message is sent as it is (after the system
 * prompt and a blank line, when there is one); a longer conversation becomes {@code User: ...} and
 * {@code Chatbot: ...} lines ending with {@code Chatbot:}. The conversation must start and end with
 * a user turn. Text only.
 *
 * <p>Parameters: {@code maxTokens} in [1, 4096], {@code temperature} in [0, 5], {@code topP} (sent
 * as {@code p}) in [0, 1], {@code topK} (sent as {@code k}) in [0, 500], up to 4 stop sequences; no
 * seed.
 *
 * <p><b>Streaming.</b> Bedrock streams Command only when the body says {@code "stream": true}, so
 * {@link #encodeForStream} adds it and {@link #encode} leaves it out (the service's default is
 * false). Stream chunks carry {@code text}, {@code is_finished} and, at the end, {@code
 * finish_reason}. With {@code num_generations} above 1 (through {@code additionalModelFields})
 * chunks carry an {@code index}: only generation 0's text is delivered, while the usage of the
 * final metrics covers all generations; {@link #decode} likewise returns generation 0. If a stream
 * arrives as a single non-streamed body ({@code generations}), its first generation is delivered.
 *
 * <p><b>Likelihoods.</b> {@link CohereCommandOptions} on the request sends {@code
 * return_likelihoods}; {@link #decode} turns generation 0's {@code likelihood} and {@code
 * token_likelihoods} into a {@link CohereLikelihoods} detail of the response. Streams with
 * likelihoods asked for are refused.
 *
 * <p>The body has no token counts (headers, or the stream's final metrics). Stop reasons: {@code
 * COMPLETE} STOP, {@code MAX_TOKENS} LENGTH, {@code ERROR_TOXIC} CONTENT_FILTER.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class CohereCommandCodec extends TextFamilyCodec {

  /** A Cohere Command codec; stateless and thread-safe. */
  public CohereCommandCodec() {
    super(BedrockFamilies.COHERE_COMMAND, cohereStopReasons());
  }

  /** Cohere's finish reasons, shared with {@link CohereCommandRCodec}. */
  static StopReasonMap cohereStopReasons() {
    return StopReasonMap.create()
        .map(StopReason.STOP, "COMPLETE")
        .map(StopReason.LENGTH, "MAX_TOKENS")
        .map(StopReason.CONTENT_FILTER, "ERROR_TOXIC");
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(name())
        .maxTokens(1, 4096)
        .temperature(0.0, 5.0)
        .topP(0.0, 1.0)
        .topK(0, 500)
        .stopSequences(4)
        .build();
  }

  /** The non-streamed body: no {@code stream} field. */
  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    return CodecJson.write(body(request, modelId), request);
  }

  /** The streamed body: as {@link #encode}, with {@code "stream": true}. */
  @Override
  public byte[] encodeForStream(GenerationRequest request, String modelId) {
    request
        .option(CohereCommandOptions.class)
        .filter(o -> o.returnLikelihoods() != CohereCommandOptions.ReturnLikelihoods.NONE)
        .ifPresent(
            o -> {
              throw new InvalidRequestException(
                  "return likelihoods ("
                      + o.returnLikelihoods()
                      + ") are read only from"
                      + " non-streamed answers of "
                      + modelId
                      + "; call generate instead of stream, or drop the option");
            });
    ObjectNode body = body(request, modelId);
    body.put("stream", true);
    return CodecJson.write(body, request);
  }

  private ObjectNode body(GenerationRequest request, String modelId) {
    InferenceConfig config = config(request, modelId);
    Turns.rejectImages(request, modelId, name());
    List<Turns.Turn> turns = Conversations.turns(request, modelId, name());
    Conversations.requireLastUser(turns, modelId, name());
    ObjectNode body = CodecJson.object();
    body.put(
        "prompt",
        Conversations.transcript(Conversations.system(request), turns, "User", "Chatbot"));
    CodecJson.put(body, "max_tokens", config.maxTokens());
    CodecJson.put(body, "temperature", config.temperature());
    CodecJson.put(body, "p", config.topP());
    CodecJson.put(body, "k", config.topK());
    if (!config.stopSequences().isEmpty()) {
      body.set("stop_sequences", CodecJson.strings(config.stopSequences()));
    }
    request
        .option(CohereCommandOptions.class)
        .ifPresent(o -> body.put("return_likelihoods", o.returnLikelihoods().name()));
    return body;
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = read(body);
    JsonNode generation = CodecJson.require(root, "/generations/0", name());
    String text = CodecJson.require(generation, "/text", name()).asText();
    GenerationResponse response =
        response(text, CodecJson.textOrNull(generation, "finish_reason"), TokenUsage.none(), body);
    CohereLikelihoods likelihoods = likelihoods(generation);
    return likelihoods == null ? response : response.toBuilder().detail(likelihoods).build();
  }

  /** Generation's {@code likelihood} and {@code token_likelihoods}, or null when it has neither. */
  private CohereLikelihoods likelihoods(JsonNode generation) {
    JsonNode overall = generation.get("likelihood");
    JsonNode tokens = generation.get("token_likelihoods");
    boolean hasOverall = overall != null && overall.isNumber();
    if (!hasOverall && (tokens == null || !tokens.isArray())) {
      return null;
    }
    List<CohereLikelihoods.TokenLikelihood> list = new ArrayList<>();
    if (tokens != null && tokens.isArray()) {
      for (JsonNode t : tokens) {
        JsonNode token = t.get("token");
        if (token == null || !token.isTextual()) {
          throw new CodecException(
              "the " + name() + " answer has a token likelihood without a token string", null);
        }
        JsonNode l = t.get("likelihood");
        list.add(
            new CohereLikelihoods.TokenLikelihood(
                token.asText(), l != null && l.isNumber() ? l.asDouble() : null));
      }
    }
    return new CohereLikelihoods(hasOverall ? overall.asDouble() : null, list);
  }

  /**
   * Reads {@code text} of generation 0 (chunks without an {@code index}, or index 0) and {@code
   * finish_reason}; usage from the final metrics.
   */
  @Override
  public StreamDecoder newStreamDecoder() {
    return new JsonChunkDecoder(name(), stopReasons) {
      @Override
      protected void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink) {
        JsonNode generations = chunk.get("generations");
        if (generations != null && generations.isArray()) {
          JsonNode first = generations.path(0);
          text(CodecJson.textOrNull(first, "text"), sink);
          stopReason(CodecJson.textOrNull(first, "finish_reason"));
          return;
        }
        if (CodecJson.intOr0(chunk, "index") == 0) {
          text(CodecJson.textOrNull(chunk, "text"), sink);
          stopReason(CodecJson.textOrNull(chunk, "finish_reason"));
        }
      }
    };
  }
}
