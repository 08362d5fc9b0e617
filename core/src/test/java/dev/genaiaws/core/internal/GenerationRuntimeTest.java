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
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import dev.genaiaws.core.exception.ServiceUnavailableException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.exception.UnknownModelException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.internal.Fakes.ScriptedTransport;
import dev.genaiaws.core.internal.Fakes.StreamScript;
import dev.genaiaws.core.testing.RecordingSleeper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GenerationRuntimeTest {
  private static final ServiceErrorDetails DETAILS =
      new ServiceErrorDetails(429, "ThrottlingException", "r1", "test");
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final ScriptedTransport transport = new ScriptedTransport();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<CallInfo> calls = new CopyOnWriteArrayList<>();
  private final List<CallInfo> firstTokens = new CopyOnWriteArrayList<>();

  private GenerationRuntime runtime(
      int maxAttempts, InferenceConfig defaults, UnsupportedParameterPolicy policy) {
    GenerationListener recorder =
        new GenerationListener() {
          @Override
          public void onRequest(CallInfo call) {
            events.add("request#" + call.attempt());
            calls.add(call);
          }

          @Override
          public void onFirstToken(CallInfo call) {
            firstTokens.add(call);
          }

          @Override
          public void onResponse(CallInfo call, GenerationResponse response) {
            events.add("response#" + call.attempt());
            calls.add(call);
          }

          @Override
          public void onError(CallInfo call, GenAiException error) {
            events.add("error#" + call.attempt());
          }

          @Override
          public void onRetry(CallInfo call, GenAiException error, Duration delay) {
            events.add("retry#" + call.attempt());
            calls.add(call);
          }
        };
    GenerationListener broken =
        new GenerationListener() {
          @Override
          public void onRequest(CallInfo call) {
            throw new IllegalStateException("listener bug");
          }
        };
    CodecRegistry<ModelCodec> codecs =
        CodecRegistry.<ModelCodec>builder().register(new Fakes.TextCodec(), "test.").build();
    return new GenerationRuntime(
        new GenerationRuntime.Settings(
            "test",
            codecs,
            null,
            defaults,
            policy,
            sleeper.policy(maxAttempts),
            List.of(recorder, broken),
            null),
        transport);
  }

  private GenerationRuntime runtime(int maxAttempts) {
    return runtime(
        maxAttempts,
        InferenceConfig.builder().maxTokens(50).build(),
        UnsupportedParameterPolicy.FAIL);
  }

  private static GenerationRequest request() {
    return GenerationRequest.builder().modelId("test.model-v1").user("hello").build();
  }

  private static ThrottlingException throttled() {
    return new ThrottlingException("slow down", DETAILS, null);
  }

  @Test
  void generate_throttledTwiceThenOk_succeedsOnThirdAttemptAfterThrottlingBackoff() {
    transport.then(throttled()).then(throttled()).then(ScriptedTransport.ok("answer"));

    GenerationResponse r = runtime(3).generate(request());

    assertThat(r.text()).isEqualTo("answer");
    assertThat(r.metadata().attempts()).isEqualTo(3);
    assertThat(r.metadata().requestId()).isEqualTo("req-1");
    assertThat(r.metadata().attribute("k")).isEqualTo("v");
    assertThat(transport.invocations).extracting(Invocation::attempt).containsExactly(1, 2, 3);
    assertThat(sleeper.waits()).hasSize(2);
    assertThat(sleeper.waits().get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(sleeper.waits().get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(events)
        .containsExactly("request#1", "retry#1", "request#2", "retry#2", "request#3", "response#3");
  }

  @Test
  void generate_nonRetryableError_sentOnceAndRethrown() {
    ValidationException invalid =
        new ValidationException(
            "bad", new ServiceErrorDetails(400, "ValidationException", "r", "t"), null);
    transport.then(invalid);

    assertThatThrownBy(() -> runtime(3).generate(request())).isSameAs(invalid);
    assertThat(invalid.attempts()).isEqualTo(1);
    assertThat(transport.invocations).hasSize(1);
    assertThat(sleeper.waits()).isEmpty();
    assertThat(events).containsExactly("request#1", "error#1");
  }

  @Test
  void generate_retriesExhausted_throwsLastErrorWithAttemptCount() {
    ServiceUnavailableException last = new ServiceUnavailableException("down", DETAILS, null);
    transport.then(throttled()).then(throttled()).then(last);

    assertThatThrownBy(() -> runtime(3).generate(request())).isSameAs(last);
    assertThat(last.attempts()).isEqualTo(3);
    assertThat(transport.invocations).hasSize(3);
  }

  @Test
  void generate_retryOnPredicateRejects_noRetry() {
    transport.then(throttled());
    CodecRegistry<ModelCodec> codecs =
        CodecRegistry.<ModelCodec>builder().register(new Fakes.TextCodec(), "test.").build();
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(5)
            .sleeper(sleeper)
            .retryOn(e -> !(e instanceof ThrottlingException))
            .build();
    GenerationRuntime rt =
        new GenerationRuntime(
            new GenerationRuntime.Settings(
                "test", codecs, null, null, null, policy, List.of(), null),
            transport);

    assertThatThrownBy(() -> rt.generate(request())).isInstanceOf(ThrottlingException.class);
    assertThat(transport.invocations).hasSize(1);
  }

  @Test
  void generate_clientDefaultsMergedUnderRequestValues_codecSeesMergedConfig() {
    transport.then(ScriptedTransport.ok("x")).then(ScriptedTransport.ok("y"));
    GenerationRuntime rt = runtime(1);

    rt.generate(request());
    rt.generate(request().toBuilder().inferenceConfig(c -> c.maxTokens(7)).build());

    assertThat(transport.invocations)
        .extracting(i -> new String(i.body(), StandardCharsets.UTF_8))
        .containsExactly("50|hello", "7|hello");
  }

  @Test
  void generate_usageMissingFromBody_takenFromHeaders() {
    transport.then(ScriptedTransport.ok("x"));
    assertThat(runtime(1).generate(request()).usage()).isEqualTo(TokenUsage.of(11, 22));
  }

  @Test
  void generate_badInput_neverReachesTransport() {
    GenerationRuntime rt = runtime(3);
    assertThatThrownBy(
            () ->
                rt.generate(request().toBuilder().inferenceConfig(c -> c.maxTokens(1000)).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("maxTokens must be in [1, 100] for test.model-v1 but was 1000");
    assertThatThrownBy(
            () -> rt.generate(request().toBuilder().inferenceConfig(c -> c.topK(3)).build()))
        .isInstanceOf(UnsupportedParameterException.class);
    assertThatThrownBy(() -> rt.generate(request().toBuilder().modelId("other.model").build()))
        .isInstanceOf(UnknownModelException.class);
    assertThatThrownBy(() -> rt.publisher(request().toBuilder().modelId("other.model").build()))
        .isInstanceOf(UnknownModelException.class);
    assertThat(rt.generateAsync(request().toBuilder().modelId("other.model").build()))
        .failsWithin(Duration.ofSeconds(5));
    assertThat(transport.invocations).isEmpty();
  }

  @Test
  void generate_unsupportedParameterUnderDrop_droppedAndSent() {
    transport.then(ScriptedTransport.ok("x"));
    GenerationRuntime rt = runtime(1, null, UnsupportedParameterPolicy.DROP);
    rt.generate(request().toBuilder().inferenceConfig(c -> c.topK(3).maxTokens(9)).build());
    assertThat(new String(transport.invocations.get(0).body(), StandardCharsets.UTF_8))
        .isEqualTo("9|hello");
  }

  @Test
  void generateAsync_throttledThenOk_completesWithAttempts() {
    transport.then(throttled()).then(ScriptedTransport.ok("async"));

    GenerationResponse r = runtime(3).generateAsync(request()).join();

    assertThat(r.text()).isEqualTo("async");
    assertThat(r.metadata().attempts()).isEqualTo(2);
    assertThat(sleeper.waits()).hasSize(1);
  }

  @Test
  void generateAsync_nonRetryable_failsWithSameException() {
    ValidationException invalid = new ValidationException("bad", DETAILS, null);
    transport.then(invalid);
    assertThatThrownBy(() -> runtime(3).generateAsync(request()).join())
        .isInstanceOf(CompletionException.class)
        .hasCause(invalid);
    assertThat(transport.invocations).hasSize(1);
  }

  @Test
  void stream_failureBeforeFirstEvent_retriedAndDeliveredOnce() {
    transport
        .thenStream(new StreamScript(List.of(), throttled()))
        .thenStream(new StreamScript(List.of("a", "b", "END:max_tokens"), null));

    List<GenerationEvent> got = new ArrayList<>();
    try (GenerationStream s = GenerationStream.of(runtime(3).publisher(request()))) {
      s.forEach(got::add);
    }

    assertThat(got).hasSize(3);
    assertThat(got.get(0)).isEqualTo(new GenerationEvent.TextDelta("a"));
    GenerationEvent.Completed done = (GenerationEvent.Completed) got.get(2);
    assertThat(done.stopReason()).isEqualTo(StopReason.LENGTH);
    assertThat(done.rawStopReason()).isEqualTo("max_tokens");
    assertThat(done.usage()).isEqualTo(TokenUsage.of(2, 3));
    assertThat(done.metadata().attempts()).isEqualTo(2);
    assertThat(done.metadata().requestId()).isEqualTo("stream-req-2");
    assertThat(transport.invocations).hasSize(2);
    assertThat(sleeper.waits()).hasSize(1);
  }

  @Test
  void stream_failureAfterFirstEvent_notRetriedAndTextNotReplayed() {
    ThrottlingException midStream = throttled();
    transport
        .thenStream(new StreamScript(List.of("a", "b"), midStream))
        .thenStream(new StreamScript(List.of("a", "b", "END:x"), null));

    List<String> text = new ArrayList<>();
    GenerationStream s = GenerationStream.of(runtime(3).publisher(request()));
    assertThatThrownBy(() -> s.forEach(e -> text.add(((GenerationEvent.TextDelta) e).text())))
        .isSameAs(midStream);

    assertThat(text).containsExactly("a", "b");
    assertThat(midStream.attempts()).isEqualTo(1);
    assertThat(transport.invocations).hasSize(1);
    assertThat(events).contains("error#1");
  }

  @Test
  void stream_noCompletedChunk_runtimeAddsOneCompleted() {
    transport.thenStream(new StreamScript(List.of("only"), null));
    try (GenerationStream s = GenerationStream.of(runtime(1).publisher(request()))) {
      assertThat(s.text()).isEqualTo("only");
      assertThat(s.completed())
          .get()
          .extracting(GenerationEvent.Completed::stopReason)
          .isEqualTo(StopReason.OTHER);
    }
  }

  @Test
  void stream_bodyFromEncodeForStream_generateBodyFromEncode() {
    transport
        .thenStream(new StreamScript(List.of("a", "END:stop"), null))
        .then(ScriptedTransport.ok("x"));

    try (GenerationStream s = GenerationStream.of(runtime(1).publisher(request()))) {
      assertThat(s.text()).isEqualTo("a");
    }
    runtime(1).generate(request());

    assertThat(new String(transport.invocations.get(0).body(), StandardCharsets.UTF_8))
        .isEqualTo("stream|50|hello");
    assertThat(new String(transport.invocations.get(1).body(), StandardCharsets.UTF_8))
        .isEqualTo("50|hello");
  }

  @Test
  void stream_nothingSentUntilSubscribed() {
    transport.thenStream(new StreamScript(List.of("a"), null));
    runtime(1).publisher(request());
    assertThat(transport.invocations).isEmpty();
  }

  @Test
  void close_closesTransport() {
    runtime(1).close();
    assertThat(transport.closed).isTrue();
  }

  @Test
  void listeners_oneCallIdAcrossAttempts_newIdPerCall() {
    transport.then(throttled()).then(ScriptedTransport.ok("a")).then(ScriptedTransport.ok("b"));
    GenerationRuntime rt = runtime(3);

    rt.generate(request());
    rt.generateAsync(request()).join();

    // first call: request#1, retry#1, request#2, response#2; second call: request#1, response#1
    assertThat(calls).hasSize(6);
    long first = calls.get(0).callId();
    long second = calls.get(4).callId();
    assertThat(calls.subList(0, 4)).extracting(CallInfo::callId).containsOnly(first);
    assertThat(calls.subList(4, 6)).extracting(CallInfo::callId).containsOnly(second);
    assertThat(first).isNotZero().isNotEqualTo(second);
    assertThat(calls.get(4).operation()).isEqualTo("generateAsync");
  }

  @Test
  void stream_firstTokenToldOnceAfterTheRetriedAttempt_withTheCallsId() {
    transport
        .thenStream(new StreamScript(List.of(), throttled()))
        .thenStream(new StreamScript(List.of("a", "b", "END:end_turn"), null));

    try (GenerationStream s = GenerationStream.of(runtime(3).publisher(request()))) {
      assertThat(s.text()).isEqualTo("ab");
    }

    assertThat(firstTokens).hasSize(1);
    assertThat(firstTokens.get(0).attempt()).isEqualTo(2);
    assertThat(firstTokens.get(0).callId()).isEqualTo(calls.get(0).callId());
    assertThat(calls).extracting(CallInfo::callId).containsOnly(calls.get(0).callId());
  }

  @Test
  void generate_noStreamNoFirstToken() {
    transport.then(ScriptedTransport.ok("a"));
    runtime(1).generate(request());
    assertThat(firstTokens).isEmpty();
  }
}
