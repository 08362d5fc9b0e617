package dev.genaiaws.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.exception.GenAiClientException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamCallTest {
  /** What downstream saw. */
  static final class Recorder implements Flow.Subscriber<byte[]> {
    final List<String> seen = new CopyOnWriteArrayList<>();
    Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(byte[] item) {
      seen.add(new String(item, StandardCharsets.UTF_8));
    }

    @Override
    public void onError(Throwable t) {
      seen.add("error:" + t.getMessage());
    }

    @Override
    public void onComplete() {
      seen.add("complete");
    }
  }

  /** The SDK side: records demand and cancellation. */
  static final class Upstream implements Flow.Subscription {
    final AtomicLong requested = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public void request(long n) {
      requested.addAndGet(n);
    }

    @Override
    public void cancel() {
      cancelled.set(true);
    }
  }

  private static StreamCall<String, byte[]> call(Recorder r) {
    return new StreamCall<>(
        r,
        e -> e.startsWith("skip") ? null : e.getBytes(StandardCharsets.UTF_8),
        (error, afterResponse) ->
            new GenAiClientException((afterResponse ? "in-stream " : "") + error.getMessage()));
  }

  @Test
  void request_beforeTheSdkSubscribes_isHeldAndPassedOn() {
    Recorder r = new Recorder();
    StreamCall<String, byte[]> call = call(r);
    call.start(CompletableFuture::new);
    r.subscription.request(3);

    Upstream up = new Upstream();
    call.onSubscribe(up);
    assertThat(up.requested).hasValue(3);
    r.subscription.request(2);
    assertThat(up.requested).hasValue(5);
  }

  @Test
  void onNext_unknownEvent_skippedAndDemandRebalanced() {
    Recorder r = new Recorder();
    StreamCall<String, byte[]> call = call(r);
    call.start(CompletableFuture::new);
    Upstream up = new Upstream();
    call.onSubscribe(up);

    call.onNext("a");
    call.onNext("skip-me");
    call.onNext("b");
    call.onComplete();

    assertThat(r.seen).containsExactly("a", "b", "complete");
    assertThat(up.requested).hasValue(1);
  }

  @Test
  void fail_reportedThreeWays_downstreamSeesFirstOnlyMappedAsInStream() {
    Recorder r = new Recorder();
    StreamCall<String, byte[]> call = call(r);
    CompletableFuture<Void> sdkCall = new CompletableFuture<>();
    call.start(() -> sdkCall);
    call.onSubscribe(new Upstream());
    call.responseArrived();

    call.onNext("a");
    call.onError(new IllegalStateException("boom"));
    call.fail(new IllegalStateException("boom again"));
    sdkCall.completeExceptionally(new IllegalStateException("boom thrice"));
    call.onNext("late");
    call.onComplete();

    assertThat(r.seen).containsExactly("a", "error:in-stream boom");
  }

  @Test
  void start_launchThrows_failsBeforeResponse() {
    Recorder r = new Recorder();
    call(r)
        .start(
            () -> {
              throw new IllegalArgumentException("bad request");
            });
    assertThat(r.seen).containsExactly("error:bad request");
  }

  @Test
  void cancel_cancelsSubscriptionAndCall() {
    Recorder r = new Recorder();
    StreamCall<String, byte[]> call = call(r);
    CompletableFuture<Void> sdkCall = new CompletableFuture<>();
    call.start(() -> sdkCall);
    Upstream up = new Upstream();
    call.onSubscribe(up);

    r.subscription.cancel();
    call.onNext("after cancel");

    assertThat(up.cancelled).isTrue();
    assertThat(sdkCall).isCancelled();
    assertThat(r.seen).isEmpty();
  }
}
