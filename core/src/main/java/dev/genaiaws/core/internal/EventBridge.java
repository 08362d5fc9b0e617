package dev.genaiaws.core.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A single-subscriber {@link Flow.Publisher} fed by a producer that turns upstream items (stream
 * chunks) into zero or more events each. It asks the upstream for one more item only when the
 * subscriber has demand and nothing is queued, so a slow reader slows the connection
 * (backpressure).
 *
 * <p>Producer side: {@link #attach(Upstream)} once, then {@link #emit} events, {@link #itemDone()}
 * after each upstream item, and {@link #complete()} or {@link #fail(Throwable)} once. Emission is
 * serialised by the producer (as reactive upstreams guarantee); delivery is serialised here.
 * Internal.
 *
 * @param <T> the event type
 */
public final class EventBridge<T> implements Flow.Publisher<T> {

  /** The source of items: asked for one at a time, cancelled when the subscriber cancels. */
  public interface Upstream {
    void request(long n);

    void cancel();
  }

  private final Queue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong requested = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private final Runnable onFirstSubscribe;
  private volatile Flow.@Nullable Subscriber<? super T> subscriber;
  private volatile @Nullable Upstream upstream;
  private volatile boolean upstreamPending;
  private volatile boolean done;
  private volatile @Nullable Throwable error;
  private volatile boolean cancelled;
  private volatile boolean terminated;

  /**
   * @param onFirstSubscribe run once when the subscriber arrives (e.g. to start the HTTP call)
   */
  public EventBridge(Runnable onFirstSubscribe) {
    this.onFirstSubscribe = onFirstSubscribe;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> s) {
    if (s == null) {
      throw new NullPointerException("subscriber");
    }
    if (!subscribed.compareAndSet(false, true)) {
      s.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      s.onError(
          new IllegalStateException("this stream allows one subscriber; call the client again"));
      return;
    }
    subscriber = s;
    s.onSubscribe(new Subscription());
    if (!cancelled) {
      try {
        onFirstSubscribe.run();
      } catch (RuntimeException e) {
        fail(e);
      }
    }
  }

  /** Connects the upstream; call once, from the producer. */
  public void attach(Upstream up) {
    this.upstream = up;
    if (cancelled) {
      up.cancel();
      return;
    }
    drain();
  }

  /** Queues an event for delivery. */
  public void emit(T event) {
    if (!cancelled && !done) {
      queue.offer(event);
    }
  }

  /** Marks the current upstream item as processed and delivers what it produced. */
  public void itemDone() {
    upstreamPending = false;
    drain();
  }

  /** Ends the stream after the queued events. */
  public void complete() {
    done = true;
    drain();
  }

  /** Ends the stream with an error after the queued events. */
  public void fail(Throwable t) {
    if (done) {
      return;
    }
    error = t;
    done = true;
    drain();
  }

  /** Whether the subscriber cancelled. */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Lets go of the upstream and the subscriber once the stream has ended, so that a subscription
   * the subscriber keeps does not keep the connection's buffers reachable.
   */
  private void release() {
    upstream = null;
    subscriber = null;
    error = null;
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      Flow.Subscriber<? super T> s = subscriber;
      if (s != null && !terminated) {
        long r = requested.get();
        long emitted = 0;
        while (emitted != r && !cancelled) {
          T item = queue.poll();
          if (item == null) {
            break;
          }
          s.onNext(item);
          emitted++;
        }
        if (emitted != 0 && r != Long.MAX_VALUE) {
          requested.addAndGet(-emitted);
        }
        if (cancelled) {
          queue.clear();
          release();
        } else if (queue.isEmpty() && done) {
          terminated = true;
          Throwable e = error;
          release();
          if (e != null) {
            s.onError(e);
          } else {
            s.onComplete();
          }
        } else if (queue.isEmpty() && requested.get() > 0 && !upstreamPending && upstream != null) {
          upstreamPending = true;
          upstream.request(1);
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private final class Subscription implements Flow.Subscription {
    @Override
    public void request(long n) {
      if (n <= 0) {
        Flow.Subscriber<? super T> s = subscriber;
        cancel();
        if (s != null && !terminated) {
          terminated = true;
          s.onError(new IllegalArgumentException("§3.9: request must be positive but was " + n));
        }
        return;
      }
      requested.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n);
      drain();
    }

    @Override
    public void cancel() {
      if (cancelled) {
        return;
      }
      cancelled = true;
      Upstream up = upstream;
      if (up != null) {
        up.cancel();
      }
      drain(); // drops what is queued and lets go of upstream and subscriber
    }
  }
}
