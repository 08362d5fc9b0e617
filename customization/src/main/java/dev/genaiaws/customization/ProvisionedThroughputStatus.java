package dev.genaiaws.customization;

import dev.genaiaws.core.job.JobState;
import dev.genaiaws.core.job.JobStatus;

/**
 * The statuses of provisioned throughput ({@code GetProvisionedModelThroughput}). {@code InService}
 * is the goal of {@link ProvisionedThroughput#await}: it counts as {@link JobState#SUCCEEDED}.
 */
public enum ProvisionedThroughputStatus implements JobStatus {
  CREATING("Creating", JobState.IN_PROGRESS),
  IN_SERVICE("InService", JobState.SUCCEEDED),
  UPDATING("Updating", JobState.IN_PROGRESS),
  FAILED("Failed", JobState.FAILED),
  /** A status this SDK does not know yet. */
  UNKNOWN("", JobState.UNKNOWN);

  private final String wireName;
  private final JobState state;

  ProvisionedThroughputStatus(String wireName, JobState state) {
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
  public static ProvisionedThroughputStatus of(String wire) {
    return JobStatus.fromWire(ProvisionedThroughputStatus.class, wire, UNKNOWN);
  }
}
