package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The service answered with an error. Carries the {@link #statusCode() HTTP status}, the service's
 * {@link #errorCode() error code}, the {@link #requestId() request id} to quote to AWS support, and
 * the {@link #provider() provider}. The typed subclasses say what happened; this class is used as
 * it is for errors with no better type.
 */
public class GenAiServiceException extends GenAiException {
  private static final long serialVersionUID = 1L;

  private final ServiceErrorDetails details;

  public GenAiServiceException(
      String message, ServiceErrorDetails details, @Nullable Throwable cause, boolean retryable) {
    super(withRequestId(message, details), cause, retryable);
    this.details = details;
  }

  private static String withRequestId(String message, ServiceErrorDetails details) {
    if (details == null || details.requestId() == null) {
      return message;
    }
    return message + " (request id " + details.requestId() + ")";
  }

  /** The HTTP status, or 0 when the error arrived inside a stream. */
  public int statusCode() {
    return details == null ? 0 : details.statusCode();
  }

  /** The service's error code (e.g. {@code ThrottlingException}), or {@code null}. */
  public @Nullable String errorCode() {
    return details == null ? null : details.errorCode();
  }

  /** The id of the failed request, or {@code null}. */
  public @Nullable String requestId() {
    return details == null ? null : details.requestId();
  }

  /** The provider that answered, e.g. {@code bedrock} or {@code sagemaker}. */
  public @Nullable String provider() {
    return details == null ? null : details.provider();
  }

  /** Everything above in one value. */
  public ServiceErrorDetails details() {
    return details;
  }
}
