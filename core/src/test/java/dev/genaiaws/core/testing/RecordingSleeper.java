package dev.genaiaws.core.testing;

import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} for tests: records each requested wait and returns at once, so retry tests
 * never sleep. Shipped in core's test-jar for the adapters' tests.
 */
public final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
  }

  @Override
  public CompletableFuture<Void> delay(Duration duration) {
    waits.add(duration);
    return CompletableFuture.completedFuture(null);
  }

  /** Forgets the waits recorded so far. */
  public void clear() {
    waits.clear();
  }

  /** The waits requested so far, in order. */
  public List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** A retry policy with this sleeper and {@code maxAttempts} attempts. */
  public RetryPolicy policy(int maxAttempts) {
    return RetryPolicy.builder().maxAttempts(maxAttempts).sleeper(this).build();
  }
}
