package dev.genaiaws.core.job;

import dev.genaiaws.core.exception.GenAiClientException;
import java.time.Duration;

/**
 * {@link Job#await(Duration)} gave up because the deadline passed before the job finished. The job
 * itself keeps running on the service: await again, re-attach later by its id, or {@link
 * Job#stop()} it. {@link #lastSnapshot()} is what the last poll saw.
 */
public class JobDeadlineExceededException extends GenAiClientException {
  private static final long serialVersionUID = 1L;

  private final transient JobSnapshot<?> lastSnapshot;
  private final Duration deadline;

  public JobDeadlineExceededException(JobSnapshot<?> lastSnapshot, Duration deadline) {
    super(
        "job "
            + lastSnapshot.jobId()
            + " was still "
            + lastSnapshot.rawStatus()
            + " ("
            + lastSnapshot.progress()
            + ") when the await deadline of "
            + deadline
            + " passed; it keeps running: await again with a longer deadline, re-attach later by its id, or stop it",
        null,
        false);
    this.lastSnapshot = lastSnapshot;
    this.deadline = deadline;
  }

  /** What the last poll before the deadline saw. */
  public JobSnapshot<?> lastSnapshot() {
    return lastSnapshot;
  }

  /** The deadline that passed. */
  public Duration deadline() {
    return deadline;
  }
}
