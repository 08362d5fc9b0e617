package dev.genaiaws.core;

import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.internal.Checks;
import java.time.Duration;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * When and how often a client tries a failed call again. This is the only retry layer: the AWS
 * clients the SDK builds have their own retries switched off, so a call is never retried twice
 * over.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *     .maxAttempts(5)
 *     .baseDelay(Duration.ofMillis(200))
 *     .throttlingBaseDelay(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Only failures that {@link #retryOn() retryOn} accepts are retried; the default accepts
 *       {@link GenAiException#retryable()} ones (throttling, time-outs, models not ready, 5xx).
 *   <li>The wait before retry {@code n} (1-based) is exponential with "equal jitter": half of
 *       {@code min(maxDelay, base * 2^(n-1))} plus a random part up to the other half, where {@code
 *       base} is {@link #throttlingBaseDelay()} for throttling and {@link #baseDelay()} otherwise.
 *   <li>A stream is retried only before its first event: text already delivered is never replayed.
 *   <li>An AWS client you inject into a provider client keeps its own retry settings; switch them
 *       off or use {@link #none()} here to avoid retrying twice.
 * </ul>
 *
 * @see Sleeper for waiting in tests without sleeping
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration throttlingBaseDelay;
  private final Duration maxDelay;
  private final Predicate<GenAiException> retryOn;
  private final Sleeper sleeper;

  private RetryPolicy(Builder b) {
    if (b.maxAttempts < 1 || b.maxAttempts > 20) {
      throw new InvalidRequestException("maxAttempts must be in [1, 20] but was " + b.maxAttempts);
    }
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = positive(b.baseDelay, "baseDelay");
    this.throttlingBaseDelay = positive(b.throttlingBaseDelay, "throttlingBaseDelay");
    this.maxDelay = positive(b.maxDelay, "maxDelay");
    this.retryOn = Checks.notNull(b.retryOn, "retryOn");
    this.sleeper = Checks.notNull(b.sleeper, "sleeper");
  }

  private static Duration positive(Duration d, String field) {
    Checks.notNull(d, field);
    if (d.isNegative()) {
      throw new InvalidRequestException(field + " must be >= 0 but was " + d);
    }
    return d;
  }

  /** 3 attempts, 100 ms base delay, 1 s for throttling, at most 20 s between attempts. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** One attempt: never retry. */
  public static RetryPolicy none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Attempts in all, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration baseDelay() {
    return baseDelay;
  }

  public Duration throttlingBaseDelay() {
    return throttlingBaseDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  /** Which failures are retried. */
  public Predicate<GenAiException> retryOn() {
    return retryOn;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry) after {@code failure}.
   *
   * @param random a number in [0, 1) that picks the jittered part
   */
  public Duration delayBeforeRetry(int retry, @Nullable GenAiException failure, double random) {
    if (retry < 1) {
      throw new InvalidRequestException("retry must be >= 1 but was " + retry);
    }
    Duration base = failure instanceof ThrottlingException ? throttlingBaseDelay : baseDelay;
    long cap = maxDelay.toMillis();
    long exp = base.toMillis() << Math.min(retry - 1, 30);
    long ceiling = Math.min(cap, exp < 0 ? cap : exp);
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (Math.max(0, Math.min(random, 1.0)) * (ceiling - half)));
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts="
        + maxAttempts
        + ", baseDelay="
        + baseDelay
        + ", throttlingBaseDelay="
        + throttlingBaseDelay
        + ", maxDelay="
        + maxDelay
        + "]";
  }

  /** Builder for {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration baseDelay = Duration.ofMillis(100);
    private Duration throttlingBaseDelay = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofSeconds(20);
    private Predicate<GenAiException> retryOn = GenAiException::retryable;
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    private Builder(RetryPolicy p) {
      maxAttempts = p.maxAttempts;
      baseDelay = p.baseDelay;
      throttlingBaseDelay = p.throttlingBaseDelay;
      maxDelay = p.maxDelay;
      retryOn = p.retryOn;
      sleeper = p.sleeper;
    }

    /** Attempts in all, 1 to 20; 1 means never retry. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = baseDelay;
      return this;
    }

    /** The base delay after throttling; longer, since the quota refills slowly. */
    public Builder throttlingBaseDelay(Duration throttlingBaseDelay) {
      this.throttlingBaseDelay = throttlingBaseDelay;
      return this;
    }

    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    /** Which failures to retry; the default is {@code GenAiException::retryable}. */
    public Builder retryOn(Predicate<GenAiException> retryOn) {
      this.retryOn = retryOn;
      return this;
    }

    /** How to wait; tests pass one that does not really sleep. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
