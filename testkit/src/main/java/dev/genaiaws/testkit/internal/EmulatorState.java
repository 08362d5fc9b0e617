package dev.genaiaws.testkit.internal;

import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.TextStyle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The recorded requests and the queued scripts of one emulator instance. Thread-safe. */
public final class EmulatorState {
  private final List<RecordedRequest> all = new ArrayList<>();
  private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
  private final Deque<Script> global = new ArrayDeque<>();
  private final Map<String, Deque<Script>> perTarget = new HashMap<>();
  private volatile TextStyle textStyle = TextStyle.PROSE;

  /** The style of generated text (kept across {@link #reset()}). */
  public TextStyle textStyle() {
    return textStyle;
  }

  /** Sets the style of generated text. */
  public void textStyle(TextStyle style) {
    this.textStyle = java.util.Objects.requireNonNull(style, "style");
  }

  /** Queues a script for any target ({@code target == null}) or for one target. */
  public synchronized void enqueue(String target, Script script) {
    (target == null ? global : perTarget.computeIfAbsent(target, k -> new ArrayDeque<>()))
        .addLast(script);
  }

  /** Takes the next script for {@code target}: its own queue first, then the global one. */
  public synchronized Script next(String target) {
    Deque<Script> own = target == null ? null : perTarget.get(target);
    if (own != null && !own.isEmpty()) {
      return own.pollFirst();
    }
    return global.pollFirst();
  }

  /** Records a request. */
  public void record(RecordedRequest request) {
    synchronized (this) {
      all.add(request);
    }
    untaken.add(request);
  }

  /** All requests so far, oldest first. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(all);
  }

  /** Number of requests so far. */
  public synchronized int requestCount() {
    return all.size();
  }

  /** The oldest request not yet taken, waiting up to {@code timeout}. */
  public Optional<RecordedRequest> take(Duration timeout) {
    try {
      return Optional.ofNullable(untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Forgets all requests and all queued scripts. */
  public synchronized void reset() {
    all.clear();
    untaken.clear();
    global.clear();
    perTarget.clear();
  }
}
