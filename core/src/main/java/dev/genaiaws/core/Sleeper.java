package dev.genaiaws.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How the retry layer waits between attempts. The default really waits; tests pass one that records
 * the requested delays and returns at once, so no test sleeps for real back-off.
 */
public interface Sleeper {

  /** Blocks for the duration (synchronous calls). */
  void sleep(Duration duration) throws InterruptedException;

  /** A future completed after the duration (asynchronous calls and streams); must not block. */
  CompletableFuture<Void> delay(Duration duration);

  /** The real clock. */
  static Sleeper system() {
    return dev.genaiaws.core.internal.SystemSleeper.INSTANCE;
  }
}
