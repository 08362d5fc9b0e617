package dev.genaiaws.knowledgebases.internal;

import java.util.concurrent.Flow;
import java.util.function.Supplier;
import org.jspecify.annotations.NullUnmarked;

/**
 * A subscriber wrapper that delivers one last item, made when upstream completes, before completing
 * downstream, without ever exceeding downstream's demand (if none is left, the item waits for the
 * next {@code request}). Internal.
 *
 * @param <T> the item type
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class EndingSubscriber<T> implements Flow.Subscriber<T>, Flow.Subscription {
  private final Flow.Subscriber<? super T> downstream;
  private final Supplier<? extends T> last;
  private Flow.Subscription upstream;
  private long demand;
  private boolean completed;
  private boolean finished;

  EndingSubscriber(Flow.Subscriber<? super T> downstream, Supplier<? extends T> last) {
    this.downstream = downstream;
    this.last = last;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    upstream = s;
    downstream.onSubscribe(this);
  }

  @Override
  public void onNext(T item) {
    synchronized (this) {
      demand--;
    }
    downstream.onNext(item);
  }

  @Override
  public void onError(Throwable t) {
    downstream.onError(t);
  }

  @Override
  public void onComplete() {
    synchronized (this) {
      completed = true;
    }
    drain();
  }

  private void drain() {
    synchronized (this) {
      if (!completed || finished || demand <= 0) {
        return;
      }
      finished = true;
    }
    T item;
    try {
      item = last.get();
    } catch (RuntimeException e) {
      downstream.onError(e);
      return;
    }
    downstream.onNext(item);
    downstream.onComplete();
  }

  @Override
  public void request(long n) {
    synchronized (this) {
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
    }
    upstream.request(n);
    drain();
  }

  @Override
  public void cancel() {
    synchronized (this) {
      finished = true;
    }
    upstream.cancel();
  }
}
