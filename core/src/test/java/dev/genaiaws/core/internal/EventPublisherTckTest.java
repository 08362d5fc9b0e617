package dev.genaiaws.core.internal;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.Sleeper;
import dev.genaiaws.core.exception.GenAiClientException;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * The Reactive Streams TCK against the publisher every stream goes through: a {@link
 * RetryingPublisher} over an {@link EventBridge} fed by an upstream that yields one event per
 * requested item.
 */
public class EventPublisherTckTest extends FlowPublisherVerification<GenerationEvent> {

  public EventPublisherTckTest() {
    super(new TestEnvironment(500));
  }

  @Override
  public Flow.Publisher<GenerationEvent> createFlowPublisher(long elements) {
    return new RetryingPublisher<>(
        attempt -> bridgeOf(elements), (n, e) -> Optional.empty(), Sleeper.system());
  }

  @Override
  public Flow.Publisher<GenerationEvent> createFailedFlowPublisher() {
    return new RetryingPublisher<>(
        attempt -> {
          EventBridge<GenerationEvent>[] holder = holder();
          holder[0] =
              new EventBridge<>(
                  () -> holder[0].fail(new GenAiClientException("failed on purpose")));
          return holder[0];
        },
        (n, e) -> Optional.empty(),
        Sleeper.system());
  }

  @Override
  public long maxElementsFromPublisher() {
    return 10_000;
  }

  private static Flow.Publisher<GenerationEvent> bridgeOf(long elements) {
    EventBridge<GenerationEvent>[] holder = holder();
    AtomicLong produced = new AtomicLong();
    holder[0] =
        new EventBridge<>(
            () -> {
              if (elements == 0) {
                holder[0].complete();
                return;
              }
              holder[0].attach(
                  new EventBridge.Upstream() {
                    @Override
                    public void request(long n) {
                      long i = produced.incrementAndGet();
                      holder[0].emit(new GenerationEvent.TextDelta("t" + i));
                      if (i >= elements) {
                        holder[0].complete();
                      } else {
                        holder[0].itemDone();
                      }
                    }

                    @Override
                    public void cancel() {}
                  });
            });
    return holder[0];
  }

  @SuppressWarnings("unchecked")
  private static EventBridge<GenerationEvent>[] holder() {
    return (EventBridge<GenerationEvent>[]) new EventBridge<?>[1];
  }
}
