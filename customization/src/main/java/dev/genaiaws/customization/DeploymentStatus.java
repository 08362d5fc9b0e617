package dev.genaiaws.customization;

import dev.genaiaws.core.job.JobState;
import dev.genaiaws.core.job.JobStatus;

/**
 * The statuses of an on-demand custom model deployment ({@code GetCustomModelDeployment}). {@code
 * Active} is the goal of {@link CustomModelDeployment#await}: it counts as {@link
 * JobState#SUCCEEDED}.
 */
public enum DeploymentStatus implements JobStatus {
  CREATING("Creating", JobState.IN_PROGRESS),
  ACTIVE("Active", JobState.SUCCEEDED),
  FAILED("Failed", JobState.FAILED),
  /** A status this SDK does not know yet. */
  UNKNOWN("", JobState.UNKNOWN);

  private final String wireName;
  private final JobState state;

  DeploymentStatus(String wireName, JobState state) {
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
  public static DeploymentStatus of(String wire) {
    return JobStatus.fromWire(DeploymentStatus.class, wire, UNKNOWN);
  }
}
