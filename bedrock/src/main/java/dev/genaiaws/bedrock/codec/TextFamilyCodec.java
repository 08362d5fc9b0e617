package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.CodecException;
import java.nio.charset.StandardCharsets;

/**
 * What the text codecs of this package share: the family, its stop-reason words, the re-check of
 * the inference config against {@link #parameters} before encoding (so that a parameter the family
 * cannot express never disappears silently), and building the response.
 */
abstract class TextFamilyCodec implements ModelCodec {
  /**
   * Stop-sequence count used where the family documents no limit: the service has the last word.
   */
  static final int UNDOCUMENTED_STOP_LIMIT = 1000;

  private final ModelFamily family;
  final StopReasonMap stopReasons;

  TextFamilyCodec(ModelFamily family, StopReasonMap stopReasons) {
    this.family = family;
    this.stopReasons = stopReasons;
  }

  @Override
  public final ModelFamily family() {
    return family;
  }

  /** The family's name, for error messages. */
  final String name() {
    return family.name();
  }

  /**
   * The request's inference config checked against {@link #parameters}: normally already done by
   * the client, in which case it comes back unchanged; called directly, an unsupported parameter
   * fails.
   */
  final InferenceConfig config(GenerationRequest request, String modelId) {
    return parameters(modelId)
        .apply(request.inferenceConfig(), modelId, UnsupportedParameterPolicy.FAIL);
  }

  /** Parses an answer or chunk; a null or non-object body is a {@link CodecException}. */
  final JsonNode read(byte[] body) {
    if (body == null) {
      throw new CodecException("the " + name() + " answer is empty (null body)", null);
    }
    return CodecJson.read(body, name());
  }

  /** A text response with the mapped stop reason and the raw body. */
  final GenerationResponse response(
      String text, String rawStopReason, TokenUsage usage, byte[] body) {
    StopReason reason = stopReasons.apply(rawStopReason);
    return GenerationResponse.builder()
        .text(text)
        .stopReason(reason, rawStopReason)
        .usage(usage)
        .rawBody(new String(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + family.name() + "]";
  }

  /** OpenAI-style {@code usage.prompt_tokens}/{@code completion_tokens}; zero when absent. */
  static TokenUsage openAiUsage(JsonNode root) {
    JsonNode usage = root.get("usage");
    return new TokenUsage(
        CodecJson.intOr0(usage, "prompt_tokens"), CodecJson.intOr0(usage, "completion_tokens"));
  }
}
