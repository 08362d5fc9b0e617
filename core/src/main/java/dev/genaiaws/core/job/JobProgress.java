package dev.genaiaws.core.job;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.OptionalDouble;

/**
 * How far a job has come, in the items it works on (records for batch jobs, documents for
 * ingestion). A count the service does not report is 0; {@code total} is 0 while the service has
 * not counted the input.
 *
 * @param total items in the job, 0 while unknown
 * @param processed items handled so far, successfully or not
 * @param succeeded items handled successfully
 * @param failed items that failed (each with its own error in the results)
 */
public record JobProgress(long total, long processed, long succeeded, long failed) {
  private static final JobProgress NONE = new JobProgress(0, 0, 0, 0);

  public JobProgress {
    if (total < 0 || processed < 0 || succeeded < 0 || failed < 0) {
      throw new InvalidRequestException(
          "job progress counts must be >= 0 but were total="
              + total
              + " processed="
              + processed
              + " succeeded="
              + succeeded
              + " failed="
              + failed);
    }
  }

  /** Nothing reported yet. */
  public static JobProgress none() {
    return NONE;
  }

  /** The share of items processed, in [0, 1], or empty while the total is unknown. */
  public OptionalDouble fractionDone() {
    return total == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(Math.min(1.0, (double) processed / total));
  }

  @Override
  public String toString() {
    return processed
        + "/"
        + (total == 0 ? "?" : Long.toString(total))
        + " processed ("
        + succeeded
        + " succeeded, "
        + failed
        + " failed)";
  }
}
