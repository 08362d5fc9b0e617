package dev.genaiaws.core.testing;

import dev.genaiaws.core.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} whose asynchronous waits end only when the test says so: how a test holds a
 * call in its back-off. Shipped in core's test-jar.
 */
public final class ManualSleeper implements Sleeper {
  private final List<CompletableFuture<Void>> delays = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {}

  @Override
  public CompletableFuture<Void> delay(Duration duration) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    synchronized (delays) {
      delays.add(f);
      delays.notifyAll();
    }
    return f;
  }

  /**
   * Waits until at least {@code n} waits were asked for (another thread is then parked in its
   * back-off), at most 30 s, a generous bound that only stops a broken test from hanging; fails the
   * test past it.
   */
  public void awaitDelays(int n) throws InterruptedException {
    long until = System.nanoTime() + 30_000_000_000L;
    synchronized (delays) {
      while (delays.size() < n) {
        long left = (until - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new AssertionError(
              "expected " + n + " waits to be asked for, got " + delays.size());
        }
        delays.wait(left);
      }
    }
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
