package dev.genaiaws.customization.internal;

import dev.genaiaws.core.job.JobStatus;

/** Looks up a status enum constant by its wire name. Internal. */
public final class WireStatus {
  private WireStatus() {}

  /** The constant of {@code values} spelled {@code wire} on the wire, else {@code unknown}. */
  public static <E extends Enum<E> & JobStatus> E of(E[] values, String wire, E unknown) {
    for (E s : values) {
      if (s != unknown && s.wireName().equals(wire)) {
        return s;
      }
    }
    return unknown;
  }
}
