package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Scripted faults surface in the SDK exactly as the service's would. */
class BedrockFaultTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
  static BedrockRuntimeClient client;
  static BedrockRuntimeAsyncClient async;

  static final String LLAMA = "meta.llama3-8b-instruct-v1:0";
  static final String BODY = "{\"prompt\":\"Tell me a story\",\"max_gen_len\":400}";

  @BeforeAll
  static void clients() {
    client = Clients.bedrock(BEDROCK.endpoint());
    async = Clients.bedrockAsync(BEDROCK.endpoint());
  }

  @AfterAll
  static void close() {
    client.close();
    async.close();
  }

  static Stream<Arguments> httpFaults() {
    return Stream.of(
        Arguments.of(Fault.throttling(), ThrottlingException.class, 429),
        Arguments.of(Fault.internalServer(), InternalServerException.class, 500),
        Arguments.of(Fault.serviceUnavailable(), ServiceUnavailableException.class, 503),
        Arguments.of(Fault.modelTimeout(), ModelTimeoutException.class, 408),
        Arguments.of(Fault.modelNotReady(), ModelNotReadyException.class, 429),
        Arguments.of(Fault.accessDenied(), AccessDeniedException.class, 403),
        Arguments.of(Fault.resourceNotFound(), ResourceNotFoundException.class, 404),
        Arguments.of(Fault.modelError(503, "upstream overloaded"), ModelErrorException.class, 424),
        Arguments.of(Fault.serviceQuotaExceeded(), ServiceQuotaExceededException.class, 400),
        Arguments.of(Fault.validation("custom problem"), ValidationException.class, 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("httpFaults")
  void invoke_faultQueued_sdkThrowsTypedExceptionWithStatusAndRequestId(
      Fault fault, Class<? extends BedrockRuntimeException> type, int status) {
    BEDROCK.emulator().enqueue(fault);

    assertThatThrownBy(() -> Clients.invoke(client, LLAMA, BODY))
        .isInstanceOfSatisfying(
            type,
            e -> {
              assertThat(e.statusCode()).isEqualTo(status);
              assertThat(e.requestId()).isNotBlank();
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(fault.message());
            });
  }

  @Test
  void invoke_modelError_carriesOriginalStatusCodeAndResourceName() {
    BEDROCK.emulator().enqueue(Fault.modelError(503, "upstream overloaded"));

    assertThatThrownBy(() -> Clients.invoke(client, LLAMA, BODY))
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            e -> {
              assertThat(e.originalStatusCode()).isEqualTo(503);
              assertThat(e.resourceName()).endsWith(LLAMA);
            });
  }

  @Test
  void invoke_failTwiceThenSucceed_faultsConsumedInOrder() {
    BEDROCK.emulator().enqueue(Fault.throttling()).enqueue(Fault.serviceUnavailable());

    assertThatThrownBy(() -> Clients.invoke(client, LLAMA, BODY))
        .isInstanceOf(ThrottlingException.class);
    assertThatThrownBy(() -> Clients.invoke(client, LLAMA, BODY))
        .isInstanceOf(ServiceUnavailableException.class);
    assertThat(Clients.invoke(client, LLAMA, BODY).body().asUtf8String()).contains("generation");
    assertThat(BEDROCK.emulator().requestCount()).isEqualTo(3);
  }

  @Test
  void invoke_faultForOneModel_otherModelsUnaffected() {
    BEDROCK.emulator().forModel("us.meta.llama3-8b-instruct-v1:0").enqueue(Fault.accessDenied());

    assertThat(Clients.invoke(client, "meta.llama3-70b-instruct-v1:0", BODY).body().asUtf8String())
        .contains("generation");
    assertThatThrownBy(() -> Clients.invoke(client, LLAMA, BODY))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void invoke_cannedResponse_returnedVerbatim() {
    BEDROCK
        .emulator()
        .enqueueResponse(LLAMA, "{\"generation\":\"canned\",\"stop_reason\":\"stop\"}");

    assertThat(Clients.invoke(client, LLAMA, BODY).body().asUtf8String())
        .isEqualTo("{\"generation\":\"canned\",\"stop_reason\":\"stop\"}");
  }

  @Test
  void stream_cannedArray_oneChunkPerElement() {
    BEDROCK
        .emulator()
        .enqueueResponse(
            LLAMA, "[{\"generation\":\"Hel\"},{\"generation\":\"lo\",\"stop_reason\":\"stop\"}]");

    Clients.StreamResult s = Clients.stream(async, LLAMA, BODY);

    assertThat(s.error()).isNull();
    assertThat(s.chunks())
        .extracting(c -> c.path("generation").asText())
        .containsExactly("Hel", "lo");
  }

  @Test
  void invoke_dropConnection_sdkClientException() {
    BEDROCK.emulator().enqueue(Fault.dropConnection());

    assertThatThrownBy(() -> Clients.invoke(client, LLAMA, BODY))
        .isInstanceOf(SdkClientException.class);
    assertThat(Clients.invoke(client, LLAMA, BODY).body().asUtf8String()).contains("generation");
  }

  @Test
  void invoke_delayFirstByte_answerArrivesAfterDelay() {
    Duration delay = Duration.ofMillis(250);
    BEDROCK.emulator().enqueue(Fault.delayFirstByte(delay));

    long start = System.nanoTime();
    String body = Clients.invoke(client, LLAMA, BODY).body().asUtf8String();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(body).contains("generation");
    assertThat(took).isGreaterThanOrEqualTo(delay);
  }

  @ParameterizedTest
  @EnumSource(Fault.StreamError.class)
  void stream_exceptionAfterTwoChunks_twoChunksThenTypedException(Fault.StreamError type) {
    BEDROCK.emulator().enqueue(Fault.inStream(type, 2));

    Clients.StreamResult s = Clients.stream(async, LLAMA, BODY);

    assertThat(s.chunks()).hasSize(2);
    Class<? extends BedrockRuntimeException> expected =
        switch (type) {
          case THROTTLING -> ThrottlingException.class;
          case INTERNAL_SERVER -> InternalServerException.class;
          case MODEL_STREAM_ERROR -> ModelStreamErrorException.class;
          case VALIDATION -> ValidationException.class;
          case MODEL_TIMEOUT -> ModelTimeoutException.class;
          case SERVICE_UNAVAILABLE -> ServiceUnavailableException.class;
        };
    assertThat(s.error()).isInstanceOf(expected);
  }

  @Test
  void stream_modelStreamError_carriesOriginalStatus() {
    BEDROCK.emulator().enqueue(Fault.inStream(Fault.StreamError.MODEL_STREAM_ERROR, 1));

    Clients.StreamResult s = Clients.stream(async, LLAMA, BODY);

    assertThat(s.chunks()).hasSize(1);
    assertThat(s.error())
        .isInstanceOfSatisfying(
            ModelStreamErrorException.class,
            e -> assertThat(e.originalStatusCode()).isEqualTo(500));
  }

  @Test
  void stream_httpFault_failsBeforeAnyChunk() {
    BEDROCK.emulator().enqueue(Fault.throttling());

    Clients.StreamResult s = Clients.stream(async, LLAMA, BODY);

    assertThat(s.chunks()).isEmpty();
    assertThat(s.error())
        .isInstanceOfSatisfying(
            ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
  }

  @Test
  void takeRequest_afterCalls_recordsDecodedModelIdHeadersAndBody() {
    Clients.invoke(client, "us.meta.llama3-8b-instruct-v1:0", BODY);
    Clients.stream(async, LLAMA, BODY);

    RecordedRequest first = BEDROCK.emulator().takeRequest();
    RecordedRequest second = BEDROCK.emulator().takeRequest();
    assertThat(first.modelId()).isEqualTo("us.meta.llama3-8b-instruct-v1:0");
    assertThat(first.path()).isEqualTo("/model/us.meta.llama3-8b-instruct-v1%3A0/invoke");
    assertThat(first.operation()).isEqualTo("invoke");
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.header("content-type")).hasValue("application/json");
    assertThat(first.header("Authorization")).get().asString().startsWith("AWS4-HMAC-SHA256");
    assertThat(first.bodyUtf8()).isEqualTo(BODY);
    assertThat(first.toString()).doesNotContain("story");
    assertThat(second.operation()).isEqualTo("invoke-with-response-stream");
    assertThat(BEDROCK.emulator().requests()).containsExactly(first, second);

    BEDROCK.emulator().reset();
    assertThat(BEDROCK.emulator().requestCount()).isZero();
    assertThat(BEDROCK.emulator().takeRequest(Duration.ofMillis(10))).isEmpty();
  }
}
