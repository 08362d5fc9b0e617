package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.CallTimeoutException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.resilience.FallbackTarget;
import dev.genaiaws.core.resilience.ResilientGenerationClient;
import dev.genaiaws.core.testing.ManualSleeper;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.Fault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Fallbacks and the total time-out of issue #19 item 7, against two Bedrock emulators standing for
 * two regions, with the emulators' fault scripting. The time-out's timer is a {@link ManualSleeper}
 * the test fires; the clock is fixed; nothing sleeps and nothing is timed.
 */
class ResilientGenerationClientTest {
  private static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
  private static final String LLAMA = "meta.llama3-8b-instruct-v1:0";
  private static final Clock FIXED =
      Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneOffset.UTC);

  private BedrockEmulator east;
  private BedrockEmulator west;
  private BedrockGenerationClient eastClient;
  private BedrockGenerationClient westClient;
  private ManualSleeper timer;
  private ManualSleeper backOff;
  private final Recorder seen = new Recorder();

  @BeforeEach
  void start() {
    east = BedrockEmulator.start();
    west = BedrockEmulator.start();
    backOff = new ManualSleeper();
    eastClient = client(east, Region.US_EAST_1, new RecordingSleeper().policy(2));
    westClient = client(west, Region.US_WEST_2, new RecordingSleeper().policy(2));
    timer = new ManualSleeper();
  }

  @AfterEach
  void stop() {
    eastClient.close();
    westClient.close();
    east.close();
    west.close();
  }

  private static BedrockGenerationClient client(
      BedrockEmulator emulator, Region region, RetryPolicy policy) {
    return BedrockGenerationClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(region)
        .credentialsProvider(EmulatorClients.CREDENTIALS)
        .retryPolicy(policy)
        .build();
  }

  private ResilientGenerationClient.Builder resilient() {
    return ResilientGenerationClient.builder()
        .target(FallbackTarget.of("us-east-1", eastClient))
        .target(FallbackTarget.of("us-west-2", westClient))
        .sleeper(timer)
        .clock(FIXED)
        .listener(seen);
  }

  private static GenerationRequest request(String model) {
    return GenerationRequest.builder()
        .modelId(model)
        .user("tell me about fallbacks")
        .inferenceConfig(c -> c.maxTokens(40))
        .build();
  }

  private String reference(BedrockEmulator emulator, BedrockGenerationClient client, String model) {
    emulator.reset();
    return client.generate(request(model)).text();
  }

  @Test
  void generate_primaryThrottledBeyondItsRetries_theNextRegionAnswers_andSaysSo() {
    east.enqueue(Fault.throttling()).enqueue(Fault.throttling());
    ResilientGenerationClient client = resilient().build();

    GenerationResponse r = client.generate(request(CLAUDE));

    assertThat(r.metadata().attribute(ResilientGenerationClient.TARGET_ATTRIBUTE))
        .isEqualTo("us-west-2");
    assertThat(r.metadata().modelId()).isEqualTo(CLAUDE);
    assertThat(east.requestCount()).isEqualTo(2); // the primary's own policy first
    assertThat(west.requestCount()).isEqualTo(1);
    assertThat(seen.events)
        .containsExactly(
            "request 1 us-east-1",
            "retry 1 us-east-1 ThrottlingException",
            "request 2 us-west-2",
            "response 2 us-west-2 " + CLAUDE);
    assertThat(r.text()).isEqualTo(reference(west, westClient, CLAUDE));
  }

  @Test
  void generateAsync_anotherModelAsFallback_answersWithItsOwnId() throws Exception {
    east.forModel(CLAUDE).enqueue(Fault.serviceUnavailable()).enqueue(Fault.serviceUnavailable());
    ResilientGenerationClient client =
        ResilientGenerationClient.builder()
            .target(FallbackTarget.of("claude", eastClient))
            .target(FallbackTarget.of("llama", eastClient, LLAMA))
            .sleeper(timer)
            .clock(FIXED)
            .listener(seen)
            .build();

    GenerationResponse r = client.generateAsync(request(CLAUDE)).get(30, TimeUnit.SECONDS);

    assertThat(r.metadata().modelId()).isEqualTo(LLAMA);
    assertThat(r.metadata().attribute(ResilientGenerationClient.TARGET_ATTRIBUTE))
        .isEqualTo("llama");
    assertThat(seen.events).last().isEqualTo("response 2 llama " + LLAMA);
    assertThat(r.text()).isEqualTo(reference(east, eastClient, LLAMA));
  }

  @Test
  void stream_failingBeforeItsFirstEvent_fallsBack_andTheWholeTextComesFromOneTarget() {
    east.enqueue(Fault.inStream(Fault.StreamError.THROTTLING, 0))
        .enqueue(Fault.inStream(Fault.StreamError.THROTTLING, 0));
    ResilientGenerationClient client = resilient().build();

    StringBuilder text = new StringBuilder();
    GenerationEvent.Completed done = null;
    try (GenerationStream s = client.stream(request(CLAUDE))) {
      for (GenerationEvent e : s) {
        if (e instanceof GenerationEvent.TextDelta d) {
          text.append(d.text());
        } else if (e instanceof GenerationEvent.Completed c) {
          done = c;
        }
      }
    }

    assertThat(done).isNotNull();
    assertThat(done.metadata().attribute(ResilientGenerationClient.TARGET_ATTRIBUTE))
        .isEqualTo("us-west-2");
    assertThat(text.toString()).isEqualTo(reference(west, westClient, CLAUDE));
    assertThat(seen.events)
        .containsExactly(
            "request 1 us-east-1",
            "retry 1 us-east-1 ThrottlingException",
            "request 2 us-west-2",
            "first token 2 us-west-2",
            "response 2 us-west-2 " + CLAUDE);
  }

  @Test
  void stream_failingAfterItDeliveredText_neverFallsBack_andNothingIsRepeated() {
    east.enqueue(Fault.inStream(Fault.StreamError.THROTTLING, 5));
    ResilientGenerationClient client = resilient().build();

    StringBuilder text = new StringBuilder();
    assertThatThrownBy(
            () -> {
              try (GenerationStream s = client.stream(request(CLAUDE))) {
                for (GenerationEvent e : s) {
                  if (e instanceof GenerationEvent.TextDelta d) {
                    text.append(d.text());
                  }
                }
              }
            })
        .isInstanceOf(ThrottlingException.class);

    assertThat(west.requestCount()).isZero();
    assertThat(text).isNotEmpty();
    assertThat(reference(east, eastClient, CLAUDE)).startsWith(text.toString());
    assertThat(seen.events)
        .containsExactly(
            "request 1 us-east-1",
            "first token 1 us-east-1",
            "error 1 us-east-1 ThrottlingException");
  }

  @Test
  void aNonRetryableError_doesNotFallBack() {
    east.enqueue(Fault.validation("The input violated a constraint."));
    ResilientGenerationClient client = resilient().build();

    assertThatThrownBy(() -> client.generate(request(CLAUDE)))
        .isInstanceOf(ValidationException.class);
    assertThat(west.requestCount()).isZero();
    assertThat(seen.events)
        .containsExactly("request 1 us-east-1", "error 1 us-east-1 ValidationException");
  }

  @Test
  void everyTargetFailing_failsWithTheLastTargetsError() {
    east.enqueue(Fault.throttling()).enqueue(Fault.throttling());
    west.enqueue(Fault.internalServer()).enqueue(Fault.internalServer());
    ResilientGenerationClient client = resilient().build();

    assertThatThrownBy(() -> client.generate(request(CLAUDE)))
        .isInstanceOf(dev.genaiaws.core.exception.InternalServerException.class);
    assertThat(seen.events).last().isEqualTo("error 2 us-west-2 InternalServerException");
  }

  @Test
  void totalTimeout_passingDuringTheBackOff_failsTheCall_andCancelsTheWait() throws Exception {
    BedrockGenerationClient waiting =
        client(
            east, Region.US_EAST_1, RetryPolicy.builder().maxAttempts(3).sleeper(backOff).build());
    try {
      east.enqueue(Fault.throttling());
      ResilientGenerationClient client =
          ResilientGenerationClient.builder()
              .target(FallbackTarget.of("us-east-1", waiting))
              .target(FallbackTarget.of("us-west-2", westClient))
              .totalTimeout(Duration.ofSeconds(5))
              .sleeper(timer)
              .clock(FIXED)
              .listener(seen)
              .build();

      CompletableFuture<GenerationResponse> f = client.generateAsync(request(CLAUDE));
      backOff.awaitDelays(1); // the primary is backing off after its throttled attempt
      assertThat(timer.delays())
          .hasSize(1); // the total time-out's timer, armed with the whole budget
      timer.wakeAll(); // the budget passes

      assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(CallTimeoutException.class)
          .hasMessageContaining("total time-out of PT5S");
      assertCancelled(backOff.delays().get(0)); // the cancel reached the primary's back-off
      assertThat(east.requestCount()).isEqualTo(1);
      assertThat(west.requestCount()).isZero();
      assertThat(seen.events)
          .containsExactly("request 1 us-east-1", "error 1 us-east-1 CallTimeoutException");
    } finally {
      waiting.close();
    }
  }

  @Test
  void totalTimeout_passingMidStream_endsItWithTheTimeout_afterTheTextItDelivered()
      throws Exception {
    ResilientGenerationClient client = resilient().totalTimeout(Duration.ofSeconds(5)).build();
    OneAtATime s = new OneAtATime();

    client.publisher(request(CLAUDE)).subscribe(s);
    assertThat(s.first.await(30, TimeUnit.SECONDS)).isTrue(); // one event asked for, one delivered
    timer.wakeAll();

    assertThat(s.done.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(s.error).isInstanceOf(CallTimeoutException.class);
    assertThat(s.events).hasSize(1).noneMatch(e -> e instanceof GenerationEvent.Completed);
    assertThat(west.requestCount()).isZero();
    assertThat(seen.events)
        .containsExactly(
            "request 1 us-east-1",
            "first token 1 us-east-1",
            "error 1 us-east-1 CallTimeoutException");
    s.subscription.request(10); // asking again after the end changes nothing
    assertThat(s.events).hasSize(1);
  }

  @Test
  void totalTimeout_boundsAStreamsFirstByte_whichNoClientTimeOutDoes() throws Exception {
    east.enqueue(Fault.delayFirstByte(Duration.ofSeconds(3)));
    ResilientGenerationClient client = resilient().totalTimeout(Duration.ofSeconds(1)).build();
    OneAtATime s = new OneAtATime();

    client.publisher(request(CLAUDE)).subscribe(s);
    assertThat(east.takeRequest(Duration.ofSeconds(30)))
        .isPresent(); // sent; the emulator holds its answer
    timer.wakeAll();

    assertThat(s.done.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(s.error).isInstanceOf(CallTimeoutException.class);
    assertThat(s.events).isEmpty();
    assertThat(west.requestCount()).isZero(); // a time-out never falls back
  }

  @Test
  void totalTimeout_firingAfterCompleted_changesNothing() {
    ResilientGenerationClient client = resilient().totalTimeout(Duration.ofSeconds(5)).build();
    List<GenerationEvent> events = new java.util.ArrayList<>();
    try (GenerationStream s = client.stream(request(CLAUDE))) {
      s.forEach(events::add);
    }
    timer.wakeAll();

    assertThat(events).last().isInstanceOf(GenerationEvent.Completed.class);
    assertThat(timer.delays().get(0)).isCancelled(); // disarmed when the stream completed
    assertThat(seen.events).last().isEqualTo("response 1 us-east-1 " + CLAUDE);
  }

  @Test
  void totalTimeout_eachTargetIsSentWithTheTimeLeft_andNoFallbackOnceItIsSpent() {
    MutableClock clock = new MutableClock();
    List<Duration> sent = new CopyOnWriteArrayList<>();
    GenerationListener timeouts =
        new GenerationListener() {
          @Override
          public void onRequest(CallInfo call) {
            sent.add(call.request().timeout());
            clock.advance(Duration.ofSeconds(3)); // each target takes 3 s of the 5 s budget
          }
        };
    BedrockGenerationClient observed =
        BedrockGenerationClient.builder()
            .endpointOverride(east.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(EmulatorClients.CREDENTIALS)
            .retryPolicy(new RecordingSleeper().policy(1))
            .listener(timeouts)
            .build();
    try {
      east.enqueue(Fault.throttling()).enqueue(Fault.throttling());
      ResilientGenerationClient client =
          ResilientGenerationClient.builder()
              .target(FallbackTarget.of("a", observed))
              .target(FallbackTarget.of("b", observed))
              .target(FallbackTarget.of("c", westClient))
              .totalTimeout(Duration.ofSeconds(5))
              .sleeper(timer)
              .clock(clock)
              .listener(seen)
              .build();

      assertThatThrownBy(() -> client.generate(request(CLAUDE)))
          .isInstanceOf(ThrottlingException.class);

      assertThat(sent).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(2));
      assertThat(west.requestCount()).isZero(); // 6 s spent of 5: no third target
    } finally {
      observed.close();
    }
  }

  @Test
  void cancellingTheFuture_cancelsTheTargetsCall_andListenersHearOfIt() throws Exception {
    BedrockGenerationClient waiting =
        client(
            east, Region.US_EAST_1, RetryPolicy.builder().maxAttempts(3).sleeper(backOff).build());
    try {
      east.enqueue(Fault.throttling());
      ResilientGenerationClient client =
          ResilientGenerationClient.builder()
              .target(FallbackTarget.of("us-east-1", waiting))
              .sleeper(timer)
              .clock(FIXED)
              .listener(seen)
              .build();
      CompletableFuture<GenerationResponse> f = client.generateAsync(request(CLAUDE));
      backOff.awaitDelays(1);

      f.cancel(true);

      assertCancelled(backOff.delays().get(0)); // so the retry can never go out
      assertThat(east.requestCount()).isEqualTo(1);
      assertThat(seen.events)
          .containsExactly("request 1 us-east-1", "error 1 us-east-1 CallCancelledException");
    } finally {
      waiting.close();
    }
  }

  @Test
  void badConfiguration_failsAtBuild_withWhatToDo() {
    assertThatThrownBy(() -> ResilientGenerationClient.builder().build())
        .isInstanceOf(dev.genaiaws.core.exception.InvalidRequestException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(
            () ->
                ResilientGenerationClient.builder()
                    .target(FallbackTarget.of("x", eastClient))
                    .target(FallbackTarget.of("x", westClient))
                    .build())
        .hasMessageContaining("two fallback targets are named");
    assertThatThrownBy(() -> resilient().totalTimeout(Duration.ZERO).build())
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> FallbackTarget.of(" ", eastClient))
        .hasMessageContaining("needs a name");
    assertThatThrownBy(() -> FallbackTarget.of("x", eastClient, ""))
        .hasMessageContaining("blank model id");
    assertThatThrownBy(() -> resilient().build().publisher(null))
        .hasMessageContaining("must not be null");
    assertThat(resilient().build().toString()).contains("us-east-1", "us-west-2");
  }

  /**
   * The cancel reaches a back-off on the thread that armed it, possibly just after the caller's
   * future ended: waits (30 s at most, a bound for a broken test only) for the wait to end, then
   * checks it was cancelled.
   */
  private static void assertCancelled(CompletableFuture<Void> wait) throws Exception {
    try {
      wait.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.CancellationException expected) {
      // what we wait for
    }
    assertThat(wait).isCancelled();
  }

  /** What the resilient client's listeners heard, one line per callback. */
  private static final class Recorder implements GenerationListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onRequest(CallInfo call) {
      events.add("request " + call.attempt() + " " + call.provider());
    }

    @Override
    public void onFirstToken(CallInfo call) {
      events.add("first token " + call.attempt() + " " + call.provider());
    }

    @Override
    public void onResponse(CallInfo call, GenerationResponse response) {
      events.add(
          "response "
              + call.attempt()
              + " "
              + call.provider()
              + " "
              + response.metadata().modelId());
    }

    @Override
    public void onError(CallInfo call, GenAiException error) {
      events.add(
          "error "
              + call.attempt()
              + " "
              + call.provider()
              + " "
              + error.getClass().getSimpleName());
    }

    @Override
    public void onRetry(CallInfo call, GenAiException error, Duration delay) {
      events.add(
          "retry "
              + call.attempt()
              + " "
              + call.provider()
              + " "
              + error.getClass().getSimpleName());
    }
  }

  /** Asks for one event and no more. */
  private static final class OneAtATime implements Flow.Subscriber<GenerationEvent> {
    final List<GenerationEvent> events = new CopyOnWriteArrayList<>();
    final CountDownLatch first = new CountDownLatch(1);
    final CountDownLatch done = new CountDownLatch(1);
    volatile Throwable error;
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(GenerationEvent item) {
      events.add(item);
      first.countDown();
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      done.countDown();
    }

    @Override
    public void onComplete() {
      done.countDown();
    }
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-30T03:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
