package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The request is not valid and was never sent: a blank model id, no messages, a value out of range,
 * an image sent to a text-only model. The message names the field, the value and what is allowed.
 * Fix the request; retrying cannot help.
 */
public class InvalidRequestException extends GenAiClientException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message, null, false);
  }

  public InvalidRequestException(String message, @Nullable Throwable cause) {
    super(message, cause, false);
  }
}
