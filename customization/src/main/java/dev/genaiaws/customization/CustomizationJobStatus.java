package dev.genaiaws.customization;

import dev.genaiaws.core.job.JobState;
import dev.genaiaws.core.job.JobStatus;

/** The statuses of a model customization job, as {@code GetModelCustomizationJob} reports them. */
public enum CustomizationJobStatus implements JobStatus {
  IN_PROGRESS("InProgress", JobState.IN_PROGRESS),
  COMPLETED("Completed", JobState.SUCCEEDED),
  FAILED("Failed", JobState.FAILED),
  STOPPING("Stopping", JobState.STOPPING),
  STOPPED("Stopped", JobState.STOPPED),
  /** A status this SDK does not know yet (the raw string is in the snapshot). */
  UNKNOWN("", JobState.UNKNOWN);

  private final String wireName;
  private final JobState state;

  CustomizationJobStatus(String wireName, JobState state) {
    this.wireName = wireName;
    this.state = state;
  }

  @Override
  public JobState state() {
    return state;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** The constant for a wire status; {@link #UNKNOWN} for one this SDK does not know. */
  public static CustomizationJobStatus of(String wire) {
    return JobStatus.fromWire(CustomizationJobStatus.class, wire, UNKNOWN);
  }
}
