package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.bedrock.codec.BedrockFamilies;
import dev.genaiaws.bedrock.codec.LlamaCodec;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnknownModelException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import dev.genaiaws.testkit.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BedrockGenerationClientTest {
  static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
  static final String TITAN = "amazon.titan-text-express-v1";
  static final String LLAMA2 = "meta.llama2-13b-chat-v1";
  static final String LLAMA3 = "meta.llama3-8b-instruct-v1:0";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private static final RecordingSleeper SLEEPER = new RecordingSleeper();
  // one client for the class: closing a built Netty client takes a while
  private static BedrockGenerationClient client;

  @BeforeAll
  static void setUp() {
    client = EmulatorClients.builder(BEDROCK.endpoint(), SLEEPER).build();
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  private static BedrockEmulator emulator() {
    return BEDROCK.emulator();
  }

  private static GenerationRequest request(String model) {
    return GenerationRequest.builder()
        .modelId(model)
        .system("You are terse.")
        .user("Name three fruits.")
        .inferenceConfig(c -> c.maxTokens(40).temperature(0.5))
        .build();
  }

  private static JsonNode body(RecordedRequest r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, TITAN, LLAMA2, LLAMA3, "us." + CLAUDE, "eu." + LLAMA3})
  void generate_eachFamily_textUsageAndRequestId(String model) {
    GenerationResponse r = client.generate(request(model));

    assertThat(r.text()).isNotBlank();
    assertThat(r.usage().inputTokens()).isPositive();
    assertThat(r.usage().outputTokens()).isPositive();
    assertThat(r.stopReason()).isIn(StopReason.STOP, StopReason.LENGTH);
    assertThat(r.rawStopReason()).isNotNull();
    assertThat(r.metadata().requestId()).isNotBlank();
    assertThat(r.metadata().modelId()).isEqualTo(model);
    assertThat(r.metadata().attempts()).isEqualTo(1);
    assertThat(r.metadata().latency()).isPositive();
    assertThat(r.metadata().attribute("invocationLatencyMs")).containsOnlyDigits();
    RecordedRequest sent = emulator().takeRequest();
    assertThat(sent.operation()).isEqualTo("invoke");
    assertThat(sent.modelId()).isEqualTo(model);
    assertThat(sent.header("Content-Type")).hasValue("application/json");
    assertThat(sent.header("Accept")).hasValue("application/json");
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, TITAN, LLAMA2, LLAMA3})
  void generateAsyncAndStream_eachFamily_sameTextAsSync(String model) throws Exception {
    String sync = client.generate(request(model)).text();

    GenerationResponse async = client.generateAsync(request(model)).get(20, TimeUnit.SECONDS);
    List<GenerationEvent> events = new ArrayList<>();
    try (GenerationStream stream = client.stream(request(model))) {
      stream.forEach(events::add);
    }

    assertThat(async.text()).isEqualTo(sync);
    assertThat(async.metadata().requestId()).isNotBlank();
    assertThat(events.stream().filter(GenerationEvent.TextDelta.class::isInstance).count())
        .isGreaterThan(1);
    StringBuilder streamed = new StringBuilder();
    events.stream()
        .filter(GenerationEvent.TextDelta.class::isInstance)
        .forEach(e -> streamed.append(((GenerationEvent.TextDelta) e).text()));
    assertThat(streamed.toString()).isEqualTo(sync);
    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.usage().outputTokens()).isPositive();
    assertThat(done.usage().inputTokens()).isPositive();
    assertThat(done.stopReason()).isIn(StopReason.STOP, StopReason.LENGTH);
    assertThat(done.metadata().requestId()).isNotBlank();
    assertThat(emulator().requests())
        .extracting(RecordedRequest::operation)
        .containsExactly("invoke", "invoke", "invoke-with-response-stream");
  }

  @Test
  void generate_maxTokensReached_lengthStopReason() {
    GenerationResponse r =
        client.generate(request(LLAMA3).toBuilder().inferenceConfig(c -> c.maxTokens(2)).build());

    assertThat(r.stopReason()).isEqualTo(StopReason.LENGTH);
    assertThat(r.usage().outputTokens()).isEqualTo(2);
  }

  @Test
  void generate_defaultInferenceConfig_mergedUnderRequestValues() {
    try (BedrockGenerationClient c =
        EmulatorClients.builder(BEDROCK.endpoint(), SLEEPER)
            .defaultInferenceConfig(d -> d.maxTokens(77).temperature(0.2))
            .build()) {
      c.generate(r -> r.modelId(CLAUDE).user("Hi"));
      c.generate(r -> r.modelId(CLAUDE).user("Hi").inferenceConfig(i -> i.maxTokens(33)));
    }

    JsonNode first = body(emulator().takeRequest());
    JsonNode second = body(emulator().takeRequest());
    assertThat(first.get("max_tokens").asInt()).isEqualTo(77);
    assertThat(first.get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(second.get("max_tokens").asInt()).isEqualTo(33);
    assertThat(second.get("temperature").asDouble()).isEqualTo(0.2);
  }

  @Test
  void generate_bedrockOptions_sentAsRequestHeaders() {
    client.generate(
        request(CLAUDE).toBuilder()
            .option(
                BedrockOptions.builder()
                    .guardrail("gr-abc123", "1")
                    .trace("ENABLED")
                    .performanceConfigLatency("optimized")
                    .serviceTier("priority")
                    .build())
            .build());

    RecordedRequest sent = emulator().takeRequest();
    assertThat(sent.header("X-Amzn-Bedrock-GuardrailIdentifier")).hasValue("gr-abc123");
    assertThat(sent.header("X-Amzn-Bedrock-GuardrailVersion")).hasValue("1");
    assertThat(sent.header("X-Amzn-Bedrock-Trace")).hasValue("ENABLED");
    assertThat(sent.header("X-Amzn-Bedrock-PerformanceConfig-Latency")).hasValue("optimized");
    assertThat(sent.header("X-Amzn-Bedrock-Service-Tier")).hasValue("priority");
  }

  @Test
  void stream_bedrockOptionsAndRequestTier_sentAsRequestHeadersAsForGenerate() {
    GenerationRequest r =
        request(CLAUDE).toBuilder()
            .option(BedrockOptions.builder().guardrail("gr-abc123", "1").trace("ENABLED").build())
            .serviceTier(dev.genaiaws.core.ServiceTier.FLEX)
            .latency(dev.genaiaws.core.Latency.OPTIMIZED)
            .build();
    try (dev.genaiaws.core.GenerationStream s = client.stream(r)) {
      assertThat(s.text()).isNotBlank();
    }

    RecordedRequest sent = emulator().takeRequest();
    assertThat(sent.operation()).isEqualTo("invoke-with-response-stream");
    assertThat(sent.header("X-Amzn-Bedrock-GuardrailIdentifier")).hasValue("gr-abc123");
    assertThat(sent.header("X-Amzn-Bedrock-GuardrailVersion")).hasValue("1");
    assertThat(sent.header("X-Amzn-Bedrock-Trace")).hasValue("ENABLED");
    assertThat(sent.header("X-Amzn-Bedrock-PerformanceConfig-Latency")).hasValue("optimized");
    assertThat(sent.header("X-Amzn-Bedrock-Service-Tier")).hasValue("flex");
  }

  @Test
  void generate_opaqueArnWithFamilyOption_sentAsGiven() {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123";
    emulator().alias(arn, LLAMA3);

    GenerationResponse r =
        client.generate(request(arn).toBuilder().option(BedrockFamilies.META_LLAMA3).build());

    assertThat(r.text()).isNotBlank();
    RecordedRequest sent = emulator().takeRequest();
    assertThat(sent.modelId()).isEqualTo(arn);
    assertThat(body(sent).get("prompt").asText()).startsWith("<|begin_of_text|>");
  }

  @Test
  void generate_clientFamilyForOpaqueArn_usedWhenRequestNamesNone() {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:imported-model/xyz789";
    emulator().alias(arn, LLAMA2);

    try (BedrockGenerationClient c =
        EmulatorClients.builder(BEDROCK.endpoint(), SLEEPER)
            .family(BedrockFamilies.META_LLAMA2)
            .build()) {
      assertThat(c.generate(request(arn)).text()).isNotBlank();
    }

    assertThat(body(emulator().takeRequest()).get("prompt").asText())
        .startsWith("<s>[INST] <<SYS>>");
  }

  @Test
  void generate_codecOverrideForCustomPrefix_usesIt() {
    emulator().alias("acme.rocket-v1", LLAMA3);

    try (BedrockGenerationClient c =
        EmulatorClients.builder(BEDROCK.endpoint(), SLEEPER)
            .codec(LlamaCodec.llama3(), "acme.rocket")
            .build()) {
      assertThat(c.generate(request("acme.rocket-v1")).text()).isNotBlank();
    }
  }

  @Test
  void generate_unsupportedParameterWithDropPolicy_sentWithout() {
    try (BedrockGenerationClient c =
        EmulatorClients.builder(BEDROCK.endpoint(), SLEEPER)
            .unsupportedParameters(UnsupportedParameterPolicy.DROP)
            .build()) {
      c.generate(request(LLAMA3).toBuilder().inferenceConfig(i -> i.topK(5).seed(1L)).build());
    }

    JsonNode sent = body(emulator().takeRequest());
    assertThat(sent.has("top_k")).isFalse();
    assertThat(sent.has("seed")).isFalse();
    assertThat(sent.get("max_gen_len").asInt()).isEqualTo(40);
  }

  // ---- bad input never reaches the network ----

  @Test
  void generate_unknownModelOnInvokeModel_failsNamingIdAndFamiliesWithoutSending() {
    assertThatThrownBy(
            () ->
                client.generate(
                    request("acme.rocket-v1").toBuilder().option(BedrockApi.INVOKE_MODEL).build()))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("acme.rocket-v1")
        .hasMessageContaining("anthropic.claude-messages");
    assertThat(emulator().requestCount()).isZero();
  }

  @Test
  void generate_opaqueArnWithoutFamily_failsWithoutSending() {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123";

    assertThatThrownBy(
            () -> client.generate(request(arn).toBuilder().option(BedrockApi.INVOKE_MODEL).build()))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining(arn)
        .hasMessageContaining("family");
    assertThat(emulator().requestCount()).isZero();
  }

  @Test
  void generate_unknownModelUnderAuto_goesThroughConverseInsteadOfFailing() {
    assertThat(client.generate(request("acme.rocket-v1")).text()).isNotBlank();
    assertThat(emulator().takeRequest().operation()).isEqualTo("converse");
  }

  @Test
  void generate_configOutOfFamilyRange_failsWithoutSending() {
    GenerationRequest r =
        request(TITAN).toBuilder().inferenceConfig(c -> c.temperature(1.5)).build();

    assertThatThrownBy(() -> client.generate(r))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("temperature must be in [0.0, 1.0] for " + TITAN + " but was 1.5");
    assertThatThrownBy(() -> client.generateAsync(r).join())
        .hasCauseInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> client.stream(r)).isInstanceOf(InvalidRequestException.class);
    assertThat(emulator().requestCount()).isZero();
  }

  @Test
  void generate_imageForTextOnlyModel_failsNamingModelWithoutSending() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(LLAMA3)
            .user(TextBlock.of("What is this?"), ImageBlock.of(new byte[] {1, 2, 3}, "image/png"))
            .build();

    assertThatThrownBy(() -> client.generate(r))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(LLAMA3);
    assertThat(emulator().requestCount()).isZero();
  }

  @Test
  void generate_unsupportedParameter_failsNamingFamilyWithoutSending() {
    GenerationRequest r = request(LLAMA3).toBuilder().inferenceConfig(c -> c.topK(5)).build();

    assertThatThrownBy(() -> client.generate(r))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("topK")
        .hasMessageContaining("meta.llama3");
    assertThat(emulator().requestCount()).isZero();
  }

  @Test
  void requestBuilder_emptyMessagesOrBlankModel_failBeforeAnyCall() {
    assertThatThrownBy(() -> client.generate(r -> r.modelId(CLAUDE)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("messages");
    assertThatThrownBy(() -> client.generate(r -> r.modelId(" ").user("Hi")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("modelId");
    assertThat(emulator().requestCount()).isZero();
  }

  @Test
  @SuppressWarnings("try") // closed inside the try on purpose: a second close must be harmless
  void stream_closedEarly_stopsAndClientStaysUsable() {
    GenerationRequest r =
        request(LLAMA3).toBuilder().inferenceConfig(c -> c.maxTokens(200)).build();

    try (GenerationStream stream = client.stream(r)) {
      GenerationEvent first = stream.iterator().next();
      assertThat(first).isInstanceOf(GenerationEvent.TextDelta.class);
      stream.close();
      // what was already buffered may still be read; the stream then ends without completing
      List<GenerationEvent> rest = new ArrayList<>();
      stream.forEach(rest::add);
      assertThat(rest)
          .hasSizeLessThan(GenerationStream.DEFAULT_BUFFER_SIZE + 1)
          .noneMatch(GenerationEvent.Completed.class::isInstance);
    }

    assertThat(client.stream(request(LLAMA3)).text()).isNotBlank();
  }

  @Test
  void encode_request_showsBodyWithoutSending() {
    byte[] body = client.encode(request(CLAUDE));

    assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8))
        .contains("bedrock-2023-05-31");
    assertThat(emulator().requestCount()).isZero();
  }

  @Test
  void toString_neverPrintsPrompts() {
    assertThat(client.toString()).contains("anthropic.claude-messages").doesNotContain("fruits");
  }

  @Test
  void timeout_attemptTimeoutSmallerThanDelay_retriedThenFails() {
    emulator().enqueue(dev.genaiaws.testkit.Fault.delayFirstByte(Duration.ofSeconds(2)));
    emulator().enqueue(dev.genaiaws.testkit.Fault.delayFirstByte(Duration.ofSeconds(2)));

    try (BedrockGenerationClient c =
        EmulatorClients.builder(BEDROCK.endpoint(), SLEEPER)
            .retryPolicy(
                dev.genaiaws.core.RetryPolicy.builder().maxAttempts(2).sleeper(SLEEPER).build())
            .attemptTimeout(Duration.ofMillis(200))
            .build()) {
      assertThatThrownBy(() -> c.generate(request(CLAUDE)))
          .isInstanceOfSatisfying(
              dev.genaiaws.core.exception.GenAiClientException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.getMessage()).contains("attemptTimeout");
              });
    }
    assertThat(emulator().requestCount()).isEqualTo(2);
  }

  @Test
  void timeout_callTimeoutPassed_failsWithoutRetry() {
    emulator().enqueue(dev.genaiaws.testkit.Fault.delayFirstByte(Duration.ofSeconds(2)));

    try (BedrockGenerationClient c =
        EmulatorClients.builder(BEDROCK.endpoint(), SLEEPER)
            .callTimeout(Duration.ofMillis(300))
            .build()) {
      assertThatThrownBy(() -> c.generate(request(CLAUDE)))
          .isInstanceOfSatisfying(
              dev.genaiaws.core.exception.GenAiClientException.class,
              e -> assertThat(e.attempts()).isEqualTo(1));
    }
    assertThat(emulator().requestCount()).isEqualTo(1);
  }
}
