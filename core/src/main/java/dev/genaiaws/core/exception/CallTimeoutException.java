package dev.genaiaws.core.exception;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A call took longer than its time-out and was abandoned on this side: the client's {@code
 * callTimeout} or a request's {@code timeout} (AWS SDK's {@code ApiCallTimeoutException}), or the
 * total time-out of a {@link dev.genaiaws.core.resilience.ResilientGenerationClient}, which also
 * bounds a stream's whole delivery. Not retryable: the time the caller allowed is spent. Raise the
 * time-out, lower {@code maxTokens}, or stream.
 */
public class CallTimeoutException extends GenAiClientException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration timeout;

  public CallTimeoutException(String message, @Nullable Throwable cause) {
    this(message, null, cause);
  }

  /**
   * @param timeout the time-out that passed, if known
   */
  public CallTimeoutException(
      String message, @Nullable Duration timeout, @Nullable Throwable cause) {
    super(message, cause, false);
    this.timeout = timeout;
  }

  /**
   * The time-out that passed, or {@code null} when the AWS SDK reported it without saying which.
   */
  public @Nullable Duration timeout() {
    return timeout;
  }
}
