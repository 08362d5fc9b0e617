package dev.genaiaws.core.exception;

/**
 * The service failed internally (HTTP 500). Retryable.
 */
public class InternalServerException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public InternalServerException(String message, ServiceErrorDetails details, Throwable cause) {
    super(message, details, cause, true);
  }
}
