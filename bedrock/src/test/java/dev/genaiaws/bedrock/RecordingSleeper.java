package dev.genaiaws.bedrock;

import dev.genaiaws.core.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records the requested waits and returns at once, so retry tests never wait. */
final class RecordingSleeper implements Sleeper {
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

  void clear() {
    waits.clear();
  }

  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
