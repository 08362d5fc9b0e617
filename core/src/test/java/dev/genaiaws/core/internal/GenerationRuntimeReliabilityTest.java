package dev.genaiaws.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.CallCancelledException;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.internal.Fakes.ScriptedTransport;
import dev.genaiaws.core.internal.Fakes.StreamScript;
import dev.genaiaws.core.testing.ManualSleeper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue #19's defects in the shared runtime: cancellation reaching the
 * transport and the retry loop, client-side stream failures freeing the connection, the stream
 * contract (no error after {@code Completed}, exactly one listener outcome), and finished streams
 * letting go of their buffers.
 */
class GenerationRuntimeReliabilityTest {
  private static final ServiceErrorDetails DETAILS =
      new ServiceErrorDetails(429, "ThrottlingException", "r1", "test");
  private final ManualSleeper sleeper = new ManualSleeper();
  private final ScriptedTransport transport = new ScriptedTransport();
  private final List<String> outcomes = new CopyOnWriteArrayList<>();
  private final List<GenAiException> errors = new CopyOnWriteArrayList<>();

  private GenerationRuntime runtime(int maxAttempts) {
    GenerationListener recorder =
        new GenerationListener() {
          @Override
          public void onResponse(CallInfo call, GenerationResponse response) {
            outcomes.add("response#" + call.attempt());
          }

          @Override
          public void onError(CallInfo call, GenAiException error) {
            outcomes.add("error#" + call.attempt());
            errors.add(error);
          }
        };
    CodecRegistry<ModelCodec> codecs =
        CodecRegistry.<ModelCodec>builder().register(new Fakes.TextCodec(), "test.").build();
    return new GenerationRuntime(
        new GenerationRuntime.Settings(
            "test",
            codecs,
            null,
            InferenceConfig.builder().maxTokens(50).build(),
            UnsupportedParameterPolicy.FAIL,
            RetryPolicy.builder().maxAttempts(maxAttempts).sleeper(sleeper).build(),
            List.of(recorder),
            null),
        transport);
  }

  private static GenerationRequest request() {
    return GenerationRequest.builder().modelId("test.model-v1").user("hello").build();
  }

  private static ThrottlingException throttled() {
    return new ThrottlingException("slow down", DETAILS, null);
  }

  // ---- (a) cancelling generateAsync ----

  @Test
  void generateAsync_cancelledWhileWaitingForTheAnswer_cancelsTheTransportCallAndTellsListeners() {
    transport.pendingAsync = true;
    CompletableFuture<GenerationResponse> f = runtime(3).generateAsync(request());
    assertThat(transport.pending).hasSize(1);

    assertThat(f.cancel(true)).isTrue();

    assertThat(transport.pending.get(0)).isCancelled();
    assertThat(transport.invocations).hasSize(1);
    assertThat(outcomes).containsExactly("error#1");
    assertThat(errors.get(0)).isInstanceOf(CallCancelledException.class);
    assertThat(errors.get(0).retryable()).isFalse();
  }

  @Test
  void generateAsync_cancelledDuringBackoff_neverSendsTheRetry() {
    transport.then(throttled()).then(ScriptedTransport.ok("too late"));
    CompletableFuture<GenerationResponse> f = runtime(3).generateAsync(request());
    assertThat(sleeper.delays()).hasSize(1);

    f.cancel(true);
    sleeper.wakeAll(); // the back-off ends after the cancel: the retry must not go out

    assertThat(sleeper.delays().get(0)).isCancelled();
    assertThat(transport.invocations).hasSize(1);
    assertThat(outcomes).containsExactly("error#1");
    assertThat(errors.get(0)).isInstanceOf(CallCancelledException.class);
  }

  @Test
  void generateAsync_cancelAfterSuccess_changesNothingForListeners() {
    transport.then(ScriptedTransport.ok("done"));
    CompletableFuture<GenerationResponse> f = runtime(3).generateAsync(request());

    assertThat(f.cancel(true)).isFalse();

    assertThat(f.join().text()).isEqualTo("done");
    assertThat(outcomes).containsExactly("response#1");
  }

  // ---- (b) a client-side failure mid-stream frees the connection at once ----

  @Test
  void stream_unreadableChunk_blockingReader_connectionReleasedBeforeClose() {
    transport.thenStream(new StreamScript(List.of("a", "BAD", "b", "END:stop"), null));
    GenerationStream s = GenerationStream.of(runtime(3).publisher(request()));
    List<GenerationEvent> seen = new ArrayList<>();

    assertThatThrownBy(() -> s.forEach(seen::add))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("test.model-v1");

    assertThat(transport.cancels).hasValue(1); // the reader never called close()
    assertThat(seen).containsExactly(new GenerationEvent.TextDelta("a"));
    assertThat(outcomes).containsExactly("error#1");
  }

  @Test
  void stream_unreadableChunk_reactiveSubscriber_connectionReleasedWithNothingToClose() {
    transport.thenStream(new StreamScript(List.of("a", "BAD", "b"), null));
    Recorder r = new Recorder();

    runtime(3).publisher(request()).subscribe(r);

    assertThat(transport.cancels).hasValue(1);
    assertThat(r.error).isInstanceOf(CodecException.class);
    assertThat(r.events).containsExactly(new GenerationEvent.TextDelta("a"));
  }

  // ---- (d) the stream contract: Completed only after a clean end ----

