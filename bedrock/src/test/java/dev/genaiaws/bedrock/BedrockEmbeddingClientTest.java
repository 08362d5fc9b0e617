package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.bedrock.codec.CohereEmbedOptions;
import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.EmbeddingInputType;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/** Every Bedrock embedding model through {@link BedrockEmbeddingClient}, against the emulator. */
class BedrockEmbeddingClientTest {
  private static final String V1 = "amazon.titan-embed-text-v1";
  private static final String V2 = "amazon.titan-embed-text-v2:0";
  private static final String COHERE_EN = "cohere.embed-english-v3";
  private static final String COHERE_MULTI = "cohere.embed-multilingual-v3";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static BedrockEmulator bedrock;
  private static BedrockRuntimeAsyncClient sdk;
  private static final InFlightCounter counter = new InFlightCounter();
  private static final RecordingSleeper sleeper = new RecordingSleeper();
  private static final AtomicInteger requestEvents = new AtomicInteger();
  private static BedrockEmbeddingClient client;

  @BeforeAll
  static void start() {
    bedrock = BedrockEmulator.start();
    sdk = Emulated.asyncClient(bedrock.endpoint());
    client =
        BedrockEmbeddingClient.builder()
            .asyncClient(counter.wrap(sdk))
            .retryPolicy(sleeper.policy(3))
            .maxConcurrency(3)
            .listener(
                new GenerationListener() {
                  @Override
                  public void onRequest(CallInfo call) {
                    requestEvents.incrementAndGet();
                  }
                })
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    sdk.close();
    bedrock.close();
  }

  @BeforeEach
  void reset() {
    bedrock.reset();
    counter.reset();
    requestEvents.set(0);
  }

