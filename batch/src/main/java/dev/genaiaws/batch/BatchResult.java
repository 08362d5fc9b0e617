package dev.genaiaws.batch;

import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * The outcome of one record of a batch: its id and either the decoded answer or the error the
 * service reported for it. A failed record never fails the batch; check {@link #isSuccess()}.
 *
 * <pre>{@code
 * for (BatchResult<GenerationResponse> r : results) {
 *   GenerationRequest asked = myRequests.get(r.recordId());       // or by position: r.inputIndex()
 *   r.value().ifPresentOrElse(resp -> use(asked, resp.text()),
 *       () -> log.warn("record {} failed: {}", r.recordId(), r.error().orElseThrow().code()));
 * }
 * }</pre>
 *
 * @param <T> {@code GenerationResponse} for generation jobs, {@code EmbeddingResponse} for
 *     embedding jobs
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BatchResult<T> {
  private final String recordId;
  private final T value;
  private final RecordError error;

  private BatchResult(String recordId, T value, RecordError error) {
    this.recordId = Checks.notBlank(recordId, "recordId");
    this.value = value;
    this.error = error;
  }

  /** A record that was answered. */
  public static <T> BatchResult<T> success(String recordId, T value) {
    return new BatchResult<>(recordId, Checks.notNull(value, "value"), null);
  }

  /** A record that failed. */
  public static <T> BatchResult<T> failure(String recordId, RecordError error) {
    return new BatchResult<>(recordId, null, Checks.notNull(error, "error"));
  }

  /** The record id, as submitted (or as assigned with {@link BatchRecord#autoId(long)}). */
  public String recordId() {
    return recordId;
  }

  /** The 0-based position in the submitted input for auto-assigned ids, else -1. */
  public long inputIndex() {
    return BatchRecord.indexOf(recordId);
  }

  /** Whether the record was answered. */
  public boolean isSuccess() {
    return value != null;
  }

  /** The decoded answer, empty when the record failed. */
  public Optional<T> value() {
    return Optional.ofNullable(value);
  }

  /** The answer; throws naming the record's error when it failed. */
  public T get() {
    if (value == null) {
      throw new GenAiClientException(
          "batch record "
              + recordId
              + " failed with error "
              + error.code()
              + ": "
              + error.message());
    }
    return value;
  }

  /** The record's error, empty when it succeeded. */
  public Optional<RecordError> error() {
    return Optional.ofNullable(error);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchResult<?> r
        && recordId.equals(r.recordId)
        && Objects.equals(value, r.value)
        && Objects.equals(error, r.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(recordId, value, error);
  }

  @Override
  public String toString() {
    return "BatchResult[" + recordId + ", " + (value != null ? "success" : error) + "]";
  }
}
