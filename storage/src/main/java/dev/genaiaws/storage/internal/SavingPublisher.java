package dev.genaiaws.storage.internal;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationEvent.Completed;
import dev.genaiaws.core.GenerationEvent.TextDelta;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.jspecify.annotations.NullUnmarked;

/**
 * Passes a stream's events through untouched and as they come, accumulates its text, and starts a
 * save when {@link Completed} arrives. Only the stream's end signal waits for the save: if the save
 * fails (and the policy says fail), the subscriber gets {@code onError} with the failure instead of
 * {@code onComplete}. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SavingPublisher implements java.util.concurrent.Flow.Publisher<GenerationEvent> {
  private final java.util.concurrent.Flow.Publisher<GenerationEvent> upstream;
  private final BiFunction<String, Completed, CompletionStage<?>> save;

  /**
   * @param save given the whole text and the completed event, starts the save off the calling
   *     thread and returns its outcome
   */
  public SavingPublisher(
      java.util.concurrent.Flow.Publisher<GenerationEvent> upstream,
      BiFunction<String, Completed, CompletionStage<?>> save) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.save = Objects.requireNonNull(save, "save");
  }

  @Override
  public void subscribe(java.util.concurrent.Flow.Subscriber<? super GenerationEvent> downstream) {
    upstream.subscribe(new Tap(downstream));
  }

  private final class Tap implements java.util.concurrent.Flow.Subscriber<GenerationEvent> {
    private final java.util.concurrent.Flow.Subscriber<? super GenerationEvent> downstream;
    private final StringBuilder text = new StringBuilder();
    private volatile CompletionStage<?> saving;

    Tap(java.util.concurrent.Flow.Subscriber<? super GenerationEvent> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
      downstream.onSubscribe(subscription);
    }

    @Override
    public void onNext(GenerationEvent event) {
      if (event instanceof TextDelta d) {
        text.append(d.text());
      }
      downstream.onNext(event);
      if (event instanceof Completed c && saving == null) {
        CompletionStage<?> started;
        try {
          started = save.apply(text.toString(), c);
        } catch (RuntimeException e) {
          started = CompletableFuture.failedFuture(e);
        }
        saving = started;
      }
    }

    @Override
    public void onError(Throwable error) {
      downstream.onError(error);
    }

    @Override
    public void onComplete() {
      CompletionStage<?> pending = saving;
      if (pending == null) {
        downstream.onComplete();
        return;
      }
      pending.whenComplete(
          (ignored, error) -> {
            if (error == null) {
              downstream.onComplete();
            } else {
              downstream.onError(
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error);
            }
          });
    }
  }
}
