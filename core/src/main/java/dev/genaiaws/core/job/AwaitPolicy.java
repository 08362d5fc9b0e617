package dev.genaiaws.core.job;

import dev.genaiaws.core.Sleeper;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Job#await(Duration)} paces its polls: the first wait, the factor each wait grows by,
 * and the cap. With the defaults (5 s, ×2, capped at 60 s) a job is checked after 5, 10, 20, 40,
 * 60, 60, … seconds; the last wait is shortened so that the final check falls on the deadline.
 *
 * <p>Waits go through the {@link Sleeper}; tests pass one that records the waits and returns at
 * once. The deadline is measured as the larger of the wall time spent and the sum of the waits
 * asked for, so with a recording sleeper it is reached deterministically, without real time
 * passing.
 *
 * <pre>{@code
 * AwaitPolicy policy = AwaitPolicy.builder()
 *     .initialDelay(Duration.ofSeconds(30))
 *     .maxDelay(Duration.ofMinutes(5))
 *     .build();
 * }</pre>
 */
public final class AwaitPolicy {
  private static final AwaitPolicy DEFAULTS = builder().build();

  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final Sleeper sleeper;

  private AwaitPolicy(Builder b) {
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
    this.multiplier = b.multiplier;
    this.sleeper = b.sleeper;
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new InvalidRequestException(
          "maxDelay must be >= initialDelay (" + initialDelay + ") but was " + maxDelay);
    }
  }

  /** 5 s first wait, doubling, capped at 60 s, real sleeps. */
  public static AwaitPolicy defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .initialDelay(initialDelay)
        .maxDelay(maxDelay)
        .multiplier(multiplier)
        .sleeper(sleeper);
  }

  public Duration initialDelay() {
    return initialDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public double multiplier() {
    return multiplier;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  /**
   * The wait after the {@code n}-th poll (0-based), before the deadline cap: capped exponential.
   */
  public Duration delayAfter(int n) {
    double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, n));
    long capped = (long) Math.min(millis, (double) maxDelay.toMillis());
    return Duration.ofMillis(capped);
  }

  @Override
  public String toString() {
    return "AwaitPolicy[initialDelay="
        + initialDelay
        + ", multiplier="
        + multiplier
        + ", maxDelay="
        + maxDelay
        + ", sleeper="
        + sleeper
        + "]";
  }

  /** Builds an {@link AwaitPolicy}. */
  public static final class Builder {
    private Duration initialDelay = Duration.ofSeconds(5);
    private Duration maxDelay = Duration.ofSeconds(60);
    private double multiplier = 2.0;
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /** The wait after the first poll; must be positive (default 5 s). */
    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = positive(initialDelay, "initialDelay");
      return this;
    }

    /** The longest wait between two polls (default 60 s). */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = positive(maxDelay, "maxDelay");
      return this;
    }

    /** How much each wait grows, at least 1.0 (default 2.0). */
    public Builder multiplier(double multiplier) {
      if (Double.isNaN(multiplier) || multiplier < 1.0) {
        throw new InvalidRequestException("multiplier must be >= 1.0 but was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /** How to wait (default {@link Sleeper#system()}). */
    public Builder sleeper(Sleeper sleeper) {
      if (sleeper == null) {
        throw new InvalidRequestException("sleeper must not be null");
      }
      this.sleeper = sleeper;
      return this;
    }

    public AwaitPolicy build() {
      return new AwaitPolicy(this);
    }

    private static Duration positive(Duration d, String field) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new InvalidRequestException(field + " must be a positive duration but was " + d);
      }
      return d;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AwaitPolicy p
        && initialDelay.equals(p.initialDelay)
        && maxDelay.equals(p.maxDelay)
        && multiplier == p.multiplier
        && sleeper.equals(p.sleeper);
  }

  @Override
  public int hashCode() {
    return Objects.hash(initialDelay, maxDelay, multiplier, sleeper);
  }
}
