package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A service quota was exceeded (e.g. ServiceQuotaExceededException). Not retryable: request a quota
 * increase.
 */
public class QuotaExceededException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public QuotaExceededException(
      String message, ServiceErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause, false);
  }
}
