package dev.genaiaws.core.internal;

import dev.genaiaws.core.Sleeper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The real {@link Sleeper}: a stateless constant. */
public final class SystemSleeper implements Sleeper {
  public static final SystemSleeper INSTANCE = new SystemSleeper();

  private SystemSleeper() {}

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  @Override
  public CompletableFuture<Void> delay(Duration duration) {
    // The JDK's delayer thread only triggers; the continuation runs on it and must stay short (it
    // just
    // starts the next non-blocking attempt).
    Executor delayed =
        CompletableFuture.delayedExecutor(
            duration.toMillis(), TimeUnit.MILLISECONDS, Runnable::run);
    return CompletableFuture.runAsync(() -> {}, delayed);
  }

  @Override
  public String toString() {
    return "Sleeper.system()";
  }
}
