package dev.genaiaws.core.internal;

import dev.genaiaws.core.GenerationRequest;
import java.time.Duration;
import java.util.Map;

/**
 * One attempt to send an encoded request, handed to a {@link Transport}. For streams the transport reports
 * the response's request id and attributes through {@link #streamStarted} before the first chunk. Internal.
 */
public final class Invocation {
  private final GenerationRequest request;
  private final String baseModelId;
  private final byte[] body;
  private final Duration timeout;
  private final int attempt;
  private final long startNanos = System.nanoTime();
  private volatile String requestId;
  private volatile Map<String, String> attributes = Map.of();

  /**
   * @param request the request (model id, options)
   * @param baseModelId what the id resolved to
   * @param body the encoded body
   * @param timeout time left for this attempt, or {@code null} for the transport's default
   * @param attempt 1-based attempt number
   */
  public Invocation(GenerationRequest request, String baseModelId, byte[] body, Duration timeout, int attempt) {
    this.request = request;
    this.baseModelId = baseModelId;
    this.body = body;
    this.timeout = timeout;
    this.attempt = attempt;
  }

  public GenerationRequest request() {
    return request;
  }

  /** The model id, profile, ARN or endpoint name to put in the URL: as the caller gave it. */
  public String modelId() {
    return request.modelId();
  }

  public String baseModelId() {
    return baseModelId;
  }

  public byte[] body() {
    return body;
  }

  public Duration timeout() {
    return timeout;
  }

  public int attempt() {
    return attempt;
  }

  /** Time since this attempt was created. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Called by the transport when a stream's response headers arrive. */
  public void streamStarted(String requestId, Map<String, String> attributes) {
    this.requestId = requestId;
    this.attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public String requestId() {
    return requestId;
  }

  public Map<String, String> attributes() {
    return attributes;
  }
}
