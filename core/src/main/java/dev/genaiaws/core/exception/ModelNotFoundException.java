package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The model, endpoint or inference profile does not exist in this region or account (HTTP 404).
 * Check the id and the region. Not retryable.
 */
public class ModelNotFoundException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public ModelNotFoundException(
      String message, ServiceErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause, false);
  }
}
