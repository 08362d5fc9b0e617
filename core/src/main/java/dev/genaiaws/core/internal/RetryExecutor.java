package dev.genaiaws.core.internal;

import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Runs calls under a {@link RetryPolicy}. resilience4j's {@link Retry} decides (attempt counting,
 * the retry predicate, the interval function); the policy's {@link dev.genaiaws.core.Sleeper}
 * waits, so tests never sleep. The same decisions serve sync calls, async calls and streams.
 * Internal.
 */
public final class RetryExecutor {

  /** Told before each retry. */
  public interface RetryObserver {
    void beforeRetry(int failedAttempt, GenAiException error, Duration delay);
  }

  private final String name;
  private final RetryPolicy policy;
  private final DoubleSupplier random;

  /**
   * Made at the first failure of any call: most clients never see one, and the classes cost
   * start-up time.
   */
  private volatile @Nullable Retry retry;

  public RetryExecutor(String name, RetryPolicy policy) {
    this(name, policy, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
  }

  public RetryExecutor(String name, RetryPolicy policy, DoubleSupplier random) {
    this.name = name;
    this.policy = policy;
    this.random = random;
  }

  private Retry retry() {
    Retry r = retry;
    if (r == null) {
      synchronized (this) {
        r = retry;
        if (r == null) {
          RetryConfig config =
              RetryConfig.custom()
                  .maxAttempts(policy.maxAttempts())
                  .retryOnException(t -> t instanceof GenAiException g && policy.retryOn().test(g))
                  .intervalBiFunction(
                      (Integer attempt, Either<Throwable, Object> outcome) -> {
                        GenAiException e =
                            outcome.isLeft() && outcome.getLeft() instanceof GenAiException g
                                ? g
                                : null;
                        return policy.delayBeforeRetry(attempt, e, random.getAsDouble()).toMillis();
                      })
                  .failAfterMaxAttempts(false)
                  .build();
          r = Retry.of(name, config);
          retry = r;
        }
      }
    }
    return r;
  }

  /** Whether the retry machinery has been set up (at the first failure), for tests. */
  boolean decisionsMade() {
    return retry != null;
  }

  public RetryPolicy policy() {
    return policy;
  }

  /** A fresh decision context for one call. */
  public Decisions newCall() {
    return new Decisions(retry().asyncContext());
  }

  /**
   * Runs {@code attempt} (given the 1-based attempt number) until it succeeds, fails for good, or
   * the deadline ({@link System#nanoTime()} based; {@code Long.MAX_VALUE} for none) would pass
   * while waiting.
   */
  public <T> T execute(IntFunction<T> attempt, long deadlineNanos, RetryObserver observer) {
    Decisions call =
        null; // made at the first failure: most calls succeed at once and need no decisions
    for (int n = 1; ; n++) {
      try {
        T result = attempt.apply(n);
        if (call != null) {
          call.succeeded();
        }
        return result;
      } catch (GenAiException e) {
        if (call == null) {
          call = newCall();
        }
        Optional<Duration> wait = call.retryAfter(e, deadlineNanos);
        if (wait.isEmpty()) {
          throw e.withAttempts(n);
        }
        observer.beforeRetry(n, e, wait.get());
        try {
          policy.sleeper().sleep(wait.get());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          GenAiClientException interrupted =
              new GenAiClientException("interrupted while waiting to retry", ie, false);
          interrupted.addSuppressed(e);
          throw interrupted.withAttempts(n);
        }
      }
    }
  }

  /**
   * The asynchronous form of {@link #execute}: waits with {@link dev.genaiaws.core.Sleeper#delay}.
   * Cancelling the returned future cancels the attempt in flight (which aborts its HTTP call) or
   * the wait before the next one, and no further attempt is started.
   */
  public <T> CompletableFuture<T> executeAsync(
      IntFunction<CompletableFuture<T>> attempt, long deadlineNanos, RetryObserver observer) {
    CompletableFuture<T> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
    var unusedCancel =
        result.whenComplete(
            (v, e) -> {
              if (result.isCancelled()) {
                CompletableFuture<?> current = inFlight.getAndSet(null);
                if (current != null) {
                  current.cancel(true);
                }
              }
            });
    runAsync(newCall(), attempt, 1, deadlineNanos, observer, result, inFlight);
    return result;
  }

  /**
   * Makes {@code current} the stage a cancel of {@code result} reaches; cancels it if result
   * already ended.
   */
  private static void track(
      CompletableFuture<?> result,
      AtomicReference<CompletableFuture<?>> inFlight,
      CompletableFuture<?> current) {
    inFlight.set(current);
    if (result.isCancelled()) {
      current.cancel(true);
    }
  }

  private <T> void runAsync(
      Decisions call,
      IntFunction<CompletableFuture<T>> attempt,
      int n,
      long deadlineNanos,
      RetryObserver observer,
      CompletableFuture<T> result,
      AtomicReference<CompletableFuture<?>> inFlight) {
    if (result.isDone()) {
      return; // cancelled by the caller: no further attempt
    }
    CompletableFuture<T> f;
    try {
      f = attempt.apply(n);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    track(result, inFlight, f);
    var unused =
        f.whenComplete(
            (value, error) -> {
              if (result.isDone()) {
                return;
              }
              if (error == null) {
                call.succeeded();
                result.complete(value);
                return;
              }
              Throwable cause =
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error;
              if (!(cause instanceof GenAiException g)) {
                result.completeExceptionally(cause);
                return;
              }
              Optional<Duration> wait = call.retryAfter(g, deadlineNanos);
              if (wait.isEmpty()) {
                result.completeExceptionally(g.withAttempts(n));
                return;
              }
              observer.beforeRetry(n, g, wait.get());
              CompletableFuture<Void> delay = policy.sleeper().delay(wait.get());
              track(result, inFlight, delay);
              var unusedDelay =
                  delay.whenComplete(
                      (v, e) ->
                          runAsync(
                              call, attempt, n + 1, deadlineNanos, observer, result, inFlight));
            });
  }

  /** The retry decisions of one call, in attempt order. */
  public static final class Decisions {
    private final Retry.AsyncContext<Object> context;

    private Decisions(Retry.AsyncContext<Object> context) {
      this.context = context;
    }

    /** How long to wait before the next attempt after {@code error}, or empty to give up. */
    public Optional<Duration> retryAfter(GenAiException error, long deadlineNanos) {
      long millis = context.onError(error);
      if (millis < 0) {
        return Optional.empty();
      }
      if (deadlineNanos != Long.MAX_VALUE
          && System.nanoTime() + millis * 1_000_000L >= deadlineNanos) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis(millis));
    }

    public void succeeded() {
      context.onComplete();
    }
  }
}
