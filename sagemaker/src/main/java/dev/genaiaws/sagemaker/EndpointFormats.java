package dev.genaiaws.sagemaker;

import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;

/**
 * Which container format each endpoint speaks, for the SageMaker clients: the most specific setting
 * wins (the request's own family option, then the endpoint's, then the client's default), and a
 * request with none fails before sending, saying how to name one.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class EndpointFormats {
  private final Map<String, ModelFamily> byEndpoint;
  private final ModelFamily defaultFormat;
  private final String example;

  /**
   * @param byEndpoint the format of named endpoints
   * @param defaultFormat the format of every other endpoint, or {@code null}
   * @param example a format to name in the error, e.g. {@code SageMakerFormats.TGI}
   */
  EndpointFormats(Map<String, ModelFamily> byEndpoint, ModelFamily defaultFormat, String example) {
    this.byEndpoint = Map.copyOf(byEndpoint);
    this.defaultFormat = defaultFormat;
    this.example = example;
  }

  /**
   * The format to attach to a request for this endpoint, or {@code null} when it needs none (it
   * names its own, or the client's default applies).
   *
   * @throws InvalidRequestException when nothing names the endpoint's format
   */
  ModelFamily attach(String endpoint, boolean requestNamesOne) {
    if (requestNamesOne) {
      return null;
    }
    ModelFamily family = byEndpoint.get(endpoint);
    if (family != null) {
      return family;
    }
    if (defaultFormat == null) {
      throw new InvalidRequestException(
          "no container format is known for endpoint '"
              + endpoint
              + "': an endpoint name does not tell, so name it on the client (.endpoint(\""
              + endpoint
              + "\", "
              + example
              + ") or a default format) or on the request (.option("
              + example
              + "))");
    }
    return null;
  }

  /** Names an endpoint's format on a builder, checking both. */
  static void put(Map<String, ModelFamily> formats, String endpointName, ModelFamily format) {
    if (endpointName == null || endpointName.isBlank()) {
      throw new InvalidRequestException("endpointName must not be blank");
    }
    if (format == null) {
      throw new InvalidRequestException(
          "format must not be null for endpoint '"
              + endpointName
              + "': pass one of SageMakerFormats or your codec's family");
    }
    formats.put(endpointName, format);
  }

  @Override
  public String toString() {
    return "endpoints=" + byEndpoint + ", defaultFormat=" + defaultFormat;
  }
}
