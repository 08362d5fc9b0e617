package dev.genaiaws.core.job;

/**
 * A job kind's own status, implemented by that kind's enum (e.g. one constant per status the
 * Bedrock batch service reports). It says which neutral {@link JobState} it belongs to and how the
 * service spells it. Every such enum has a constant for statuses it does not know, mapped to {@link
 * JobState#UNKNOWN}; the raw string is always kept in the {@link JobSnapshot}.
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

  /**
   * The constant of a kind's status enum whose {@link #wireName()} is {@code raw} (ignoring case),
   * or {@code unknown} for a status the enum does not know (or {@code null}): what each kind's
   * {@code fromWire} calls.
   */
  static <E extends Enum<E> & JobStatus> E fromWire(Class<E> type, String raw, E unknown) {
    if (raw != null) {
      for (E s : type.getEnumConstants()) {
        if (s != unknown && s.wireName().equalsIgnoreCase(raw)) {
          return s;
        }
      }
    }
    return unknown;
  }
}
