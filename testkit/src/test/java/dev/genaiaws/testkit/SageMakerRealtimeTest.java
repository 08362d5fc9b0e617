package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;
import software.amazon.awssdk.services.sagemakerruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/** InvokeEndpoint against each container format, plus SageMaker errors, through the real SDK. */
class SageMakerRealtimeTest {
  @RegisterExtension
  static final SageMakerEmulatorExtension SAGEMAKER =
      new SageMakerEmulatorExtension(
          SageMakerEmulator.builder()
              .endpoint("tgi", SageMakerEmulator.Container.TGI)
              .endpoint("lmi", SageMakerEmulator.Container.LMI)
              .endpoint("flan", SageMakerEmulator.Container.JUMPSTART_TEXT2TEXT)
              .endpoint("embed", SageMakerEmulator.Container.EMBEDDING)
              .endpoint("ab", SageMakerEmulator.Container.TGI, "VariantA", "VariantB")
              .embeddingDimensions(64));

  static SageMakerRuntimeClient client;

  @BeforeAll
  static void clients() {
    client = Clients.sageMaker(SAGEMAKER.endpoint());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static InvokeEndpointResponse invoke(String endpoint, String body) {
    return client.invokeEndpoint(
        InvokeEndpointRequest.builder()
            .endpointName(endpoint)
            .contentType("application/json")
            .body(SdkBytes.fromString(body, StandardCharsets.UTF_8))
            .build());
  }

  static JsonNode json(InvokeEndpointResponse r) {
    return Clients.json(r.body().asByteArray());
  }

  @Test
  void invoke_tgiDefault_listWithPromptEchoedAndVariantHeader() {
    InvokeEndpointResponse r =
        invoke(
            "tgi", "{\"inputs\":\"[INST] Hello [/INST]\",\"parameters\":{\"max_new_tokens\":64}}");

    JsonNode body = json(r);
    assertThat(body.isArray()).isTrue();
    assertThat(body.at("/0/generated_text").asText())
        .startsWith("[INST] Hello [/INST]")
        .hasSizeGreaterThan(25);
    assertThat(r.invokedProductionVariant()).isEqualTo("AllTraffic");
    assertThat(r.contentType()).isEqualTo("application/json");
  }

  @Test
  void invoke_tgiDetails_objectWithFinishReasonTokensAndSeed() {
    JsonNode body =
        json(
            invoke(
                "tgi",
                "{\"inputs\":\"Hello\",\"parameters\":{\"max_new_tokens\":4,\"details\":true,"
                    + "\"return_full_text\":false,\"seed\":7,\"temperature\":0.5,\"top_p\":0.9,\"top_k\":50,\"do_sample\":true,"
                    + "\"repetition_penalty\":1.1,\"stop\":[\"</s>\"]},\"stream\":false}"));

    assertThat(body.isObject()).isTrue();
    assertThat(body.path("generated_text").asText().split(" ")).hasSize(4);
    assertThat(body.at("/details/finish_reason").asText()).isEqualTo("length");
    assertThat(body.at("/details/generated_tokens").asInt()).isEqualTo(4);
    assertThat(body.at("/details/seed").asLong()).isEqualTo(7);
  }

  @Test
  void invoke_lmi_objectWithoutPromptEcho() {
    JsonNode body =
        json(invoke("lmi", "{\"inputs\":\"Hello there\",\"parameters\":{\"max_new_tokens\":300}}"));

    assertThat(body.isObject()).isTrue();
    assertThat(body.path("generated_text").asText()).isNotBlank().doesNotStartWith("Hello there");
  }

  @Test
  void invoke_text2text_generatedTexts() {
    JsonNode body =
        json(
            invoke(
                "flan",
                "{\"text_inputs\":\"Translate to German: hello\",\"max_length\":10,"
                    + "\"num_return_sequences\":2,\"top_k\":50,\"top_p\":0.95,\"do_sample\":true}"));

    assertThat(body.path("generated_texts")).hasSize(2);
    assertThat(body.at("/generated_texts/0").asText()).isNotBlank();
  }

  @Test
  void invoke_embeddingTextInputs_embeddingMatrix() {
    JsonNode body = json(invoke("embed", "{\"text_inputs\":[\"a\",\"b\",\"c\"]}"));

    assertThat(body.path("embedding")).hasSize(3);
    assertThat(body.at("/embedding/0")).hasSize(64);
  }

  @Test
  void invoke_embeddingHfInputs_nestedLists() {
    JsonNode body = json(invoke("embed", "{\"inputs\":[\"a\",\"b\"]}"));

    assertThat(body.isArray()).isTrue();
    assertThat(body).hasSize(2);
    assertThat(body.get(1)).hasSize(64);
    assertThat(body.get(0)).isNotEqualTo(body.get(1));
  }

  @Test
  void invoke_customAttributesAndTargetVariant_echoed() {
    InvokeEndpointResponse r =
        client.invokeEndpoint(
            InvokeEndpointRequest.builder()
                .endpointName("ab")
                .contentType("application/json")
                .customAttributes("accept_eula=true")
                .targetVariant("VariantB")
                .body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}"))
                .build());

    assertThat(r.invokedProductionVariant()).isEqualTo("VariantB");
    assertThat(r.customAttributes()).isEqualTo("accept_eula=true");
    RecordedRequest recorded = SAGEMAKER.emulator().takeRequest();
    assertThat(recorded.endpointName()).isEqualTo("ab");
    assertThat(recorded.operation()).isEqualTo("invocations");
    assertThat(recorded.header("X-Amzn-SageMaker-Custom-Attributes")).hasValue("accept_eula=true");
  }

