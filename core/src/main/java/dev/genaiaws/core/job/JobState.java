package dev.genaiaws.core.job;

/**
 * The provider-neutral phase of a long-running job. Each job kind maps every status its service
 * reports to one of these (see {@link JobStatus}); code that handles several kinds of job switches
 * on this.
 */
public enum JobState {
  /** Accepted, validating or waiting for capacity; no work has started. */
  QUEUED(false),
  /** Running. */
  IN_PROGRESS(false),
  /** A stop was requested and the service is winding the job down. */
  STOPPING(false),
  /**
   * Finished and every item succeeded (individual records may still have failed: see the progress).
   */
  SUCCEEDED(true),
  /**
   * Finished, but only part of the work was done (e.g. the time-out came before every record ran).
   */
  PARTIALLY_SUCCEEDED(true),
  /** Finished without a usable result; the snapshot's message says why. */
  FAILED(true),
  /** Stopped on request. */
  STOPPED(true),
  /** Never started before its time-out ran out. */
  EXPIRED(true),
  /**
   * A status this version of the SDK does not know; treated as still running (the raw string is
   * kept).
   */
  UNKNOWN(false);

  private final boolean terminal;

  JobState(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether the job can no longer change: polling stops here. */
  public boolean isTerminal() {
    return terminal;
  }
}
