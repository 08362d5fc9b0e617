package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.exception.AccessDeniedException;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.InternalServerException;
import dev.genaiaws.core.exception.ModelErrorException;
import dev.genaiaws.core.exception.ModelNotFoundException;
import dev.genaiaws.core.exception.ModelNotReadyException;
import dev.genaiaws.core.exception.ModelTimeoutException;
import dev.genaiaws.core.exception.QuotaExceededException;
import dev.genaiaws.core.exception.ServiceUnavailableException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import dev.genaiaws.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Every Bedrock error, with the attempts the client made asserted against what the emulator
 * received.
 */
class BedrockFaultsTest {
  static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
  static final String LLAMA3 = "meta.llama3-8b-instruct-v1:0";

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private static final RecordingSleeper SLEEPER = new RecordingSleeper();
  private static BedrockGenerationClient client;

  @BeforeAll
  static void setUp() {
    client = EmulatorClients.builder(BEDROCK.endpoint(), SLEEPER).build();
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  @BeforeEach
  void clear() {
    SLEEPER.clear();
  }

  private static BedrockEmulator emulator() {
    return BEDROCK.emulator();
  }

  private static GenerationRequest request(String model, int maxTokens) {
    return GenerationRequest.builder()
        .modelId(model)
        .user("Tell me about rivers.")
        .inferenceConfig(c -> c.maxTokens(maxTokens))
        .build();
  }

  static Stream<Arguments> retryable() {
    return Stream.of(
        Arguments.of(Fault.throttling(), ThrottlingException.class, 429, "ThrottlingException"),
        Arguments.of(
            Fault.modelTimeout(), ModelTimeoutException.class, 408, "ModelTimeoutException"),
        Arguments.of(
            Fault.modelNotReady(), ModelNotReadyException.class, 429, "ModelNotReadyException"),
        Arguments.of(
            Fault.serviceUnavailable(),
            ServiceUnavailableException.class,
            503,
            "ServiceUnavailableException"),
        Arguments.of(
            Fault.internalServer(), InternalServerException.class, 500, "InternalServerException"));
  }

  static Stream<Arguments> notRetryable() {
    return Stream.of(
        Arguments.of(
            Fault.accessDenied(), AccessDeniedException.class, 403, "AccessDeniedException"),
        Arguments.of(
            Fault.resourceNotFound(),
            ModelNotFoundException.class,
            404,
            "ResourceNotFoundException"),
        Arguments.of(
            Fault.validation("max_tokens: bad"),
            ValidationException.class,
            400,
            "ValidationException"),
        Arguments.of(
            Fault.serviceQuotaExceeded(),
            QuotaExceededException.class,
            400,
            "ServiceQuotaExceededException"),
        Arguments.of(Fault.modelError(), ModelErrorException.class, 424, "ModelErrorException"),
        Arguments.of(
            Fault.error(
                403,
                "ExpiredTokenException",
                "The security token included in the request is" + " expired"),
            AccessDeniedException.class,
            403,
            "ExpiredTokenException"),
        Arguments.of(
            Fault.error(418, "TeapotException", "odd"),
            GenAiServiceException.class,
            418,
            "TeapotException"));
  }

  private static void assertService(
      Throwable thrown, Class<?> type, int status, String code, int attempts) {
    assertThat(thrown).isInstanceOf(type);
    GenAiServiceException e = (GenAiServiceException) thrown;
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.requestId()).isNotBlank();
    assertThat(e.provider()).isEqualTo("bedrock");
    assertThat(e.attempts()).isEqualTo(attempts);
    assertThat(e.getCause()).isInstanceOf(AwsServiceException.class);
    assertThat(e.getMessage()).contains(CLAUDE).contains(e.requestId());
  }

  @ParameterizedTest
  @MethodSource("retryable")
  void generate_retryableErrorEveryTime_retriedUntilAttemptsRunOut(
      Fault fault, Class<?> type, int status, String code) {
    emulator().enqueue(fault).enqueue(fault).enqueue(fault);

    Throwable thrown = catchThrowable(() -> client.generate(request(CLAUDE, 20)));

    assertService(thrown, type, status, code, 3);
    assertThat(((GenAiException) thrown).retryable()).isTrue();
    assertThat(emulator().requestCount()).isEqualTo(3);
    assertThat(SLEEPER.waits()).hasSize(2);
  }

