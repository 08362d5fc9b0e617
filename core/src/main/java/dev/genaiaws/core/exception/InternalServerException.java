package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/** The service failed internally (HTTP 500). Retryable. */
public class InternalServerException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public InternalServerException(
      String message, ServiceErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause, true);
  }
}
