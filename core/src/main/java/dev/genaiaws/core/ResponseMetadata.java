package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Facts about a call that are not the model's output: the request id (quote it to AWS support), the
 * model id as sent, how long it took, how many attempts it needed, and provider-specific attributes
 * such as the SageMaker variant that answered.
 *
 * @param requestId the service's request id, or {@code null}
 * @param modelId the model id, profile, ARN or endpoint name the call was sent to
 * @param latency wall time of the successful attempt, or {@code null}
 * @param attempts attempts made, at least 1
 * @param attributes provider-specific facts (e.g. {@code invokedVariant}); never null
 */
public record ResponseMetadata(
    @Nullable String requestId,
    @Nullable String modelId,
    @Nullable Duration latency,
    int attempts,
    Map<String, String> attributes) {
  private static final ResponseMetadata EMPTY = new ResponseMetadata(null, null, null, 1, Map.of());

  public ResponseMetadata {
    if (attempts < 1) {
      throw new InvalidRequestException("attempts must be >= 1 but was " + attempts);
    }
    attributes =
        attributes == null || attributes.isEmpty()
            ? Map.of()
            : attributes.size() == 1
                ? one(attributes)
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * One attribute has no order to keep: a small immutable map instead of a copied linked one (every
   * call has one).
   */
  private static Map<String, String> one(Map<String, String> attributes) {
    Map.Entry<String, String> e = attributes.entrySet().iterator().next();
    return e.getKey() != null && e.getValue() != null
        ? Map.of(e.getKey(), e.getValue())
        : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** Nothing known yet (what a codec returns before the adapter fills in the call's facts). */
  public static ResponseMetadata empty() {
    return EMPTY;
  }

  /** A copy with another attempt count. */
  public ResponseMetadata withAttempts(int attempts) {
    return new ResponseMetadata(requestId, modelId, latency, attempts, attributes);
  }

  /** One attribute, or {@code null}. */
  public @Nullable String attribute(String name) {
    return attributes.get(name);
  }
}
