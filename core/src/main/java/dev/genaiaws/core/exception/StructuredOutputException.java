package dev.genaiaws.core.exception;

/**
 * The model's answer could not be read as the structured type asked for: it is not JSON, or its
 * JSON does not fit the record (a missing field, a string where a number belongs). The message
 * names the JSON path and what was expected, never the answer's content; the answer itself is still
 * on the response. Not retryable as such: ask again with a clearer instruction, a strict schema, or
 * a model that supports native structured output.
 */
public class StructuredOutputException extends GenAiClientException {
  private static final long serialVersionUID = 1L;

  public StructuredOutputException(String message, Throwable cause) {
    super(message, cause);
  }
}
