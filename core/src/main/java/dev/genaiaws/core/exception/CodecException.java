package dev.genaiaws.core.exception;

/**
 * A model's answer could not be read: the body was not the JSON the family's codec expects. This usually
 * means the model id was matched to the wrong family; name the family explicitly, or report the body shape
 * (not its content) as a bug.
 */
public class CodecException extends GenAiClientException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
