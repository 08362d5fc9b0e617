package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The model took too long to answer (HTTP 408). Retryable; a smaller {@code maxTokens} or streaming
 * helps.
 */
public class ModelTimeoutException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public ModelTimeoutException(
      String message, ServiceErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause, true);
  }
}
