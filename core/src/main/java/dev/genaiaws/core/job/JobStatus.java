package dev.genaiaws.core.job;

/**
 * A job kind's own status, implemented by that kind's enum (e.g. one constant per status the Bedrock batch
 * service reports). It says which neutral {@link JobState} it belongs to and how the service spells it.
 * Every such enum has a constant for statuses it does not know, mapped to {@link JobState#UNKNOWN}; the
 * raw string is always kept in the {@link JobSnapshot}.
 */
public interface JobStatus {

  /** The neutral phase this status belongs to. */
  JobState state();

  /** The status as the service spells it on the wire (e.g. {@code "PartiallyCompleted"}). */
  String wireName();

  /** Whether the job can no longer change. */
  default boolean isTerminal() {
    return state().isTerminal();
  }
}