  private static List<String> texts(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("passage " + i + ": notes on subject " + (i * 31 % 17));
    }
    return out;
  }

  private static JsonNode body(RecordedRequest r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static double norm(float[] v) {
    double sum = 0;
    for (float f : v) {
      sum += (double) f * f;
    }
    return Math.sqrt(sum);
  }

  @Test
  void embed_titanV1_1536DimensionsInputTextOnlyUsageFromBody() {
    EmbeddingResponse r = client.embed(e -> e.modelId(V1).text("The quick brown fox"));

    assertThat(r.dimensions()).isEqualTo(1536);
    assertThat(r.usage().inputTokens()).isPositive();
    RecordedRequest sent = bedrock.takeRequest();
    assertThat(sent.modelId()).isEqualTo(V1);
    assertThat(sent.bodyUtf8()).isEqualTo("{\"inputText\":\"The quick brown fox\"}");
  }

  @ParameterizedTest
  @CsvSource({"256, true", "256, false", "512, true", "512, false", "1024, true", "1024, false"})
  void embed_titanV2EachDimensionAndNormalize_honoured(int dims, boolean normalize) {
    EmbeddingResponse r =
        client.embed(e -> e.modelId(V2).texts(texts(2)).dimensions(dims).normalize(normalize));

    assertThat(r.size()).isEqualTo(2);
    assertThat(r.dimensions()).isEqualTo(dims);
    if (normalize) {
      assertThat(norm(r.vector(0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(norm(r.vector(1))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
    JsonNode sent = body(bedrock.takeRequest());
    assertThat(sent.get("dimensions").asInt()).isEqualTo(dims);
    assertThat(sent.get("normalize").asBoolean()).isEqualTo(normalize);
    assertThat(sent.get("embeddingTypes").toString()).isEqualTo("[\"float\"]");
  }

  @Test
  void embed_titanV2Defaults_1024UnitVectors() {
    EmbeddingResponse r = client.embed(e -> e.modelId(V2).text("defaults"));

    assertThat(r.dimensions()).isEqualTo(1024);
    assertThat(norm(r.vector(0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
  }

  @ParameterizedTest
  @EnumSource(EmbeddingInputType.class)
  void embed_cohereEnglishEachInputType_sentAnd1024Dimensions(EmbeddingInputType type) {
    EmbeddingResponse r = client.embed(e -> e.modelId(COHERE_EN).texts(texts(3)).inputType(type));

    assertThat(r.size()).isEqualTo(3);
    assertThat(r.dimensions()).isEqualTo(1024);
    assertThat(r.usage().inputTokens()).as("from the header").isPositive();
    JsonNode sent = body(bedrock.takeRequest());
    assertThat(sent.get("input_type").asText()).isEqualTo(type.name().toLowerCase(Locale.ROOT));
    assertThat(sent.get("texts")).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(EmbeddingInputType.class)
  void embed_cohereMultilingualEachInputType_sent(EmbeddingInputType type) {
    EmbeddingResponse r =
        client.embed(e -> e.modelId(COHERE_MULTI).text("Guten Tag, wie geht's?").inputType(type));

    assertThat(r.dimensions()).isEqualTo(1024);
    assertThat(body(bedrock.takeRequest()).get("input_type").asText())
        .isEqualTo(type.name().toLowerCase(Locale.ROOT));
  }

  @Test
  void embed_cohereNoInputType_searchDocumentAndTruncateOption() {
    client.embed(
        e ->
            e.modelId(COHERE_EN)
                .text("doc")
                .option(CohereEmbedOptions.truncate(CohereEmbedOptions.Truncate.START)));

    JsonNode sent = body(bedrock.takeRequest());
    assertThat(sent.get("input_type").asText()).isEqualTo("search_document");
    assertThat(sent.get("truncate").asText()).isEqualTo("START");
  }

  @Test
  void embed_cohere200Texts_threeCallsOf96And96And8InInputOrder() {
    List<String> texts = texts(200);

    EmbeddingResponse r = client.embed(e -> e.modelId(COHERE_EN).texts(texts));

    assertThat(r.size()).isEqualTo(200);
    List<Integer> sizes =
        bedrock.requests().stream().map(q -> body(q).get("texts").size()).sorted().toList();
    assertThat(sizes).containsExactly(8, 96, 96);
    assertThat(r.metadata().attribute("batches")).isEqualTo("3");
    for (int i : new int[] {0, 95, 96, 150, 191, 192, 199}) {
      float[] single = client.embed(e -> e.modelId(COHERE_EN).text(texts.get(i))).vector(0);
      assertThat(r.vector(i)).as("vector %d", i).containsExactly(single);
    }
  }

  @Test
  void embed_titan200Texts_200CallsBoundedByMaxConcurrencyInInputOrder() {
    // slow down the first answers so that the client has every slot busy at once
    for (int i = 0; i < 6; i++) {
      bedrock.enqueue(Fault.delayFirstByte(Duration.ofMillis(150)));
    }
    List<String> texts = texts(200);

    EmbeddingResponse r = client.embed(e -> e.modelId(V2).texts(texts).dimensions(256));

    assertThat(r.size()).isEqualTo(200);
    assertThat(bedrock.requestCount()).isEqualTo(200);
    assertThat(counter.calls()).isEqualTo(200);
    assertThat(requestEvents.get()).isEqualTo(200);
    assertThat(counter.max()).as("calls in flight at once").isEqualTo(3);
    assertThat(r.usage().inputTokens()).isGreaterThanOrEqualTo(200);
    for (int i : new int[] {0, 1, 2, 57, 123, 199}) {
      float[] single =
          client.embed(e -> e.modelId(V2).text(texts.get(i)).dimensions(256)).vector(0);
      assertThat(r.vector(i)).as("vector %d", i).containsExactly(single);
    }
  }

  @Test
  void embed_throttledOnce_retriedWithoutSleeping() {
    int waits = sleeper.waits().size();
    bedrock.enqueue(Fault.throttling());

    EmbeddingResponse r = client.embed(e -> e.modelId(V2).text("retry me"));

    assertThat(r.metadata().attempts()).isEqualTo(2);
    assertThat(bedrock.requestCount()).isEqualTo(2);
    assertThat(sleeper.waits()).hasSize(waits + 1);
  }

  @Test
  void embed_throttledEveryTime_throttlingAfterThreeAttempts() {
    for (int i = 0; i < 3; i++) {
      bedrock.enqueue(Fault.throttling());
    }

    assertThatThrownBy(() -> client.embed(e -> e.modelId(V2).text("x")))
        .isInstanceOfSatisfying(
            ThrottlingException.class, t -> assertThat(t.attempts()).isEqualTo(3));
  }

  @Test
  void embed_callTimeoutPassed_failsWithoutRetry() {
    // the same setting, with the same meaning, as on the generation client (issue #13: it was
    // missing here).
    // Its own emulator and SDK client: the delayed answer, still being served after the call gave
    // up, must
    // not reach the other tests' request counts or their pooled connections
    try (BedrockEmulator slow = BedrockEmulator.start();
        BedrockRuntimeAsyncClient own = Emulated.asyncClient(slow.endpoint());
        BedrockEmbeddingClient c =
            BedrockEmbeddingClient.builder()
                .asyncClient(own)
                .retryPolicy(sleeper.policy(3))
                .callTimeout(Duration.ofMillis(300))
                .build()) {
      slow.enqueue(Fault.delayFirstByte(Duration.ofSeconds(2)));
      assertThatThrownBy(() -> c.embed(e -> e.modelId(V2).text("slow")))
          .isInstanceOfSatisfying(
              dev.genaiaws.core.exception.GenAiClientException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.getMessage()).contains("callTimeout");
              });
      assertThat(slow.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void embed_serviceValidationError_notRetried() {
    bedrock.enqueue(Fault.validation("Malformed input request"));

    assertThatThrownBy(() -> client.embed(e -> e.modelId(V2).text("x")))
        .isInstanceOf(ValidationException.class);
    assertThat(bedrock.requestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "amazon.titan-embed-text-v2:0|300|dimensions must be one of [256, 512, 1024] for amazon.titan-embed-text-v2:0"
            + " but was 300",
        "amazon.titan-embed-text-v1|1024|dimensions must be 1536 (fixed) for amazon.titan-embed-text-v1 but was 1024",
        "cohere.embed-english-v3|512|dimensions must be 1024 (fixed) for cohere.embed-english-v3 but was 512"
      })
  void embed_wrongDimensions_nothingSent(String model, int dims, String message) {
    assertThatThrownBy(() -> client.embed(e -> e.modelId(model).text("x").dimensions(dims)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(message);
    assertThat(bedrock.requestCount()).isZero();
  }

  @Test
  void embed_cohereTextTooLongInALaterBatch_nothingSent() {
    List<String> texts = new ArrayList<>(texts(150));
    texts.set(120, "y".repeat(2049));

    assertThatThrownBy(() -> client.embed(e -> e.modelId(COHERE_EN).texts(texts)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(
            "texts[120] must be at most 2048 characters for cohere.embed-english-v3");
    assertThat(bedrock.requestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"amazon.titan-embed-text-v2:0", "amazon.titan-embed-text-v1"})
  void embed_titanWithInputType_nothingSent(String model) {
    assertThatThrownBy(
            () ->
                client.embed(
                    e -> e.modelId(model).text("x").inputType(EmbeddingInputType.SEARCH_QUERY)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("inputType is not supported by " + model);
    assertThat(bedrock.requestCount()).isZero();
  }

  @Test
  void embed_crossRegionProfile_sentAsGivenResolvedByPrefix() {
    EmbeddingResponse r =
        client.embed(e -> e.modelId("us.cohere.embed-english-v3").text("profile"));

    assertThat(r.dimensions()).isEqualTo(1024);
    assertThat(bedrock.takeRequest().modelId()).isEqualTo("us.cohere.embed-english-v3");
  }

  @Test
  void embed_unknownModel_failsBeforeSending() {
    assertThatThrownBy(() -> client.embed(e -> e.modelId("acme.embed-v9").text("x")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("acme.embed-v9");
    assertThat(bedrock.requestCount()).isZero();
  }

  @Test
  void builder_maxConcurrencyBelowOne_rejected() {
    assertThatThrownBy(() -> BedrockEmbeddingClient.builder().maxConcurrency(0))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("maxConcurrency must be at least 1 but was 0");
  }

  @Test
  void toString_namesFamiliesAndConcurrency() {
    assertThat(client.toString())
        .contains("amazon.titan-embed-text", "cohere.embed", "maxConcurrency=3");
  }
}
