package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.job.JobState;
import dev.genaiaws.core.job.JobStatus;

/**
 * Every status a knowledge-base ingestion job reports: {@code STARTING → IN_PROGRESS → COMPLETE},
 * or {@code FAILED}, or {@code STOPPING → STOPPED}. {@link #wireName()} is the service's spelling;
 * {@link #state()} the neutral phase. A job that completes may still have failed documents: see
 * {@link IngestionStatistics}.
 */
public enum IngestionStatus implements JobStatus {
  /** Accepted; the data source is being read. */
  STARTING("STARTING", JobState.QUEUED),
  /** Documents are being chunked, embedded and indexed. */
  IN_PROGRESS("IN_PROGRESS", JobState.IN_PROGRESS),
  /** Finished; individual documents may have failed (see the statistics and failure reasons). */
  COMPLETE("COMPLETE", JobState.SUCCEEDED),
  /**
   * The job failed as a whole (no access to the bucket, the vector store or the embedding model).
   */
  FAILED("FAILED", JobState.FAILED),
  /** A stop was requested. */
  STOPPING("STOPPING", JobState.STOPPING),
  /** Stopped on request. */
  STOPPED("STOPPED", JobState.STOPPED),
  /** A status this SDK does not know yet (the snapshot keeps the raw string). */
  UNKNOWN("UNKNOWN", JobState.UNKNOWN);

  private final String wireName;
  private final JobState state;

  IngestionStatus(String wireName, JobState state) {
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
  public static IngestionStatus fromWire(String raw) {
    return JobStatus.fromWire(IngestionStatus.class, raw, UNKNOWN);
  }
}