  @Test
  void invoke_unknownVariant_validationError() {
    assertThatThrownBy(
            () ->
                client.invokeEndpoint(
                    InvokeEndpointRequest.builder()
                        .endpointName("ab")
                        .contentType("application/json")
                        .targetVariant("Nope")
                        .body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}"))
                        .build()))
        .isInstanceOf(ValidationErrorException.class)
        .hasMessageContaining("Variant Nope not found");
  }

  @Test
  void invoke_unknownEndpoint_validationError() {
    assertThatThrownBy(() -> invoke("missing", "{\"inputs\":\"hi\"}"))
        .isInstanceOfSatisfying(
            ValidationErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Endpoint missing of account 123456789012 not found.");
              assertThat(e.requestId()).isNotBlank();
            });
  }

  static Stream<Arguments> containerRejections() {
    return Stream.of(
        Arguments.of(
            "tgi",
            "{\"inputs\":\"hi\",\"parameters\":{\"temperature\":0}}",
            422,
            "`temperature` must be strictly positive"),
        Arguments.of(
            "tgi",
            "{\"inputs\":\"hi\",\"parameters\":{\"top_p\":1.0}}",
            422,
            "`top_p` must be > 0.0 and < 1.0"),
        Arguments.of(
            "tgi",
            "{\"inputs\":\"hi\",\"parameters\":{\"max_new_tokens\":0}}",
            422,
            "`max_new_tokens` must be strictly positive"),
        Arguments.of("lmi", "{\"prompt\":\"hi\"}", 422, "missing field `inputs`"),
        Arguments.of("tgi", "not json", 422, "Failed to deserialize"),
        Arguments.of("flan", "{\"inputs\":\"hi\"}", 400, "'text_inputs' is required"),
        Arguments.of("embed", "{\"texts\":[\"a\"]}", 400, "Expected 'text_inputs' or 'inputs'"));
  }

  @ParameterizedTest
  @MethodSource("containerRejections")
  void invoke_containerRejectsBody_modelErrorWithOriginalStatus(
      String endpoint, String body, int status, String message) {
    assertThatThrownBy(() -> invoke(endpoint, body))
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(424);
              assertThat(e.originalStatusCode()).isEqualTo(status);
              assertThat(e.originalMessage()).contains(message);
              assertThat(e.awsErrorDetails().errorMessage())
                  .startsWith("Received client error (" + status + ") from primary");
              assertThat(e.logStreamArn()).contains("/aws/sagemaker/Endpoints/" + endpoint);
            });
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(Fault.modelError(500, "CUDA out of memory"), ModelErrorException.class, 424),
        Arguments.of(Fault.validation("bad request"), ValidationErrorException.class, 400),
        Arguments.of(Fault.modelNotReady(), ModelNotReadyException.class, 429),
        Arguments.of(Fault.serviceUnavailable(), ServiceUnavailableException.class, 503),
        Arguments.of(Fault.internalServer(), InternalFailureException.class, 500),
        Arguments.of(Fault.throttling(), SageMakerRuntimeException.class, 429));
  }

  @ParameterizedTest
  @MethodSource("faults")
  void invoke_faultQueued_sageMakerExceptionType(
      Fault fault, Class<? extends SageMakerRuntimeException> type, int status) {
    SAGEMAKER.emulator().forEndpoint("tgi").enqueue(fault);

    assertThatThrownBy(() -> invoke("tgi", "{\"inputs\":\"hi\"}"))
        .isInstanceOfSatisfying(
            type,
            e -> {
              assertThat(e.statusCode()).isEqualTo(status);
              assertThat(e.requestId()).isNotBlank();
            });
    assertThat(json(invoke("tgi", "{\"inputs\":\"hi\"}")).isArray()).isTrue();
  }

  @Test
  void invoke_modelErrorFault_originalStatusAndMessage() {
    SAGEMAKER.emulator().enqueue(Fault.modelError(500, "CUDA out of memory"));

    assertThatThrownBy(() -> invoke("lmi", "{\"inputs\":\"hi\"}"))
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            e -> {
              assertThat(e.originalStatusCode()).isEqualTo(500);
              assertThat(e.originalMessage()).isEqualTo("CUDA out of memory");
              assertThat(e.awsErrorDetails().errorMessage())
                  .startsWith("Received server error (500)");
            });
  }

  @Test
  void invoke_cannedAndDropped_asScripted() {
    SAGEMAKER
        .emulator()
        .forEndpoint("tgi")
        .enqueueResponse("[{\"generated_text\":\"canned\"}]")
        .enqueue(Fault.dropConnection());

    assertThat(invoke("tgi", "{\"inputs\":\"hi\"}").body().asUtf8String())
        .isEqualTo("[{\"generated_text\":\"canned\"}]");
    assertThatThrownBy(() -> invoke("tgi", "{\"inputs\":\"hi\"}"))
        .isInstanceOf(SdkClientException.class);
    assertThat(SAGEMAKER.emulator().requestCount()).isEqualTo(2);
  }

  @Test
  void endpoint_registeredAtRuntime_answers() {
    SAGEMAKER.emulator().endpoint("late", SageMakerEmulator.Container.LMI);

    assertThat(json(invoke("late", "{\"inputs\":\"hi\"}")).has("generated_text")).isTrue();
  }
}
