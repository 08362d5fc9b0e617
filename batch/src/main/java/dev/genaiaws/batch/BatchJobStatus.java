package dev.genaiaws.batch;

import dev.genaiaws.core.job.JobState;
import dev.genaiaws.core.job.JobStatus;

/**
 * Every status a Bedrock batch inference job reports, in the documented order {@code Submitted →
 * Validating → Scheduled → InProgress → Completed}, with the other endings. {@link #wireName()} is
 * the service's spelling; {@link #state()} the neutral phase.
 */
public enum BatchJobStatus implements JobStatus {
  /** Accepted, waiting for validation. */
  SUBMITTED("Submitted", JobState.QUEUED),
  /** The input files are being checked. */
  VALIDATING("Validating", JobState.QUEUED),
  /** Valid; waiting for capacity. */
  SCHEDULED("Scheduled", JobState.QUEUED),
  /** Records are being processed. */
  IN_PROGRESS("InProgress", JobState.IN_PROGRESS),
  /** Every record was processed (some may have failed individually: see the results). */
  COMPLETED("Completed", JobState.SUCCEEDED),
  /** The job's time-out came before every record was processed; the processed ones have results. */
  PARTIALLY_COMPLETED("PartiallyCompleted", JobState.PARTIALLY_SUCCEEDED),
  /** The job failed as a whole (invalid input, no access to the buckets, ...): see the message. */
  FAILED("Failed", JobState.FAILED),
  /** A stop was requested. */
  STOPPING("Stopping", JobState.STOPPING),
  /** Stopped on request; records processed before the stop have results. */
  STOPPED("Stopped", JobState.STOPPED),
  /** Scheduled but never started before its time-out. */
  EXPIRED("Expired", JobState.EXPIRED),
  /** A status this SDK does not know yet (the snapshot keeps the raw string). */
  UNKNOWN("Unknown", JobState.UNKNOWN);

  private final String wireName;
  private final JobState state;

  BatchJobStatus(String wireName, JobState state) {
    this.wireName = wireName;
    this.state = state;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  @Override
  public JobState state() {
    return state;
  }

  /** The constant for a status string from the service, {@link #UNKNOWN} when it is new. */
  public static BatchJobStatus fromWire(String raw) {
    return JobStatus.fromWire(BatchJobStatus.class, raw, UNKNOWN);
  }
}
