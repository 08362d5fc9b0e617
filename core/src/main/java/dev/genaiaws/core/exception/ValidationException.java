package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The service rejected the request as invalid (HTTP 400): the message says which field. Not
 * retryable.
 */
public class ValidationException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public ValidationException(
      String message, ServiceErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause, false);
  }
}
