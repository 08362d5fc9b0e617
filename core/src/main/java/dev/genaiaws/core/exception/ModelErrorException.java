package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The model (or the container behind a SageMaker endpoint) failed while processing the request
 * (HTTP 424). {@link #originalStatusCode()} and {@link #originalMessage()} are what the model
 * itself returned; the endpoint's logs say more. Not retryable by default.
 */
public class ModelErrorException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  private final Integer originalStatusCode;
  private final String originalMessage;

  public ModelErrorException(
      String message,
      ServiceErrorDetails details,
      @Nullable Throwable cause,
      Integer originalStatusCode,
      String originalMessage,
      boolean retryable) {
    super(message, details, cause, retryable);
    this.originalStatusCode = originalStatusCode;
    this.originalMessage = originalMessage;
  }

  /** The status code the model returned, or {@code null} when the service did not say. */
  public Integer originalStatusCode() {
    return originalStatusCode;
  }

  /** The message the model returned, or {@code null}. */
  public String originalMessage() {
    return originalMessage;
  }
}
