package dev.genaiaws.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InternalServerException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.ModelErrorException;
import dev.genaiaws.core.exception.ModelNotReadyException;
import dev.genaiaws.core.exception.ServiceUnavailableException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.SageMakerEmulator;
import dev.genaiaws.testkit.SageMakerEmulatorExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real-time, streaming, embeddings and faults against the SageMaker emulator. */
class SageMakerGenerationClientTest {
  @RegisterExtension
  static final SageMakerEmulatorExtension SAGEMAKER =
      new SageMakerEmulatorExtension(
          SageMakerEmulator.builder()
              .endpoint("tgi", SageMakerEmulator.Container.TGI)
              .endpoint("llama", SageMakerEmulator.Container.TGI)
              .endpoint("ab", SageMakerEmulator.Container.LMI, "VariantA", "VariantB")
              .endpoint("flan", SageMakerEmulator.Container.JUMPSTART_TEXT2TEXT)
              .endpoint("embedder", SageMakerEmulator.Container.EMBEDDING)
              .streamPartSize(3));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RecordingSleeper SLEEPER = new RecordingSleeper();
  private static SageMakerGenerationClient client;

  @BeforeAll
  static void startClient() {
    client =
        TestClients.builder(SAGEMAKER.endpoint())
            .defaultFormat(SageMakerFormats.TGI)
            .endpoint("llama", SageMakerFormats.TGI_LLAMA3)
            .endpoint("ab", SageMakerFormats.LMI)
            .endpoint("flan", SageMakerFormats.JUMPSTART_TEXT2TEXT)
            .endpoint("embedder", SageMakerFormats.JUMPSTART_EMBEDDING)
            .retryPolicy(SLEEPER.policy(3))
            .build();
  }

  @AfterAll
  static void stopClient() {
    client.close();
  }

  @BeforeEach
  void resetEmulator() {
    SAGEMAKER.emulator().reset();
  }

  private static GenerationRequest request(String endpoint, String prompt) {
    return GenerationRequest.builder()
        .modelId(endpoint)
        .user(prompt)
        .inferenceConfig(c -> c.maxTokens(60))
        .build();
  }

  private static JsonNode body(RecordedRequest r) throws IOException {
    return JSON.readTree(r.body());
  }

  @Test
  void generate_targetVariantOption_sendsHeaderAndReportsInvokedVariant() {
    GenerationResponse r =
        client.generate(
            request("ab", "Pick a variant").toBuilder()
                .option(SageMakerOptions.builder().targetVariant("VariantB").build())
                .build());

    assertThat(r.metadata().attribute(SageMakerGenerationClient.ATTR_INVOKED_VARIANT))
        .isEqualTo("VariantB");
    assertThat(SAGEMAKER.emulator().takeRequest().header("X-Amzn-SageMaker-Target-Variant"))
        .hasValue("VariantB");
  }

  @Test
  void generate_noVariant_reportsDefaultVariant() {
    GenerationResponse r = client.generate(request("tgi", "Hello"));
    assertThat(r.metadata().attribute("invokedVariant")).isEqualTo("AllTraffic");
  }

  @Test
  void generate_options_sendsEveryHeader() {
    client.generate(
        request("tgi", "Hello").toBuilder()
            .option(
                SageMakerOptions.builder()
                    .acceptEula()
                    .inferenceId("my-id-1")
                    .targetModel("model-a.tar.gz")
                    .inferenceComponent("ic-1")
                    .build())
            .build());

    RecordedRequest sent = SAGEMAKER.emulator().takeRequest();
    assertThat(sent.endpointName()).isEqualTo("tgi");
    assertThat(sent.operation()).isEqualTo("invocations");
    assertThat(sent.header("X-Amzn-SageMaker-Custom-Attributes")).hasValue("accept_eula=true");
    assertThat(sent.header("X-Amzn-SageMaker-Inference-Id")).hasValue("my-id-1");
    assertThat(sent.header("X-Amzn-SageMaker-Target-Model")).hasValue("model-a.tar.gz");
    assertThat(sent.header("X-Amzn-SageMaker-Inference-Component")).hasValue("ic-1");
  }

  @Test
  void stream_options_sendsTheHeadersTheStreamingApiTakes() {
    try (GenerationStream s =
        client.stream(
            request("ab", "Hello").toBuilder()
                .option(
                    SageMakerOptions.builder()
                        .acceptEula()
                        .inferenceId("my-id-2")
                        .targetVariant("VariantB")
                        .targetModel("model-a.tar.gz")
                        .build())
                .build())) {
      assertThat(s.text()).isNotBlank();
    }

    RecordedRequest sent = SAGEMAKER.emulator().takeRequest();
    assertThat(sent.operation()).isEqualTo("invocations-response-stream");
    assertThat(sent.header("X-Amzn-SageMaker-Custom-Attributes")).hasValue("accept_eula=true");
    assertThat(sent.header("X-Amzn-SageMaker-Inference-Id")).hasValue("my-id-2");
    assertThat(sent.header("X-Amzn-SageMaker-Target-Variant")).hasValue("VariantB");
    // InvokeEndpointWithResponseStream takes no TargetModel
    assertThat(sent.header("X-Amzn-SageMaker-Target-Model")).isEmpty();
  }

