package dev.genaiaws.core.internal;

import dev.genaiaws.core.exception.GenAiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One streaming HTTP call, bridged from the provider SDK's event publisher to the {@link
 * Flow.Subscriber} of a {@link Transport#invokeStream} publisher, with backpressure: downstream
 * demand is passed to the SDK's subscription (held back until it exists), cancelling cancels the
 * subscription and the call. The SDK may report one failure three ways (to its subscriber, its
 * response handler and its future), possibly while an event is still being delivered on another
 * thread, so signals to downstream are serialised and only the first terminal one counts. Adapters
 * subscribe it to their SDK through {@code org.reactivestreams.FlowAdapters.toSubscriber(call)}.
 * Internal.
 *
 * @param <E> the SDK's event type
 * @param <T> what downstream receives for an event: the payload bytes for the generation adapters,
 *     a typed event for others (Converse, the knowledge-base stream)
 */
public final class StreamCall<E, T> implements Flow.Subscription, Flow.Subscriber<E> {

  /**
   * Maps a failure, knowing whether the response had started (in-stream errors map differently).
   */
  public interface ErrorMapper {
    GenAiException map(Throwable error, boolean afterResponse);
  }

  private final Flow.Subscriber<? super T> downstream;
  private final Function<? super E, ? extends T> payload;
  private final ErrorMapper errors;
  private final AtomicBoolean terminated = new AtomicBoolean();
  private final Object signals = new Object();
  private long pendingDemand;
  private Flow.@Nullable Subscription upstream;
  private volatile boolean cancelled;
  private volatile boolean responded;
  private volatile @Nullable CompletableFuture<?> call;

  /**
   * @param downstream who receives the payloads
   * @param payload an event's payload, or {@code null} for events to skip (types this code does not
   *     know)
   * @param errors maps the SDK's failures to our hierarchy
   */
  public StreamCall(
      Flow.Subscriber<? super T> downstream,
      Function<? super E, ? extends T> payload,
      ErrorMapper errors) {
    this.downstream = downstream;
    this.payload = payload;
    this.errors = errors;
  }

  /** Gives downstream its subscription, then starts the call unless it was cancelled at once. */
  public void start(Supplier<? extends CompletableFuture<?>> launch) {
    downstream.onSubscribe(this);
    if (cancelled) {
      return;
    }
    CompletableFuture<?> c;
    try {
      c = launch.get();
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    call = c;
    if (terminated.get()) {
      call = null; // ended already (failed at once): keep nothing
    }
    var unused =
        c.whenComplete(
            (v, e) -> {
              if (e != null) {
                fail(e);
              }
            });
    if (cancelled) {
      c.cancel(true);
    }
  }

  /** The response headers arrived: failures from now on are in-stream ones. */
  public void responseArrived() {
    responded = true;
  }

  /** Ends the stream with this failure, unless it has ended already. */
  public void fail(Throwable t) {
    synchronized (signals) {
      if (terminated.compareAndSet(false, true)) {
        release();
        downstream.onError(errors.map(t, responded));
      }
    }
  }

  /** After the end: lets go of the SDK's subscription and call (and so of their buffers). */
  private void release() {
    synchronized (this) {
      upstream = null;
    }
    call = null;
  }

  // ---- Flow.Subscription (downstream asks) ----

  @Override
  public void request(long n) {
    Flow.Subscription s;
    synchronized (this) {
      s = upstream;
      if (s == null) {
        pendingDemand = pendingDemand + n < 0 ? Long.MAX_VALUE : pendingDemand + n;
        return;
      }
    }
    s.request(n);
  }

  @Override
  public void cancel() {
    cancelled = true;
    terminated.set(true);
    Flow.Subscription s;
    synchronized (this) {
      s = upstream;
    }
    if (s != null) {
      s.cancel();
    }
    CompletableFuture<?> c = call;
    if (c != null) {
      c.cancel(true);
    }
    release();
  }

  // ---- Flow.Subscriber (the SDK delivers) ----

  @Override
  public void onSubscribe(Flow.Subscription s) {
    long demand;
    synchronized (this) {
      upstream = s;
      demand = pendingDemand;
      pendingDemand = 0;
    }
    if (cancelled) {
      s.cancel();
    } else if (demand > 0) {
      s.request(demand);
    }
  }

  @Override
  public void onNext(E event) {
    T item = payload.apply(event);
    if (item == null) {
      // an event type this code does not know: skip it, keeping the demand balanced
      Flow.Subscription s;
      synchronized (this) {
        s = upstream;
      }
      if (s != null) {
        s.request(1);
      }
      return;
    }
    synchronized (signals) {
      if (!terminated.get()) {
        downstream.onNext(item);
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    fail(t);
  }

  @Override
  public void onComplete() {
    synchronized (signals) {
      if (terminated.compareAndSet(false, true)) {
        release();
        downstream.onComplete();
      }
    }
  }
}
