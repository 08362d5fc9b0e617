package dev.genaiaws.core.job;

import dev.genaiaws.core.internal.Checks;

/**
 * What the service said about a job at one moment (one {@link Job#refresh()}). Immutable.
 *
 * @param jobId the job's id or ARN, as {@link Job#id()}
 * @param status the kind's typed status
 * @param rawStatus the status string exactly as the service sent it (kept even when {@code status}
 *     is its kind's "unknown" constant)
 * @param progress items processed, succeeded and failed so far
 * @param message the service's message about the job (a failure reason), or empty
 * @param <S> the kind's status enum
 */
public record JobSnapshot<S extends JobStatus>(
    String jobId, S status, String rawStatus, JobProgress progress, String message) {

  public JobSnapshot {
    Checks.notBlank(jobId, "jobId");
    Checks.notNull(status, "status");
    Checks.notNull(rawStatus, "rawStatus");
    Checks.notNull(progress, "progress");
    message = message == null ? "" : message;
  }

  /** The neutral phase of {@link #status()}. */
  public JobState state() {
    return status.state();
  }

  /** Whether the job can no longer change. */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  @Override
  public String toString() {
    return "JobSnapshot["
        + jobId
        + " "
        + rawStatus
        + " ("
        + state()
        + "), "
        + progress
        + (message.isEmpty() ? "" : ", message " + Checks.describe(message))
        + "]";
  }
}
