package dev.genaiaws.sagemaker.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.ProviderOptions;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The exact request body for an endpoint whose container speaks a format this SDK has no codec for.
 * Attach it to a request sent with the {@link RawJsonCodec} ({@code SageMakerFormats.RAW_JSON}) and
 * read the answer from {@code response.rawBody()}:
 *
 * <pre>{@code
 * GenerationResponse r = client.generate(req -> req.modelId("my-custom-endpoint")
 *     .option(SageMakerFormats.RAW_JSON)
 *     .option(RawJson.of(Map.of("prompt", "Hello", "max_tokens", 64)))
 *     .user("Hello"));                       // a request always has a message; the raw body wins
 * String json = r.rawBody();
 * }</pre>
 *
 * {@code toString()} prints the size only, never the body.
 *
 * @param json the body, a JSON document (usually an object)
 */
public record RawJson(String json) implements ProviderOptions {
  public RawJson {
    Checks.notNull(json, "json");
    try {
      CodecJson.parse(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          "RawJson must hold a JSON document but "
              + json.length()
              + " chars could not be parsed: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** A body from a JSON string. */
  public static RawJson of(String json) {
    return new RawJson(json);
  }

  /** A body from a map of JSON-serialisable values. */
  public static RawJson of(Map<String, ?> fields) {
    try {
      return new RawJson(CodecJson.toJsonString(fields));
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          "RawJson fields cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The body as UTF-8 bytes. */
  public byte[] bytes() {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RawJson[" + json.length() + " chars]";
  }
}
