package dev.genaiaws.core.exception;

/**
 * A service quota was exceeded (e.g. ServiceQuotaExceededException). Not retryable: request a quota increase.
 */
public class QuotaExceededException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public QuotaExceededException(String message, ServiceErrorDetails details, Throwable cause) {
    super(message, details, cause, false);
  }
}
