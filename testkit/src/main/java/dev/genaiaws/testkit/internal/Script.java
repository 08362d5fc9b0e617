package dev.genaiaws.testkit.internal;

import dev.genaiaws.testkit.Fault;
import org.jspecify.annotations.Nullable;

/**
 * One queued instruction for the next matching request: a {@link Fault} or a canned body.
 *
 * @param fault the fault, or {@code null} for a canned response
 * @param cannedBody the body to answer with (status 200), or {@code null} for a fault
 */
public record Script(@Nullable Fault fault, byte @Nullable [] cannedBody) {
  /** A fault. */
  public static Script of(Fault fault) {
    return new Script(java.util.Objects.requireNonNull(fault, "fault"), null);
  }

  /** A canned 200 body. */
  public static Script canned(byte[] body) {
    return new Script(null, body.clone());
  }
}