  @Test
  void stream_errorAfterTheLastChunk_blocking_failsWithoutCompleted() {
    ThrottlingException late = throttled();
    transport.thenStream(new StreamScript(List.of("a", "END:stop"), late));
    List<GenerationEvent> seen = new ArrayList<>();
    GenerationStream s = GenerationStream.of(runtime(3).publisher(request()));

    assertThatThrownBy(() -> s.forEach(seen::add)).isSameAs(late);

    assertThat(seen).containsExactly(new GenerationEvent.TextDelta("a"));
    assertThat(s.completed()).isEmpty();
    assertThat(outcomes).containsExactly("error#1");
    assertThat(transport.invocations).hasSize(1); // text was delivered: never replayed
  }

  @Test
  void stream_errorAfterTheLastChunk_reactive_failsWithoutCompleted() {
    ThrottlingException late = throttled();
    transport.thenStream(new StreamScript(List.of("a", "END:stop"), late));
    Recorder r = new Recorder();

    runtime(3).publisher(request()).subscribe(r);

    assertThat(r.events).containsExactly(new GenerationEvent.TextDelta("a"));
    assertThat(r.error).isSameAs(late);
    assertThat(r.completed).isFalse();
    assertThat(outcomes).containsExactly("error#1");
  }

  @Test
  void stream_cleanEnd_completedIsLastAndListenersSeeOneResponse() {
    transport.thenStream(new StreamScript(List.of("a", "END:stop", "ignored after the end"), null));
    Recorder r = new Recorder();

    runtime(3).publisher(request()).subscribe(r);
    r.subscription.cancel(); // a cancel after the end is no outcome of its own

    assertThat(r.events).hasSize(2);
    assertThat(r.events.get(1)).isInstanceOf(GenerationEvent.Completed.class);
    assertThat(r.completed).isTrue();
    assertThat(outcomes).containsExactly("response#1");
  }

  @Test
  void stream_closedBeforeTheEnd_listenersToldOfTheCancel() {
    transport.thenStream(new StreamScript(List.of("a", "b", "c", "END:stop"), null));
    try (GenerationStream s = GenerationStream.of(runtime(3).publisher(request()), 1)) {
      assertThat(s.iterator().next()).isEqualTo(new GenerationEvent.TextDelta("a"));
    }
    assertThat(outcomes).containsExactly("error#1");
    assertThat(errors.get(0)).isInstanceOf(CallCancelledException.class);
    assertThat(transport.cancels).hasValue(1);
  }

  // ---- (c) a finished stream lets go of its buffers ----

  @Test
  void stream_finishedButStillReferenced_itsConnectionBuffersCanBeCollected() {
    transport.thenStream(new StreamScript(List.of("a", "END:stop"), null));
    GenerationStream kept = GenerationStream.of(runtime(1).publisher(request()));
    assertThat(kept.text()).isEqualTo("a");

    assertThat(collected(transport.ballast))
        .as("the 2 MiB buffer of the finished stream's connection")
        .isTrue();
    assertThat(kept.completed()).isPresent();
  }

  @Test
  void stream_failedButSubscriptionStillReferenced_itsConnectionBuffersCanBeCollected() {
    transport.thenStream(new StreamScript(List.of("a", "BAD"), null));
    Recorder kept = new Recorder();
    runtime(1).publisher(request()).subscribe(kept);
    assertThat(kept.error).isInstanceOf(CodecException.class);

    assertThat(collected(transport.ballast)).isTrue();
    assertThat(kept.subscription).isNotNull();
  }

  /**
   * Whether the referent goes away once the garbage collector runs (asked a bounded number of
   * times).
   */
  private static boolean collected(java.lang.ref.WeakReference<?> ref) {
    for (int i = 0; i < 20 && ref.get() != null; i++) {
      System.gc();
    }
    return ref.get() == null;
  }

  /** A reactive subscriber that asks for everything and records what it gets. */
  private static final class Recorder implements Flow.Subscriber<GenerationEvent> {
    final List<GenerationEvent> events = new CopyOnWriteArrayList<>();
    volatile Throwable error;
    volatile boolean completed;
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(GenerationEvent item) {
      events.add(item);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }

  @Test
  void retryExecutor_cancelledBeforeTheFirstAttemptEnds_noSecondAttempt() {
    RetryExecutor retry =
        new RetryExecutor("t", RetryPolicy.builder().maxAttempts(3).sleeper(sleeper).build());
    List<CompletableFuture<String>> attempts = new ArrayList<>();
    CompletableFuture<String> f =
        retry.executeAsync(
            n -> {
              CompletableFuture<String> a = new CompletableFuture<>();
              attempts.add(a);
              return a;
            },
            Long.MAX_VALUE,
            (n, e, d) -> {});

    f.cancel(true);
    attempts.get(0).completeExceptionally(throttled());

    assertThat(attempts.get(0)).isCancelled();
    assertThat(attempts).hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void retryExecutor_syncCallsThatSucceed_neverSetUpTheRetryMachinery() {
    RetryExecutor retry =
        new RetryExecutor("t", RetryPolicy.builder().maxAttempts(3).sleeper(sleeper).build());
    String first = retry.execute(n -> "ok", Long.MAX_VALUE, (n, e, d) -> {});
    assertThat(first).isEqualTo("ok");
    assertThat(retry.decisionsMade()).isFalse();

    List<Integer> attempts = new ArrayList<>();
    String result =
        retry.execute(
            n -> {
              attempts.add(n);
              if (n == 1) {
                throw throttled();
              }
              return "second";
            },
            Long.MAX_VALUE,
            (n, e, d) -> {});

    assertThat(result).isEqualTo("second");
    assertThat(attempts).containsExactly(1, 2);
    assertThat(retry.decisionsMade()).isTrue();
  }
}
