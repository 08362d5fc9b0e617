package dev.genaiaws.samples.blog;

import dev.genaiaws.core.exception.InvalidRequestException;

/**
 * A blog topic that cannot be used: missing, blank or too long. The message says which and what to
 * send instead; the Lambda function answers it with 400.
 */
public class InvalidTopicException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong with the topic
   */
  public InvalidTopicException(String message) {
    super(message);
  }
}
