package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A failure on this side of the wire: a request that cannot be built, an answer that cannot be
 * read, a connection that broke, a time-out of the client. Most are not retryable; broken
 * connections and client time-outs are.
 */
public class GenAiClientException extends GenAiException {
  private static final long serialVersionUID = 1L;

  public GenAiClientException(String message) {
    this(message, null, false);
  }

  public GenAiClientException(String message, @Nullable Throwable cause) {
    this(message, cause, false);
  }

  public GenAiClientException(String message, @Nullable Throwable cause, boolean retryable) {
    super(message, cause, retryable);
  }
}