  @Test
  void generate_endpointWithoutFormat_failsBeforeSendingNamingTheEndpoint() {
    try (SageMakerGenerationClient bare = TestClients.builder(SAGEMAKER.endpoint()).build()) {
      assertThatThrownBy(() -> bare.generate(request("tgi", "Hi")))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("'tgi'")
          .hasMessageContaining("SageMakerFormats.TGI");
    }
    assertThat(SAGEMAKER.emulator().requestCount()).isZero();
  }

  @Test
  void generate_formatOnRequest_winsOverClientDefault() throws IOException {
    client.generate(request("tgi", "Hi").toBuilder().option(SageMakerFormats.TGI_MISTRAL).build());
    assertThat(body(SAGEMAKER.emulator().takeRequest()).get("inputs").asText())
        .isEqualTo("<s>[INST] Hi [/INST]");
  }

  @Test
  void generate_llama3Endpoint_sendsRenderedTemplateAndReadsAnswer() throws IOException {
    GenerationResponse r =
        client.generate(
            GenerationRequest.builder()
                .modelId("llama")
                .system("Be brief.")
                .user("What is Lambda?")
                .inferenceConfig(c -> c.maxTokens(40).temperature(0.7))
                .build());

    JsonNode sent = body(SAGEMAKER.emulator().takeRequest());
    assertThat(sent.get("inputs").asText())
        .startsWith("<|begin_of_text|><|start_header_id|>system")
        .endsWith("<|start_header_id|>assistant<|end_header_id|>\n\n");
    assertThat(sent.at("/parameters/do_sample").asBoolean()).isTrue();
    assertThat(sent.at("/parameters/return_full_text").asBoolean()).isFalse();
    assertThat(sent.get("stream").asBoolean()).isFalse();
    assertThat(r.text()).isNotBlank().doesNotContain("<|begin_of_text|>");
  }

  @Test
  void generate_lmiEndpoint_readsObjectAnswerWithDetails() {
    GenerationResponse r = client.generate(request("ab", "Explain queues"));
    assertThat(r.text()).isNotBlank();
    assertThat(r.stopReason()).isIn(StopReason.STOP, StopReason.LENGTH);
    assertThat(r.usage().outputTokens()).isPositive();
  }

  @Test
  void generate_text2textEndpoint_readsGeneratedTexts() throws IOException {
    GenerationResponse r = client.generate(request("flan", "Translate to German: hello"));
    assertThat(r.text()).isNotBlank();
    assertThat(body(SAGEMAKER.emulator().takeRequest()).get("max_length").asInt()).isEqualTo(60);
  }

