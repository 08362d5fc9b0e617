package dev.genaiaws.core;

import dev.genaiaws.core.GenerationEvent.Completed;
import dev.genaiaws.core.GenerationEvent.TextDelta;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A stream of a model's answer that you read with a plain loop. It holds at most a bounded number
 * of events: when you read slowly, it asks the connection for less (backpressure).
 *
 * <pre>{@code
 * try (GenerationStream stream = client.stream(request)) {
 *   for (GenerationEvent event : stream) {
 *     if (event instanceof GenerationEvent.TextDelta d) System.out.print(d.text());
 *   }
 *   System.out.println(stream.completed().map(c -> c.usage()).orElse(null));
 * }
 * }</pre>
 *
 * <p>Or drain it in one call with {@link #text()} or {@link #response()}. A failure of the stream
 * is thrown from the loop (or from {@code text()}) as a {@link GenAiException}, after the events
 * that came before it. {@link #close()} stops the stream and frees the connection; it may be called
 * from another thread to abort a reader, and it is safe to call twice. A stream is read once, by
 * one thread.
 */
public final class GenerationStream implements AutoCloseable, Iterable<GenerationEvent> {
  /** Events held at most, unless {@link #of(Flow.Publisher, int)} says otherwise. */
  public static final int DEFAULT_BUFFER_SIZE = 32;

  private static final Object END = new Object();

  /**
   * The hand-off from the publisher's thread to the reader: a lock-free queue, and the reader
   * parked only when it found the queue empty (the publisher unparks it only then). A blocking
   * queue took two locks and signalled a condition for every event.
   */
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();

  private volatile @Nullable Thread waiter;
  private final int bufferSize;
  private final int replenish;
  private volatile Flow.@Nullable Subscription subscription;
  private volatile boolean closed;

  /** Publisher side: whether the reader has been woken once (see {@link #put}). */
  private boolean wokenOnce;

  // reader-thread state
  private int consumedSinceRequest;
  private boolean done;
  private @Nullable Object pending;
  private final StringBuilder text = new StringBuilder();
  private @Nullable Completed completed;
  private final Iterator<GenerationEvent> iterator = new EventIterator();

  private GenerationStream(int bufferSize) {
    this.bufferSize = bufferSize;
    this.replenish = Math.max(1, bufferSize / 2);
  }

  /** Subscribes to the publisher at once and buffers up to {@value #DEFAULT_BUFFER_SIZE} events. */
  public static GenerationStream of(Flow.Publisher<GenerationEvent> publisher) {
    return of(publisher, DEFAULT_BUFFER_SIZE);
  }

  /** Subscribes to the publisher at once and buffers up to {@code bufferSize} events. */
  public static GenerationStream of(Flow.Publisher<GenerationEvent> publisher, int bufferSize) {
    if (bufferSize < 1) {
      throw new InvalidRequestException("bufferSize must be >= 1 but was " + bufferSize);
    }
    GenerationStream stream = new GenerationStream(bufferSize);
    publisher.subscribe(stream.new Receiver());
    return stream;
  }

  /** The events, in order. Every call returns the same cursor: a stream is read once. */
  @Override
  public Iterator<GenerationEvent> iterator() {
    return iterator;
  }

  /**
   * Reads the stream to its end and returns all its text, including text already read through the
   * iterator.
   *
   * @throws GenAiException if the stream failed
   */
  public String text() {
    drain();
    return text.toString();
  }

  /**
   * Reads the stream to its end and returns it as one response: the text, the stop reason, usage
   * and metadata of the {@link Completed} event.
   */
  public GenerationResponse response() {
    drain();
    if (completed == null) {
      return GenerationResponse.builder().content(List.of(new TextBlock(text.toString()))).build();
    }
    return completed.toResponse(text.toString());
  }

  /** The {@link Completed} event, once it has been read. */
  public Optional<Completed> completed() {
    return Optional.ofNullable(completed);
  }

  /** Stops the stream and frees the connection. Idempotent; may be called from any thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    put(END);
  }

  /**
   * Publisher side (or close): enqueue, then wake the reader if it is parked. The first time, the
   * publisher's thread also yields its core: the reader has waited since the request went out, and
   * on a busy machine a woken thread otherwise waits for the scheduler to find it a core (measured:
   * the first delta through {@code stream()} came 1.16 × later than to a callback on the SDK's
   * thread, ~1.07 × with the yield; yielding on every event slowed the rest of the stream). Once
   * per stream, so the SDK's event loop gives up almost nothing. The flag needs no lock: publishers
   * signal one at a time (Reactive Streams 1.3), and a race with {@link #close()} on another thread
   * costs at most a second yield.
   */
  @SuppressWarnings("ThreadPriorityCheck") // a scheduling hint on purpose, once per stream
  private void put(Object item) {
    queue.offer(item);
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
      if (!wokenOnce) {
        wokenOnce = true;
        Thread.yield();
      }
    }
  }

  /**
   * Reader side: the next item, waiting for it if need be. The waiter is published before the queue
   * is polled again, so an item offered after that poll finds it and unparks (no lost wake-up).
   */
  private Object take() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    Object item = queue.poll();
    if (item != null) {
      return item;
    }
    waiter = Thread.currentThread();
    try {
      while ((item = queue.poll()) == null) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return item;
    } finally {
      waiter = null;
    }
  }

  private void drain() {
    while (iterator.hasNext()) {
      iterator.next();
    }
  }

  private final class EventIterator implements Iterator<GenerationEvent> {
    @Override
    public boolean hasNext() {
      if (pending != null) {
        return true;
      }
      if (done) {
        return false;
      }
      if (closed) {
        done = true;
        return false;
      }
      Object item;
      try {
        item = take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        done = true;
        throw new GenAiClientException(
            "interrupted while waiting for the stream; it was closed", e);
      }
      if (item == END || closed) {
        done = true;
        return false;
      }
      if (item instanceof Failure f) {
        done = true;
        throw f.error instanceof GenAiException g
            ? g
            : new GenAiClientException("the stream failed: " + f.error, f.error);
      }
      pending = item;
      return true;
    }

    @Override
    public GenerationEvent next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the stream has ended");
      }
      GenerationEvent event = (GenerationEvent) java.util.Objects.requireNonNull(pending);
      pending = null;
      if (event instanceof TextDelta d) {
        text.append(d.text());
      } else if (event instanceof Completed c) {
        completed = c;
      }
      if (++consumedSinceRequest >= replenish && !closed) {
        consumedSinceRequest = 0;
        Flow.Subscription s = subscription;
        if (s != null) {
          s.request(replenish);
        }
      }
      return event;
    }
  }

  private record Failure(Throwable error) {}

  private final class Receiver implements Flow.Subscriber<GenerationEvent> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      if (subscription != null) {
        s.cancel();
        return;
      }
      subscription = s;
      if (closed) {
        s.cancel();
      } else {
        s.request(bufferSize);
      }
    }

    @Override
    public void onNext(GenerationEvent event) {
      if (!closed) {
        put(event);
      }
    }

    @Override
    public void onError(Throwable error) {
      put(new Failure(error));
    }

    @Override
    public void onComplete() {
      put(END);
    }
  }

  @Override
  public String toString() {
    return "GenerationStream[bufferSize=" + bufferSize + ", closed=" + closed + "]";
  }
}
