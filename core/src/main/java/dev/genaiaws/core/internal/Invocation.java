package dev.genaiaws.core.internal;

import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.ProviderOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to send an encoded request, handed to a {@link Transport}. For streams the transport
 * reports the response's request id and attributes through {@link #streamStarted} before the first
 * chunk. Internal.
 */
public final class Invocation {
  private final String modelId;
  private final Map<Class<? extends ProviderOptions>, ProviderOptions> options;
  private final @Nullable GenerationRequest request;
  private final String baseModelId;
  private final byte @Nullable [] body;
  private final @Nullable Duration timeout;
  private final int attempt;
  private final long startNanos = System.nanoTime();
  private volatile @Nullable String requestId;
  private volatile Map<String, String> attributes = Map.of();

  /**
   * @param request the request (model id, options)
   * @param baseModelId what the id resolved to
   * @param body the encoded body
   * @param timeout time left for this attempt, or {@code null} for the transport's default
   * @param attempt 1-based attempt number
   */
  public Invocation(
      GenerationRequest request,
      String baseModelId,
      byte @Nullable [] body,
      @Nullable Duration timeout,
      int attempt) {
    this(request.modelId(), request.options(), request, baseModelId, body, timeout, attempt);
  }

  /**
   * An invocation that is not a generation (an embedding batch).
   *
   * @param modelId the model id, profile, ARN or endpoint name for the URL
   * @param options the caller's provider options
   */
  public Invocation(
      String modelId,
      Map<Class<? extends ProviderOptions>, ProviderOptions> options,
      @Nullable GenerationRequest request,
      String baseModelId,
      byte @Nullable [] body,
      @Nullable Duration timeout,
      int attempt) {
    this.modelId = modelId;
    this.options = options == null ? Map.of() : options;
    this.request = request;
    this.baseModelId = baseModelId;
    this.body = body;
    this.timeout = timeout;
    this.attempt = attempt;
  }

  /** The generation request, or {@code null} for embedding batches. */
  public @Nullable GenerationRequest request() {
    return request;
  }

  /** The model id, profile, ARN or endpoint name to put in the URL: as the caller gave it. */
  public String modelId() {
    return modelId;
  }

  /** The caller's provider option of this class, if attached. */
  public <T extends ProviderOptions> Optional<T> option(Class<T> type) {
    return Optional.ofNullable(type.cast(options.get(type)));
  }

  public String baseModelId() {
    return baseModelId;
  }

  public byte @Nullable [] body() {
    return body;
  }

  public @Nullable Duration timeout() {
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
  public void streamStarted(@Nullable String requestId, Map<String, String> attributes) {
    this.requestId = requestId;
    this.attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public @Nullable String requestId() {
    return requestId;
  }

  public Map<String, String> attributes() {
    return attributes;
  }
}
