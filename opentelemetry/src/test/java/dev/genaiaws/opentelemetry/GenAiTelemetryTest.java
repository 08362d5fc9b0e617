package dev.genaiaws.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.bedrock.BedrockEmbeddingClient;
import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import dev.genaiaws.testkit.Fault;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Spans and metrics of real calls through the Bedrock client against the emulator. */
class GenAiTelemetryTest {
  private static final String NOVA = "amazon.nova-lite-v1:0";

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  // per test: the extension resets the meter provider before each test, dropping instruments made
  // earlier
  private GenAiTelemetry telemetry;
  private BedrockGenerationClient client;
  private BedrockGenerationClient contentClient;

  @BeforeEach
  void setUp() {
    telemetry = GenAiTelemetry.create(OTEL.getOpenTelemetry());
    client = builder().listener(telemetry).build();
    contentClient =
        builder()
            .listener(GenAiTelemetry.builder(OTEL.getOpenTelemetry()).captureContent(true).build())
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    contentClient.close();
  }

  private static BedrockGenerationClient.Builder builder() {
    return BedrockGenerationClient.builder()
        .endpointOverride(BEDROCK.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).sleeper(new RecordingSleeper()).build());
  }

  private static GenerationRequest request() {
    return GenerationRequest.builder()
        .modelId(NOVA)
        .system("Be brief.")
        .user("Name a fruit.")
        .inferenceConfig(c -> c.maxTokens(40).temperature(0.5).topP(0.9).stopSequences("END"))
        .build();
  }

  private static SpanData onlySpan() {
    List<SpanData> spans = OTEL.getSpans();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private static <T> T attr(SpanData span, AttributeKey<T> key) {
    return span.getAttributes().get(key);
  }

  private static MetricData metric(String name) {
    return OTEL.getMetrics().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " in " + OTEL.getMetrics()));
  }

  @Test
  void generate_oneClientSpanWithRequestAndResponseAttributes() {
    var r = client.generate(request());

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("chat " + NOVA);
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(attr(span, AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
    assertThat(attr(span, AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("aws.bedrock");
    assertThat(attr(span, AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo(NOVA);
    assertThat(attr(span, AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo(NOVA);
    assertThat(attr(span, AttributeKey.longKey("gen_ai.request.max_tokens"))).isEqualTo(40L);
    assertThat(attr(span, AttributeKey.doubleKey("gen_ai.request.temperature"))).isEqualTo(0.5);
    assertThat(attr(span, AttributeKey.doubleKey("gen_ai.request.top_p"))).isEqualTo(0.9);
    assertThat(attr(span, AttributeKey.stringArrayKey("gen_ai.request.stop_sequences")))
        .containsExactly("END");
    assertThat(attr(span, AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
        .containsExactly(r.rawStopReason());
    assertThat(attr(span, AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo((long) r.usage().inputTokens())
        .isPositive();
    assertThat(attr(span, AttributeKey.longKey("gen_ai.usage.output_tokens")))
        .isEqualTo((long) r.usage().outputTokens())
        .isPositive();
    assertThat(attr(span, AttributeKey.stringKey("aws.request_id")))
        .isEqualTo(r.metadata().requestId());
    assertThat(attr(span, AttributeKey.stringKey("gen_ai.input.messages"))).isNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(telemetry.openSpans()).isZero();

    HistogramPointData duration =
        metric("gen_ai.client.operation.duration").getHistogramData().getPoints().iterator().next();
    assertThat(duration.getCount()).isEqualTo(1);
    assertThat(duration.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")))
        .isEqualTo(NOVA);
    assertThat(metric("gen_ai.client.operation.duration").getUnit()).isEqualTo("s");
    MetricData tokens = metric("gen_ai.client.token.usage");
    assertThat(tokens.getUnit()).isEqualTo("{token}");
    assertThat(tokens.getHistogramData().getPoints())
        .extracting(
            p ->
                p.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type"))
                    + "="
                    + (long) p.getSum())
        .containsExactlyInAnyOrder(
            "input=" + r.usage().inputTokens(), "output=" + r.usage().outputTokens());
  }

  @Test
  void generate_retriedOnce_oneSpanWithARetryEvent() {
    BEDROCK.emulator().enqueue(Fault.throttling());

    client.generate(request());

    SpanData span = onlySpan();
    assertThat(span.getEvents())
        .extracting(EventData::getName)
        .containsExactly("gen_ai.client.retry", "gen_ai.client.attempt");
    assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("ThrottlingException");
    assertThat(attr(span, AttributeKey.longKey("gen_ai.client.attempts"))).isEqualTo(2L);
  }

  @Test
  void generate_failsForGood_errorTypeOnSpanAndDuration() {
    BEDROCK.emulator().enqueue(Fault.validation("bad things"));

    assertThatThrownBy(() -> client.generate(request())).isInstanceOf(ValidationException.class);

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(span, AttributeKey.stringKey("error.type"))).isEqualTo("ValidationException");
    assertThat(span.getStatus().getDescription()).doesNotContain("bad things");
    HistogramPointData duration =
        metric("gen_ai.client.operation.duration").getHistogramData().getPoints().iterator().next();
    assertThat(duration.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("ValidationException");
    assertThat(OTEL.getMetrics())
        .extracting(MetricData::getName)
        .doesNotContain("gen_ai.client.token.usage");
  }

  @Test
  void generateAsync_spanIsAChildOfTheCallersSpan() {
    Span parent = OTEL.getOpenTelemetry().getTracer("test").spanBuilder("caller").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      client.generateAsync(request()).join();
    } finally {
      parent.end();
    }

    SpanData call =
        OTEL.getSpans().stream()
            .filter(s -> s.getName().startsWith("chat "))
            .findFirst()
            .orElseThrow();
    assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(call.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
  }

  @Test
  void stream_spanFromStartToLastEvent_timeToFirstChunkRecorded() {
    Span parent = OTEL.getOpenTelemetry().getTracer("test").spanBuilder("caller").startSpan();
    String text;
    try (Scope ignored = parent.makeCurrent();
        GenerationStream s = client.stream(request())) {
      text = s.text();
    } finally {
      parent.end();
    }

    assertThat(text).isNotEmpty();
    SpanData call =
        OTEL.getSpans().stream()
            .filter(s -> s.getName().startsWith("chat "))
            .findFirst()
            .orElseThrow();
    assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(call.getEvents()).extracting(EventData::getName).contains("gen_ai.first_chunk");
    assertThat(attr(call, AttributeKey.longKey("gen_ai.usage.output_tokens"))).isPositive();
    assertThat(metric("gen_ai.client.operation.time_to_first_chunk").getHistogramData().getPoints())
        .hasSize(1);
  }

  @Test
  void stream_failsMidStream_errorSpanNoUsage() {
    BEDROCK.emulator().enqueue(Fault.inStream(Fault.StreamError.MODEL_STREAM_ERROR, 2));

    try (GenerationStream s = client.stream(request())) {
      assertThatThrownBy(s::text).isInstanceOf(GenAiException.class);
    }

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(span, AttributeKey.stringKey("error.type"))).isNotBlank();
    assertThat(span.getEvents()).extracting(EventData::getName).contains("gen_ai.first_chunk");
    assertThat(attr(span, AttributeKey.longKey("gen_ai.usage.output_tokens"))).isNull();
    assertThat(telemetry.openSpans()).isZero();
  }

  @Test
  void captureContent_onlyWhenAskedFor_promptAndAnswerAsJson() {
    var r = contentClient.generate(request());

    SpanData span = onlySpan();
    assertThat(attr(span, AttributeKey.stringKey("gen_ai.system_instructions")))
        .isEqualTo("[{\"type\":\"text\",\"content\":\"Be brief.\"}]");
    assertThat(attr(span, AttributeKey.stringKey("gen_ai.input.messages")))
        .isEqualTo(
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Name a fruit.\"}]}]");
    assertThat(attr(span, AttributeKey.stringKey("gen_ai.output.messages")))
        .startsWith("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":")
        .contains(r.text().substring(0, Math.min(10, r.text().length())));
  }

  @Test
  void images_generateContentOperation() {
    contentClient.generate(
        GenerationRequest.builder()
            .modelId("amazon.titan-image-generator-v1")
            .user("a red fox")
            .imageConfig(c -> c.width(512).height(512).count(1))
            .build());

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("generate_content amazon.titan-image-generator-v1");
    assertThat(attr(span, AttributeKey.stringKey("gen_ai.output.type"))).isEqualTo("image");
    assertThat(attr(span, AttributeKey.stringKey("gen_ai.output.messages")))
        .contains("\"type\":\"image\"")
        .doesNotContain("base64");
  }

  @Test
  void embeddings_oneSpanAndInputTokenMetric() {
    try (BedrockEmbeddingClient embeddings =
        BedrockEmbeddingClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .listener(telemetry)
            .build()) {
      var r =
          embeddings.embed(
              e -> e.modelId("amazon.titan-embed-text-v2:0").texts(List.of("one", "two")));

      SpanData span = onlySpan();
      assertThat(span.getName()).isEqualTo("embeddings amazon.titan-embed-text-v2:0");
      assertThat(attr(span, AttributeKey.longKey("gen_ai.usage.input_tokens")))
          .isEqualTo((long) r.usage().inputTokens())
          .isPositive();
      assertThat(metric("gen_ai.client.token.usage").getHistogramData().getPoints())
          .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type")))
          .containsExactly("input");
    }
  }

  @Test
  void builder_nullOpenTelemetry_clearError() {
    assertThatThrownBy(() -> GenAiTelemetry.create(null))
        .isInstanceOf(GenAiException.class)
        .hasMessageContaining("GlobalOpenTelemetry.get()");
  }

  @Test
  void generateAsync_cancelledOrFailed_noSpanLeftOpen() {
    BEDROCK.emulator().enqueue(Fault.accessDenied());
    assertThatThrownBy(() -> client.generateAsync(request()).join())
        .isInstanceOf(CompletionException.class);
    assertThat(telemetry.openSpans()).isZero();
    assertThat(onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }
}
