package dev.genaiaws.batch;

import dev.genaiaws.core.job.JobState;
import dev.genaiaws.core.job.JobStatus;

/** Every status a SageMaker batch transform job reports ({@code TransformJobStatus}). */
public enum TransformJobStatus implements JobStatus {
  /** Running (SageMaker reports no queued phase for transform jobs). */
  IN_PROGRESS("InProgress", JobState.IN_PROGRESS),
  /** Every input file was transformed. */
  COMPLETED("Completed", JobState.SUCCEEDED),
  /** The job failed (a record the container refused fails the whole job): see the message. */
  FAILED("Failed", JobState.FAILED),
  /** A stop was requested. */
  STOPPING("Stopping", JobState.STOPPING),
  /** Stopped on request. */
  STOPPED("Stopped", JobState.STOPPED),
  /** A status this SDK does not know yet. */
  UNKNOWN("Unknown", JobState.UNKNOWN);

  private final String wireName;
  private final JobState state;

  TransformJobStatus(String wireName, JobState state) {
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
  public static TransformJobStatus fromWire(String raw) {
    return JobStatus.fromWire(TransformJobStatus.class, raw, UNKNOWN);
  }
}