  @ParameterizedTest
  @MethodSource("notRetryable")
  void generate_notRetryableError_failsAfterOneAttempt(
      Fault fault, Class<?> type, int status, String code) {
    emulator().enqueue(fault);

    Throwable thrown = catchThrowable(() -> client.generate(request(CLAUDE, 20)));

    assertService(thrown, type, status, code, 1);
    assertThat(((GenAiException) thrown).retryable()).isFalse();
    assertThat(emulator().requestCount()).isEqualTo(1);
    assertThat(SLEEPER.waits()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("retryable")
  void generateAsync_retryableErrorOnce_succeedsOnSecondAttempt(Fault fault) throws Exception {
    emulator().enqueue(fault);

    // a marker of this test's own requests: a request of an earlier test that reaches the emulator
    // late must not
    // be counted as ours
    String marker = "marker-" + java.util.UUID.randomUUID();
    GenerationResponse r =
        client
            .generateAsync(
                GenerationRequest.builder()
                    .modelId(CLAUDE)
                    .user("Tell me about rivers. " + marker)
                    .inferenceConfig(c -> c.maxTokens(20))
                    .build())
            .get(20, TimeUnit.SECONDS);

    assertThat(r.text()).isNotBlank();
    assertThat(emulator().requests())
        .filteredOn(
            q -> new String(q.body(), java.nio.charset.StandardCharsets.UTF_8).contains(marker))
        .hasSize(2);
    // The fault and the answer reached the emulator; one attempt more is a pooled Netty channel
    // closed under the retry by the client's own notice that the failed attempt ended (see
    // SageMakerGenerationClientTest.generateAsync_internalFailureOnce_retriedOffTheCommonPool): it
    // fails before anything is sent and is retried like any dropped connection.
    assertThat(r.metadata().attempts()).isBetween(2, 3);
  }

  @ParameterizedTest
  @MethodSource("notRetryable")
  void generateAsync_notRetryableError_failsAfterOneAttempt(
      Fault fault, Class<?> type, int status, String code) {
    emulator().enqueue(fault);

    Throwable thrown = catchThrowable(() -> client.generateAsync(request(CLAUDE, 20)).join());

    assertThat(thrown).isInstanceOf(CompletionException.class);
    assertService(thrown.getCause(), type, status, code, 1);
    assertThat(emulator().requestCount()).isEqualTo(1);
  }

  @Test
  void generate_throttledTwiceThenSuccess_succeedsWithThrottlingBackoff() {
    emulator().enqueue(Fault.throttling()).enqueue(Fault.throttling());

    GenerationResponse r = client.generate(request(CLAUDE, 20));

    assertThat(r.text()).isNotBlank();
    assertThat(r.metadata().attempts()).isEqualTo(3);
    assertThat(emulator().requestCount()).isEqualTo(3);
    assertThat(SLEEPER.waits()).hasSize(2);
    // throttling waits start from the 1 s throttling base (half of it at least), not the 100 ms
    // base
    assertThat(SLEEPER.waits().get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
  }

  @Test
  void generate_modelError_keepsOriginalStatusCode() {
    emulator().enqueue(Fault.modelError(503, "upstream broke"));

    Throwable thrown = catchThrowable(() -> client.generate(request(CLAUDE, 20)));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ModelErrorException.class, e -> assertThat(e.originalStatusCode()).isEqualTo(503));
  }

  @Test
  void generate_connectionDroppedOnce_retriedAsClientError() {
    emulator().enqueue(Fault.dropConnection());

    GenerationResponse r = client.generate(request(CLAUDE, 20));

    assertThat(r.metadata().attempts()).isEqualTo(2);
    assertThat(emulator().requestCount()).isEqualTo(2);
  }

  @Test
  void generate_connectionDroppedEveryTime_retryableClientException() {
    emulator()
        .enqueue(Fault.dropConnection())
        .enqueue(Fault.dropConnection())
        .enqueue(Fault.dropConnection());

    Throwable thrown = catchThrowable(() -> client.generate(request(CLAUDE, 20)));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            GenAiClientException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.attempts()).isEqualTo(3);
              assertThat(e.getMessage()).contains("check the endpoint");
            });
    assertThat(emulator().requestCount()).isEqualTo(3);
  }

  @Test
  void generate_connectionRefused_retryableClientExceptionNamingWhatToCheck() {
    try (BedrockGenerationClient c =
        EmulatorClients.builder(java.net.URI.create("http://127.0.0.1:1"), SLEEPER).build()) {
      Throwable thrown = catchThrowable(() -> c.generate(request(CLAUDE, 20)));

      assertThat(thrown)
          .isInstanceOfSatisfying(
              GenAiClientException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.attempts()).isEqualTo(3);
              });
    }
  }

  // ---- streams ----

  private static List<GenerationEvent> read(GenerationStream stream, List<Throwable> failure) {
    List<GenerationEvent> events = new ArrayList<>();
    try (stream) {
      for (GenerationEvent e : stream) {
        events.add(e);
      }
    } catch (GenAiException e) {
      failure.add(e);
    }
    return events;
  }

  private static String text(List<GenerationEvent> events) {
    StringBuilder sb = new StringBuilder();
    events.stream()
        .filter(GenerationEvent.TextDelta.class::isInstance)
        .forEach(e -> sb.append(((GenerationEvent.TextDelta) e).text()));
    return sb.toString();
  }

  @ParameterizedTest
  @EnumSource(Fault.StreamError.class)
  void stream_exceptionEventMidStream_surfacesAfterDeliveredTextWithoutRetry(
      Fault.StreamError type) {
    String full = client.generate(request(LLAMA3, 60)).text();
    emulator().reset();
    emulator().enqueue(Fault.inStream(type, 2));

    List<Throwable> failure = new ArrayList<>();
    List<GenerationEvent> events = read(client.stream(request(LLAMA3, 60)), failure);

    assertThat(events).isNotEmpty().allMatch(GenerationEvent.TextDelta.class::isInstance);
    assertThat(full).startsWith(text(events));
    assertThat(text(events)).isNotEqualTo(full);
    assertThat(failure)
        .singleElement()
        .isInstanceOfSatisfying(
            GenAiServiceException.class,
            e -> {
              assertThat(e.statusCode()).isZero();
              assertThat(e.errorCode()).isEqualToIgnoringCase(type.errorCode());
              assertThat(e.attempts()).isEqualTo(1);
            });
    assertThat(emulator().requestCount()).isEqualTo(1);
  }

  @Test
  void stream_throttlingEventMidStream_mappedToThrottling() {
    emulator().enqueue(Fault.inStream(Fault.StreamError.THROTTLING, 1));

    List<Throwable> failure = new ArrayList<>();
    read(client.stream(request(LLAMA3, 60)), failure);

    assertThat(failure).singleElement().isInstanceOf(ThrottlingException.class);
    assertThat(emulator().requestCount()).isEqualTo(1);
  }

  @Test
  void stream_modelStreamErrorEvent_mappedToModelError() {
    emulator().enqueue(Fault.inStream(Fault.StreamError.MODEL_STREAM_ERROR, 1));

    List<Throwable> failure = new ArrayList<>();
    read(client.stream(request(LLAMA3, 60)), failure);

    assertThat(failure)
        .singleElement()
        .isInstanceOfSatisfying(
            ModelErrorException.class, e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void stream_exceptionEventBeforeFirstChunk_retriedThenCompletes() {
    emulator().enqueue(Fault.inStream(Fault.StreamError.SERVICE_UNAVAILABLE, 0));

    List<Throwable> failure = new ArrayList<>();
    List<GenerationEvent> events = read(client.stream(request(LLAMA3, 30)), failure);

    assertThat(failure).isEmpty();
    assertThat(events.get(events.size() - 1))
        .isInstanceOfSatisfying(
            GenerationEvent.Completed.class,
            // 3: a pooled channel closed under the retry, see
            // generateAsync_retryableErrorOnce_succeedsOnSecondAttempt
            c -> assertThat(c.metadata().attempts()).isBetween(2, 3));
    assertThat(emulator().requestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("retryable")
  void stream_httpErrorBeforeStreamStarts_retriedThenCompletes(Fault fault) {
    emulator().enqueue(fault);

    String text = client.stream(request(CLAUDE, 20)).text();

    assertThat(text).isNotBlank();
    assertThat(emulator().requestCount()).isEqualTo(2);
  }

  @Test
  void stream_notRetryableHttpError_failsAfterOneAttempt() {
    emulator().enqueue(Fault.accessDenied());

    Throwable thrown = catchThrowable(() -> client.stream(request(CLAUDE, 20)).text());

    assertThat(thrown)
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.attempts()).isEqualTo(1);
            });
    assertThat(emulator().requestCount()).isEqualTo(1);
  }

  @Test
  void stream_connectionDroppedOnce_retried() {
    emulator().enqueue(Fault.dropConnection());

    assertThat(client.stream(request(CLAUDE, 20)).text()).isNotBlank();
    assertThat(emulator().requestCount()).isEqualTo(2);
  }
}
