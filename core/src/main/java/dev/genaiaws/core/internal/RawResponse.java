package dev.genaiaws.core.internal;

import dev.genaiaws.core.TokenUsage;
import java.time.Duration;
import java.util.Map;

/**
 * What a transport got back for a non-streamed call. Internal.
 *
 * @param body the model's body
 * @param requestId the service's request id, or {@code null}
 * @param headerUsage token counts from response headers (zeros when absent)
 * @param latency wall time of the attempt
 * @param attributes provider-specific facts (e.g. the invoked SageMaker variant)
 */
public record RawResponse(
    byte[] body,
    String requestId,
    TokenUsage headerUsage,
    Duration latency,
    Map<String, String> attributes) {
  public RawResponse {
    headerUsage = headerUsage == null ? TokenUsage.none() : headerUsage;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
