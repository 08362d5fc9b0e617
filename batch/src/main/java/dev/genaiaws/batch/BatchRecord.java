package dev.genaiaws.batch;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.regex.Pattern;

/**
 * One request of a batch with the record id its result will carry. Submit plain requests and the
 * client numbers them ({@link #autoId(long)}: their position in the input); wrap them in records to
 * choose your own ids, e.g. a database key, so that results join back to your data.
 *
 * @param recordId letters and digits, at most 64 characters
 * @param request a {@code GenerationRequest} or an {@code EmbeddingRequest}
 * @param <R> the request type
 */
public record BatchRecord<R>(String recordId, R request) {
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{1,64}");
  private static final String AUTO_PREFIX = "r";

  public BatchRecord {
    Checks.notBlank(recordId, "recordId");
    if (!ID.matcher(recordId).matches()) {
      throw new InvalidRequestException(
          "recordId must be 1-64 letters and digits but was '" + recordId + "'");
    }
    Checks.notNull(request, "request");
  }

  public static <R> BatchRecord<R> of(String recordId, R request) {
    return new BatchRecord<>(recordId, request);
  }

  /** The id the client gives the {@code index}-th (0-based) plain request: {@code r0000000042}. */
  public static String autoId(long index) {
    return AUTO_PREFIX + String.format("%010d", index);
  }

  /** The 0-based input position of an id made by {@link #autoId(long)}, or -1 for any other id. */
  public static long indexOf(String recordId) {
    if (recordId == null || recordId.length() != 11 || !recordId.startsWith(AUTO_PREFIX)) {
      return -1;
    }
    for (int i = 1; i < 11; i++) {
      if (!Character.isDigit(recordId.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(recordId.substring(1));
  }

  @Override
  public String toString() {
    return "BatchRecord[" + recordId + "]";
  }
}
