package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The account's request or token rate was exceeded (HTTP 429). Retryable: the retry policy waits
 * longer between attempts for throttling than for other errors. If it persists, lower your
 * concurrency or ask AWS for a higher quota; setting {@code maxTokens} lowers the tokens Bedrock
 * reserves per call.
 */
public class ThrottlingException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  public ThrottlingException(
      String message, ServiceErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause, true);
  }
}
