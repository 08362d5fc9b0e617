package dev.genaiaws.micrometer;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.NullUnmarked;

/**
 * What an observation of one genai-aws call knows: the call (model, operation, request), and once
 * it ended its stop reason, token usage, request id and the model that answered. Conventions read
 * it to name and tag the observation.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class GenAiObservationContext extends Observation.Context {
  private final CallInfo call;
  private final long startNanos = System.nanoTime();
  private volatile TokenUsage usage;
  private volatile StopReason stopReason;
  private volatile String rawStopReason;
  private volatile String requestId;
  private volatile String responseModel;
  private volatile int attempts = 1;

  GenAiObservationContext(CallInfo call) {
    this.call = call;
  }

  /** The call as first sent (attempt 1). */
  public CallInfo call() {
    return call;
  }

  /** Token usage once the call succeeded, else {@code null}. */
  public TokenUsage usage() {
    return usage;
  }

  /** The neutral stop reason once the call succeeded (generation only), else {@code null}. */
  public StopReason stopReason() {
    return stopReason;
  }

  /** The model's own stop reason, or {@code null}. */
  public String rawStopReason() {
    return rawStopReason;
  }

  /** The AWS request id of the answer, or {@code null}. */
  public String requestId() {
    return requestId;
  }

  /** The model that answered, once known. */
  public String responseModel() {
    return responseModel;
  }

  /** Attempts made so far. */
  public int attempts() {
    return attempts;
  }

  void succeeded(
      TokenUsage usage,
      StopReason stopReason,
      String rawStopReason,
      String requestId,
      String model,
      int attempts) {
    this.usage = usage;
    this.stopReason = stopReason;
    this.rawStopReason = rawStopReason;
    this.requestId = requestId;
    this.responseModel = model;
    this.attempts = attempts;
  }

  long startNanos() {
    return startNanos;
  }

  void attempts(int attempts) {
    this.attempts = attempts;
  }
}
