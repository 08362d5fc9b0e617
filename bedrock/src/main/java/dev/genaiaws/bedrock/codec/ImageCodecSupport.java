package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.ImageConfig;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.ContentBlockedException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.ModelErrorException;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * What the image codecs share: no inference parameters (an empty {@link ParameterSupport}, so
 * {@code maxTokens} and friends are refused, or dropped under {@code DROP}), no streaming, the
 * prompt checks, the wording of validation errors, base64 decoding and media-type sniffing.
 * Internal to this package.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
abstract class ImageCodecSupport implements ModelCodec {
  private static final String PROVIDER = "bedrock";
  private final ModelFamily family;
  private final ParameterSupport none;

  ImageCodecSupport(ModelFamily family) {
    this.family = family;
    this.none = ParameterSupport.builder(family.name()).build();
  }

  @Override
  public final ModelFamily family() {
    return family;
  }

  /** None: image models take their settings from {@link ImageConfig}, not the inference config. */
  @Override
  public final ParameterSupport parameters(String modelId) {
    return none;
  }

  @Override
  public final boolean supportsStreaming() {
    return false;
  }

  @Override
  public final StreamDecoder newStreamDecoder() {
    throw new InvalidRequestException(
        "the " + family + " family makes images and cannot stream; call" + " generate instead");
  }

  /** The request's image config, never null. */
  static ImageConfig config(GenerationRequest request) {
    return request.imageConfig() == null ? ImageConfig.empty() : request.imageConfig();
  }

  /**
   * The prompt (the last user message's text), checked: present, at most {@code maxChars}; no
   * system prompt and no input images (text-to-image only).
   */
  static String prompt(GenerationRequest request, String modelId, int maxChars) {
    if (request.system() != null && !request.system().isBlank()) {
      throw new InvalidRequestException(
          "system is not supported by "
              + modelId
              + " (an image model): put everything in the user prompt");
    }
    if (request.hasImages()) {
      throw new InvalidRequestException(
          "input images are not supported for "
              + modelId
              + ": only text-to-image generation is available; send a text prompt");
    }
    String prompt = request.lastUserText();
    if (prompt == null || prompt.isBlank()) {
      throw new InvalidRequestException(
          "an image prompt is required for " + modelId + ": add it with user(\"...\")");
    }
    checkLength("prompt", prompt, modelId, maxChars);
    return prompt;
  }

  static void checkLength(String field, String text, String modelId, int maxChars) {
    if (text != null && text.length() > maxChars) {
      throw new InvalidRequestException(
          field
              + " must be at most "
              + maxChars
              + " characters for "
              + modelId
              + " but had "
              + text.length());
    }
  }

  /** Fails for a set {@link ImageConfig} field the model has no use for. */
  static void unsupported(String field, Object value, String modelId, String hint) {
    if (value != null) {
      throw new InvalidRequestException(
          "imageConfig."
              + field
              + " is not supported by "
              + modelId
              + " but was "
              + value
              + (hint == null ? "" : "; " + hint));
    }
  }

  static void range(String field, @Nullable Long value, long min, long max, String modelId) {
    if (value != null && (value < min || value > max)) {
      throw new InvalidRequestException(
          "imageConfig."
              + field
              + " must be in ["
              + min
              + ", "
              + max
              + "] for "
              + modelId
              + " but was "
              + value);
    }
  }

  static void range(String field, Integer value, long min, long max, String modelId) {
    range(field, value == null ? null : value.longValue(), min, max, modelId);
  }

  static void range(String field, Double value, double min, double max, String modelId) {
    if (value != null && (value < min || value > max)) {
      throw new InvalidRequestException(
          "imageConfig."
              + field
              + " must be in ["
              + min
              + ", "
              + max
              + "] for "
              + modelId
              + " but was "
              + value);
    }
  }

  static void oneOf(String field, Object value, Collection<?> allowed, String modelId) {
    if (value != null && !allowed.contains(value)) {
      throw new InvalidRequestException(
          "imageConfig."
              + field
              + " must be one of "
              + allowed
              + " for "
              + modelId
              + " but was "
              + value);
    }
  }

  /** Width and height are given together or not at all. */
  static void bothOrNeither(ImageConfig c, String modelId) {
    if ((c.width() == null) != (c.height() == null)) {
      throw new InvalidRequestException(
          "imageConfig.width and height must be set together for "
              + modelId
              + " but only "
              + (c.width() == null ? "height" : "width")
              + " was set");
    }
  }

  /** Decodes one base64 image of the answer. */
  final byte[] imageBytes(JsonNode node, String field) {
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      throw new CodecException(
          "the "
              + family
              + " answer has no base64 image in "
              + field
              + ": is the model id matched to the right family?",
          null);
    }
    try {
      return Base64.getMimeDecoder().decode(node.asText());
    } catch (IllegalArgumentException e) {
      throw new CodecException("the " + family + " answer's " + field + " is not valid base64", e);
    }
  }

  /**
   * The media type of encoded image bytes, from their magic numbers; {@code image/png} when
   * unknown.
   */
  static String mediaType(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
      return "image/jpeg";
    }
    if (b.length >= 12
        && b[0] == 'R'
        && b[1] == 'I'
        && b[2] == 'F'
        && b[3] == 'F'
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P') {
      return "image/webp";
    }
    return "image/png";
  }

  /** A seed the answer reports: a number, or a numeric string; {@code null} otherwise. */
  static @Nullable Long seedOf(JsonNode seed) {
    if (seed == null || seed.isNull()) {
      return null;
    }
    if (seed.isNumber()) {
      return seed.asLong();
    }
    if (seed.isTextual()) {
      try {
        return Long.parseLong(seed.asText().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The body as UTF-8 text, for {@link dev.genaiaws.core.GenerationResponse#rawBody()}. */
  static String utf8(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The model filtered the prompt or the image. */
  final ContentBlockedException blocked(String reason) {
    return new ContentBlockedException(
        "the "
            + family
            + " model filtered the content ("
            + reason
            + "): change the prompt; retrying the same one will not help",
        reason,
        new ServiceErrorDetails(200, "ContentFiltered", null, PROVIDER));
  }

  /** The model reported a failure in a 200 answer. */
  final ModelErrorException failed(String reason) {
    return new ModelErrorException(
        "the " + family + " model failed to make the image (" + reason + ")",
        new ServiceErrorDetails(200, "ModelError", null, PROVIDER),
        null,
        null,
        reason,
        false);
  }

  @Override
  public boolean generatesImages() {
    return true;
  }
}