  @Test
  void stream_text2textEndpoint_refusedBeforeSending() {
    assertThatThrownBy(() -> client.stream(request("flan", "Hi")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cannot stream");
  }

  @Test
  void stream_partsOfThreeBytes_sameTextAsGenerateIncludingNonAscii() throws IOException {
    // multibyte text on purpose: the emulator's prose is ASCII, its edge-case style is not
    SAGEMAKER.emulator().textStyle(dev.genaiaws.testkit.TextStyle.EDGE_CASES);
    try {
      GenerationRequest req = request("tgi", "Write about caches and regions");
      String whole = client.generate(req).text();
      List<GenerationEvent> events = new ArrayList<>();
      try (GenerationStream s = client.stream(req)) {
        s.forEach(events::add);
      }
      StringBuilder text = new StringBuilder();
      events.stream()
          .filter(GenerationEvent.TextDelta.class::isInstance)
          .forEach(e -> text.append(((GenerationEvent.TextDelta) e).text()));

      assertThat(text.toString()).isEqualTo(whole).matches(".*[^\\x00-\\x7F].*");
      assertThat(
              ((GenerationEvent.Completed) events.get(events.size() - 1))
                  .metadata()
                  .attribute("invokedVariant"))
          .isEqualTo("AllTraffic");
      SAGEMAKER.emulator().takeRequest();
      RecordedRequest streamed = SAGEMAKER.emulator().takeRequest();
      assertThat(streamed.operation()).isEqualTo("invocations-response-stream");
      assertThat(body(streamed).get("stream").asBoolean()).isTrue();
    } finally {
      SAGEMAKER.emulator().textStyle(dev.genaiaws.testkit.TextStyle.PROSE);
    }
  }

  @Test
  @SuppressWarnings(
      "deprecation") // the entry point kept for programs written before SageMakerEmbeddingClient
  void embed_deprecatedEntryPoint_stillEmbedsThroughTheSameClients() throws IOException {
    EmbeddingResponse r =
        client.embed(e -> e.modelId("embedder").texts(List.of("a", "b")).normalize(true));
    EmbeddingResponse viaHf =
        client
            .embedAsync(
                dev.genaiaws.core.EmbeddingRequest.builder()
                    .modelId("embedder")
                    .text("a")
                    .option(SageMakerFormats.HF_EMBEDDING)
                    .build())
            .join();

    assertThat(r.size()).isEqualTo(2);
    assertThat(viaHf.size()).isEqualTo(1);
    assertThat(body(SAGEMAKER.emulator().takeRequest()).get("text_inputs")).hasSize(2);
    assertThat(body(SAGEMAKER.emulator().takeRequest()).get("inputs")).hasSize(1);
  }

  @Test
  void generate_rawJsonBody_sentAsItIsAndRawBodyReturned() throws IOException {
    GenerationResponse r =
        client.generate(
            GenerationRequest.builder()
                .modelId("tgi")
                .user("unused")
                .option(SageMakerFormats.RAW_JSON)
                .option(
                    dev.genaiaws.sagemaker.codec.RawJson.of(
                        "{\"inputs\":\"Raw hello\",\"parameters\":{\"max_new_tokens\":5}}"))
                .build());
    assertThat(body(SAGEMAKER.emulator().takeRequest()).get("inputs").asText())
        .isEqualTo("Raw hello");
    assertThat(r.rawBody()).contains("generated_text");
    assertThat(r.text()).startsWith("Raw hello");
  }

  @Test
  void stream_lmiEndpoint_sameTextAsGenerate() {
    GenerationRequest req = request("ab", "Stream from LMI");
    try (GenerationStream s = client.stream(req)) {
      assertThat(s.text()).isEqualTo(client.generate(req).text());
    }
  }

  @Test
  void generate_throttledTwice_retriedAndSucceedsOnThirdAttempt() {
    int waits = SLEEPER.waits().size();
    SAGEMAKER.emulator().enqueue(Fault.throttling()).enqueue(Fault.throttling());

    GenerationResponse r = client.generate(request("tgi", "Hello"));

    assertThat(r.metadata().attempts()).isEqualTo(3);
    assertThat(SAGEMAKER.emulator().requestCount()).isEqualTo(3);
    assertThat(SLEEPER.waits()).hasSize(waits + 2);
  }

  @Test
  void generate_modelError_notRetriedAndCarriesOriginalStatusMessageAndLogs() {
    SAGEMAKER
        .emulator()
        .forEndpoint("tgi")
        .enqueue(Fault.modelError(422, "Input validation error: bad input"));

    assertThatThrownBy(() -> client.generate(request("tgi", "Hello")))
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(424);
              assertThat(e.originalStatusCode()).isEqualTo(422);
              assertThat(e.originalMessage()).contains("bad input");
              assertThat(e.getMessage()).contains("bad input").contains("arn:aws:logs");
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.retryable()).isFalse();
              assertThat(e.provider()).isEqualTo("sagemaker");
              assertThat(e.requestId()).isNotBlank();
            });
    assertThat(SAGEMAKER.emulator().requestCount()).isEqualTo(1);
  }

  @Test
  void generate_containerRejectsParameters_modelErrorWithContainerMessage() {
    GenerationRequest bad =
        request("tgi", "Hello").toBuilder()
            .additionalModelFields(
                java.util.Map.of("parameters", java.util.Map.of("repetition_penalty", -1)))
            .build();
    assertThatThrownBy(() -> client.generate(bad))
        .isInstanceOfSatisfying(
            ModelErrorException.class, e -> assertThat(e.originalStatusCode()).isEqualTo(422));
  }

  @Test
  void generate_unknownEndpoint_validationExceptionNotRetried() {
    assertThatThrownBy(() -> client.generate(request("missing", "Hello")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.getMessage()).contains("missing");
              assertThat(e.attempts()).isEqualTo(1);
            });
  }

  @Test
  void generate_modelNotReadyOnce_retried() {
    SAGEMAKER.emulator().enqueue(Fault.modelNotReady());
    assertThat(client.generate(request("tgi", "Hello")).metadata().attempts()).isEqualTo(2);
  }

  @Test
  void generate_serviceUnavailableEveryTime_failsAfterThreeAttempts() {
    for (int i = 0; i < 3; i++) {
      SAGEMAKER.emulator().enqueue(Fault.serviceUnavailable());
    }
    assertThatThrownBy(() -> client.generate(request("tgi", "Hello")))
        .isInstanceOfSatisfying(
            ServiceUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(3));
    assertThat(SAGEMAKER.emulator().requestCount()).isEqualTo(3);
  }

  @Test
  void generateAsync_internalFailureOnce_retriedOffTheCommonPool() {
    SAGEMAKER.emulator().enqueue(Fault.internalServer());
    GenerationResponse r = client.generateAsync(request("tgi", "Hello")).join();
    assertThat(r.text()).isNotBlank();
    assertThat(SAGEMAKER.emulator().requestCount()).isEqualTo(2);
    // The failure and the answer reached the emulator. One attempt more is the Netty client's: it
    // tells the channel of the failed attempt that its execution ended with an error, on the event
    // loop, and when the retry (sent at once here, the test's sleeper does not wait) has already
    // taken that pooled channel the notice closes it under the retry, before anything is sent
    // (1 to 5 calls in 400 in a loop of this test). That attempt is retried like any dropped
    // connection.
    assertThat(r.metadata().attempts()).isBetween(2, 3);
  }

  @Test
  void generateAsync_modelError_futureFailsWithTypedException() {
    SAGEMAKER.emulator().enqueue(Fault.modelError(500, "CUDA out of memory"));
    assertThatThrownBy(() -> client.generateAsync(request("tgi", "Hello")).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ModelErrorException.class)
        .hasMessageContaining("CUDA out of memory");
  }

  @Test
  void generate_droppedConnectionOnce_retryableClientErrorRetried() {
    SAGEMAKER.emulator().enqueue(Fault.dropConnection());
    assertThat(client.generate(request("tgi", "Hello")).metadata().attempts()).isEqualTo(2);
  }

  @Test
  void generate_droppedConnectionEveryTime_retryableClientException() {
    for (int i = 0; i < 3; i++) {
      SAGEMAKER.emulator().enqueue(Fault.dropConnection());
    }
    assertThatThrownBy(() -> client.generate(request("tgi", "Hello")))
        .isInstanceOfSatisfying(
            GenAiClientException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.attempts()).isEqualTo(3);
            });
  }

  @Test
  void stream_throttledBeforeFirstEvent_retriedAndStreams() {
    SAGEMAKER.emulator().enqueue(Fault.throttling());
    try (GenerationStream s = client.stream(request("tgi", "Hello there"))) {
      assertThat(s.text()).isNotBlank();
    }
    assertThat(SAGEMAKER.emulator().requestCount()).isEqualTo(2);
  }

  @Test
  void stream_modelStreamErrorAfterSomeParts_typedErrorAndNoReplay() {
    SAGEMAKER.emulator().enqueue(Fault.inStream(Fault.StreamError.MODEL_STREAM_ERROR, 200));
    List<String> deltas = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (GenerationStream s =
                  client.stream(request("tgi", "Write a long story about rivers"))) {
                for (GenerationEvent e : s) {
                  if (e instanceof GenerationEvent.TextDelta d) {
                    deltas.add(d.text());
                  }
                }
              }
            })
        .isInstanceOfSatisfying(
            GenAiException.class, e -> assertThat(e).isInstanceOf(ModelErrorException.class));
    assertThat(deltas).isNotEmpty();
    assertThat(SAGEMAKER.emulator().requestCount()).isEqualTo(1);
  }

  @Test
  void stream_internalStreamFailure_internalServerException() {
    SAGEMAKER.emulator().enqueue(Fault.inStream(Fault.StreamError.INTERNAL_SERVER, 200));
    assertThatThrownBy(
            () -> {
              try (GenerationStream s =
                  client.stream(request("tgi", "Write a long story about lakes"))) {
                s.text();
              }
            })
        .isInstanceOf(InternalServerException.class);
  }

  @Test
  void clientToString_neverContainsPrompt() {
    assertThat(client.toString()).contains("tgi-llama3").doesNotContain("Hello");
    assertThat(SageMakerOptions.builder().customAttributes("secret=1").build().toString())
        .doesNotContain("secret");
  }

  @Test
  void modelNotReady_isRetryableType() {
    SAGEMAKER
        .emulator()
        .enqueue(Fault.modelNotReady())
        .enqueue(Fault.modelNotReady())
        .enqueue(Fault.modelNotReady());
    assertThatThrownBy(() -> client.generate(request("tgi", "Hello")))
        .isInstanceOfSatisfying(
            ModelNotReadyException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(ThrottlingException.class).isAssignableTo(GenAiException.class);
  }
}
