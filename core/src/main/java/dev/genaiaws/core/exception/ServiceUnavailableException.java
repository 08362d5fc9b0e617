package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/** The service is temporarily unavailable (HTTP 503). Retryable. */
public class ServiceUnavailableException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(
      String message, ServiceErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause, true);
  }
}
