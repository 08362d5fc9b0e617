package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The model or endpoint is not ready to serve yet (being loaded or scaled, HTTP 429). Retryable.
 */
public class ModelNotReadyException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public ModelNotReadyException(
      String message, ServiceErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause, true);
  }
}
