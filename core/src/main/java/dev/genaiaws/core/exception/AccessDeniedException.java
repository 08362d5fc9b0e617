package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The caller may not do this (HTTP 403): check the IAM policy (e.g. {@code bedrock:InvokeModel} on
 * the model's ARN), that model access is granted in the Bedrock console, and that the credentials
 * have not expired. Not retryable.
 */
public class AccessDeniedException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(
      String message, ServiceErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause, false);
  }
}
