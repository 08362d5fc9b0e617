package dev.genaiaws.batch;

/**
 * Why one record of a batch failed, as the service wrote it in the output line's {@code error}
 * object. The rest of the batch is unaffected.
 *
 * @param code the service's error code (an HTTP-like status such as 400), 0 when absent
 * @param message the service's message
 */
public record RecordError(int code, String message) {
  public RecordError {
    message = message == null ? "" : message;
  }

  @Override
  public String toString() {
    return "RecordError[" + code + ", " + message.length() + " chars]";
  }
}
