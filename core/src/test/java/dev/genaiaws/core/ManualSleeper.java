package dev.genaiaws.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} whose asynchronous waits end only when the test says so: how a test holds a call in
 * its back-off. Shipped in core's test-jar.
 */
public final class ManualSleeper implements Sleeper {
  private final List<CompletableFuture<Void>> delays = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {}

  @Override
  public CompletableFuture<Void> delay(Duration duration) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    delays.add(f);
    return f;
  }

  /** The waits asked for so far, in order. */
  public List<CompletableFuture<Void>> delays() {
    return List.copyOf(delays);
  }

  /** Ends every wait (whether or not it was cancelled). */
  public void wakeAll() {
    delays.forEach(f -> f.complete(null));
  }
}
