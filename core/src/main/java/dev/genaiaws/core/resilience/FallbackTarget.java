package dev.genaiaws.core.resilience;

import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.exception.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * One place a {@link ResilientGenerationClient} can send a request: a client (its region, endpoint
 * and retry policy) and, optionally, another model id or inference profile to ask there instead of
 * the request's own.
 *
 * <pre>{@code
 * FallbackTarget west = FallbackTarget.of("bedrock us-west-2", westClient);
 * FallbackTarget haiku = FallbackTarget.of("haiku", eastClient, "anthropic.claude-3-haiku-20240307-v1:0");
 * }</pre>
 *
 * @param name how listeners, telemetry and {@code ResponseMetadata} name this target (e.g. a
 *     region); not blank
 * @param client the client to call; the resilient client never closes it
 * @param modelId the model id, profile or ARN to ask instead of the request's, or {@code null} to
 *     keep it. A request that names its {@code ModelFamily} explicitly keeps that family on every
 *     target, so give such requests targets of the same family.
 */
public record FallbackTarget(String name, GenerationClient client, @Nullable String modelId) {

  public FallbackTarget {
    if (name == null || name.isBlank()) {
      throw new InvalidRequestException(
          "a fallback target needs a name (e.g. its region or model), but it was "
              + (name == null ? "null" : "blank"));
    }
    if (client == null) {
      throw new InvalidRequestException("fallback target '" + name + "' needs a client");
    }
    if (modelId != null && modelId.isBlank()) {
      throw new InvalidRequestException(
          "fallback target '"
              + name
              + "' has a blank model id: pass null to keep"
              + " the request's model id");
    }
  }

  /** A target that asks the request's own model id. */
  public static FallbackTarget of(String name, GenerationClient client) {
    return new FallbackTarget(name, client, null);
  }

  /** A target that asks {@code modelId} instead of the request's. */
  public static FallbackTarget of(String name, GenerationClient client, String modelId) {
    return new FallbackTarget(name, client, modelId);
  }

  /** The model id this target asks for {@code requested}. */
  String modelIdFor(String requested) {
    return modelId != null ? modelId : requested;
  }
}
