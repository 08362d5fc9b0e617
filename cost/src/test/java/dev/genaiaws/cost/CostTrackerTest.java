package dev.genaiaws.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A running total over real calls through the Bedrock client against the emulator, with the shipped
 * prices.
 */
class CostTrackerTest {
  private static final String NOVA_LITE = "amazon.nova-lite-v1:0";

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private static final List<CostEstimate> SEEN = new CopyOnWriteArrayList<>();
  private static final CostTracker TRACKER =
      CostTracker.of(CostEstimator.create(), "us-east-1", SEEN::add);
  private static BedrockGenerationClient client;

  @BeforeAll
  static void setUp() {
    client =
        BedrockGenerationClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .retryPolicy(
                RetryPolicy.builder().maxAttempts(2).sleeper(new RecordingSleeper()).build())
            .listener(TRACKER)
            .build();
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  @BeforeEach
  void reset() {
    TRACKER.reset();
    SEEN.clear();
  }

  /** Nova Lite on demand: USD 0.06 per million input tokens and 0.24 per million output tokens. */
  private static BigDecimal novaLite(TokenUsage u) {
    return new BigDecimal("0.06")
        .multiply(BigDecimal.valueOf(u.inputTokens()))
        .add(new BigDecimal("0.24").multiply(BigDecimal.valueOf(u.outputTokens())))
        .divide(BigDecimal.valueOf(1_000_000));
  }

  @Test
  void generateAndStream_totalIsTheSumOfEachCallsPrice() {
    GenerationResponse a =
        client.generate(
            r ->
                r.modelId(NOVA_LITE)
                    .user("Write about rivers")
                    .inferenceConfig(c -> c.maxTokens(60)));
    GenerationResponse b =
        client
            .generateAsync(
                r ->
                    r.modelId("us." + NOVA_LITE)
                        .user("Write about hills")
                        .inferenceConfig(c -> c.maxTokens(30)))
            .join();
    TokenUsage streamed;
    try (GenerationStream s =
        client.stream(
            r ->
                r.modelId(NOVA_LITE)
                    .user("Write about lakes")
                    .inferenceConfig(c -> c.maxTokens(20)))) {
      s.text();
      streamed = s.completed().orElseThrow().usage();
    }

    BigDecimal expected = novaLite(a.usage()).add(novaLite(b.usage())).add(novaLite(streamed));
    assertThat(TRACKER.calls()).isEqualTo(3);
    assertThat(TRACKER.unknownCalls()).isZero();
    assertThat(TRACKER.total().amount()).isEqualByComparingTo(expected).isPositive();
    assertThat(SEEN).hasSize(3).allSatisfy(e -> assertThat(e.known()).isTrue());
  }

  @Test
  void modelWithoutAPrice_countedAsUnknown_notAddedAsZero() {
    client.generate(r -> r.modelId(NOVA_LITE).user("one"));
    client.generate(r -> r.modelId("cohere.command-text-v14").user("two"));

    assertThat(TRACKER.calls()).isEqualTo(2);
    assertThat(TRACKER.unknownCalls()).isEqualTo(1);
    assertThat(SEEN.get(1).unknownReason()).contains("cohere.command-text-v14");
    assertThat(TRACKER.total()).isEqualTo(SEEN.get(0).total().orElseThrow());

    TRACKER.reset();
    assertThat(TRACKER.total().amount()).isZero();
    assertThat(TRACKER.calls()).isZero();
  }
}
