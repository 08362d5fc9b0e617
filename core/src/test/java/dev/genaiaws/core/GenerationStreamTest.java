package dev.genaiaws.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import dev.genaiaws.core.exception.ThrottlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GenerationStreamTest {

  /** A publisher under the test's control: records demand and cancellation, emits on command. */
  static final class ManualPublisher implements Flow.Publisher<GenerationEvent> {
    final AtomicLong requested = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();
    volatile Flow.Subscriber<? super GenerationEvent> subscriber;

    @Override
    public void subscribe(Flow.Subscriber<? super GenerationEvent> s) {
      subscriber = s;
      s.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {
              requested.addAndGet(n);
            }

            @Override
            public void cancel() {
              cancelled.set(true);
            }
          });
    }

    void emit(String text) {
      subscriber.onNext(new GenerationEvent.TextDelta(text));
    }

    void complete(int in, int out) {
      subscriber.onNext(
          new GenerationEvent.Completed(StopReason.STOP, "end_turn", TokenUsage.of(in, out), null));
      subscriber.onComplete();
    }
  }

  @Test
  void iterate_slowReader_requestsOnlyWhatFitsTheBuffer() {
    ManualPublisher p = new ManualPublisher();
    GenerationStream s = GenerationStream.of(p, 4);
    assertThat(p.requested).hasValue(4);

    for (int i = 0; i < 4; i++) {
      p.emit("t" + i);
    }
    var it = s.iterator();
    it.next();
    assertThat(p.requested).hasValue(4);
    it.next();
    assertThat(p.requested).as("replenished half the buffer after reading half").hasValue(6);
  }

  @Test
  void text_afterCompletion_concatenatesAllDeltasAndKeepsCompleted() {
    ManualPublisher p = new ManualPublisher();
    GenerationStream s = GenerationStream.of(p);
    p.emit("Hel");
    p.emit("lo");
    p.complete(3, 2);

    assertThat(s.text()).isEqualTo("Hello");
    assertThat(s.completed())
        .get()
        .extracting(GenerationEvent.Completed::usage)
        .isEqualTo(TokenUsage.of(3, 2));
    GenerationResponse r = s.response();
    assertThat(r.text()).isEqualTo("Hello");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("end_turn");
  }

  @Test
  void iterate_errorAfterEvents_throwsAfterDeliveringThem() {
    ManualPublisher p = new ManualPublisher();
    GenerationStream s = GenerationStream.of(p);
    ThrottlingException error =
        new ThrottlingException(
            "x", new ServiceErrorDetails(0, "throttlingException", null, "t"), null);
    p.emit("a");
    p.subscriber.onError(error);

    List<GenerationEvent> seen = new ArrayList<>();
    assertThatThrownBy(() -> s.forEach(seen::add)).isSameAs(error);
    assertThat(seen).containsExactly(new GenerationEvent.TextDelta("a"));
    assertThat(s.iterator().hasNext()).isFalse();
  }

  @Test
  void iterate_nonGenAiError_wrappedWithCause() {
    ManualPublisher p = new ManualPublisher();
    GenerationStream s = GenerationStream.of(p);
    IllegalStateException boom = new IllegalStateException("boom");
    p.subscriber.onError(boom);
    assertThatThrownBy(s::text).isInstanceOf(GenAiClientException.class).hasCause(boom);
  }

  @Test
  void close_cancelsUpstreamAndEndsIteration() {
    ManualPublisher p = new ManualPublisher();
    GenerationStream s = GenerationStream.of(p);
    p.emit("a");
    s.close();
    s.close();

    assertThat(p.cancelled).isTrue();
    assertThat(s.iterator().hasNext()).isFalse();
    p.emit("late");
    assertThat(s.iterator().hasNext()).isFalse();
  }

  @Test
  void close_fromAnotherThread_unblocksWaitingReader() throws Exception {
    ManualPublisher p = new ManualPublisher();
    GenerationStream s = GenerationStream.of(p);
    CountDownLatch finished = new CountDownLatch(1);
    AtomicBoolean result = new AtomicBoolean(true);
    Thread reader =
        new Thread(
            () -> {
              result.set(s.iterator().hasNext());
              finished.countDown();
            });
    reader.start();
    s.close();
    assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(result).isFalse();
  }

  @Test
  void of_badBufferSize_rejected() {
    assertThatThrownBy(() -> GenerationStream.of(new ManualPublisher(), 0))
        .hasMessage("bufferSize must be >= 1 but was 0");
  }
}
