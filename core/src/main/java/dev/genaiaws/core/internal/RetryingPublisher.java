package dev.genaiaws.core.internal;

import dev.genaiaws.core.exception.CallCancelledException;
import dev.genaiaws.core.exception.GenAiException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Re-subscribes to a fresh attempt when a stream fails <em>before its first event</em> and the
 * retry policy allows; once an event was delivered, a failure ends the stream (output is never
 * replayed). Demand the subscriber signalled but that was not yet met carries over to the next
 * attempt. A cancel before the end is reported to {@code onFinalError} as a {@link
 * CallCancelledException}. Once the stream has ended, the subscription lets go of the attempt (and
 * so of its connection and buffers), even when the subscriber keeps holding it. Internal.
 *
 * @param <T> the event type
 */
public final class RetryingPublisher<T> implements Flow.Publisher<T> {

  /** Decides whether and after how long to retry; empty means give up. */
  public interface RetryDecision {
    Optional<Duration> retryAfter(int failedAttempt, GenAiException error);
  }

  private final IntFunction<Flow.Publisher<T>> attempts;
  private final RetryDecision decision;
  private final dev.genaiaws.core.Sleeper sleeper;
  private final java.util.function.ObjIntConsumer<Throwable> onFinalError;

  /**
   * @param attempts makes the publisher of attempt {@code n} (1-based)
   */
  public RetryingPublisher(
      IntFunction<Flow.Publisher<T>> attempts,
      RetryDecision decision,
      dev.genaiaws.core.Sleeper sleeper) {
    this(attempts, decision, sleeper, (e, n) -> {});
  }

  /**
   * @param attempts makes the publisher of attempt {@code n} (1-based)
   * @param onFinalError told of the error that ends the stream, with the attempt it ended
   */
  public RetryingPublisher(
      IntFunction<Flow.Publisher<T>> attempts,
      RetryDecision decision,
      dev.genaiaws.core.Sleeper sleeper,
      java.util.function.ObjIntConsumer<Throwable> onFinalError) {
    this.attempts = attempts;
    this.decision = decision;
    this.sleeper = sleeper;
    this.onFinalError = onFinalError;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> downstream) {
    Coordinator c = new Coordinator(downstream);
    downstream.onSubscribe(c);
    c.start(1);
  }

  private final class Coordinator implements Flow.Subscription {
    private final Flow.Subscriber<? super T> downstream;
    private final AtomicLong outstanding = new AtomicLong();
    private volatile Flow.@Nullable Subscription current;
    private volatile boolean cancelled;
    private volatile boolean delivered;
    private volatile boolean finished;
    private volatile int attemptNumber;

    Coordinator(Flow.Subscriber<? super T> downstream) {
      this.downstream = downstream;
    }

    void start(int attempt) {
      if (cancelled) {
        return;
      }
      attemptNumber = attempt;
      Flow.Publisher<T> publisher;
      try {
        publisher = attempts.apply(attempt);
      } catch (RuntimeException e) {
        onAttemptError(attempt, e);
        return;
      }
      publisher.subscribe(new AttemptSubscriber(attempt));
    }

    void onAttemptError(int attempt, Throwable t) {
      if (cancelled || finished) {
        return;
      }
      if (t instanceof GenAiException g) {
        if (!delivered) {
          Optional<Duration> wait = decision.retryAfter(attempt, g);
          if (wait.isPresent()) {
            var unused = sleeper.delay(wait.get()).whenComplete((v, e) -> start(attempt + 1));
            return;
          }
        }
        g.withAttempts(attempt);
      }
      finished = true;
      current = null;
      onFinalError.accept(t, attempt);
      downstream.onError(t);
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        boolean wasFinished = finished;
        finished = true; // the §3.9 error below ends the stream; not a cancel by the caller
        Flow.Subscription s = current;
        cancelled = true;
        current = null;
        if (s != null) {
          s.cancel();
        }
        if (!wasFinished) {
          IllegalArgumentException e =
              new IllegalArgumentException("§3.9: request must be positive but was " + n);
          onFinalError.accept(e, attemptNumber);
          downstream.onError(e);
        }
        return;
      }
      outstanding.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n);
      Flow.Subscription s = current;
      if (s != null) {
        s.request(n);
      }
    }

    @Override
    public void cancel() {
      if (cancelled) {
        return;
      }
      cancelled = true;
      Flow.Subscription s = current;
      current = null;
      if (s != null) {
        s.cancel();
      }
      if (!finished) {
        finished = true;
        int n = attemptNumber;
        CallCancelledException e =
            new CallCancelledException("the stream was cancelled by the caller");
        onFinalError.accept(n >= 1 ? e.withAttempts(n) : e, n);
      }
    }

    private final class AttemptSubscriber implements Flow.Subscriber<T> {
      private final int attempt;

      AttemptSubscriber(int attempt) {
        this.attempt = attempt;
      }

      @Override
      public void onSubscribe(Flow.Subscription s) {
        current = s;
        if (cancelled) {
          s.cancel();
          return;
        }
        long r = outstanding.get();
        if (r > 0) {
          s.request(r);
        }
      }

      @Override
      public void onNext(T item) {
        if (cancelled || finished) {
          return;
        }
        delivered = true;
        outstanding.getAndUpdate(r -> r == Long.MAX_VALUE ? r : r - 1);
        downstream.onNext(item);
      }

      @Override
      public void onError(Throwable t) {
        onAttemptError(attempt, t);
      }

      @Override
      public void onComplete() {
        if (!finished) {
          finished = true;
          current = null;
          downstream.onComplete();
        }
      }
    }
  }
}
