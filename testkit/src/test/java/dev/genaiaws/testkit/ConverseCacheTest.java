package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CacheDetail;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Prompt-cache accounting, cache-point limits, service tier and the raw error shape. */
class ConverseCacheTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
  static final String SONNET_4 = "us.anthropic.claude-sonnet-4-20250514-v1:0";
  static BedrockRuntimeClient client;

  @BeforeAll
  static void clients() {
    client = Clients.bedrock(BEDROCK.endpoint());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static String words(int n, String seed) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(seed).append(i).append(' ');
    }
    return b.toString();
  }

  static SystemContentBlock point(CacheTTL ttl) {
    CachePointBlock.Builder p = CachePointBlock.builder().type(CachePointType.DEFAULT);
    return SystemContentBlock.fromCachePoint(ttl == null ? p.build() : p.ttl(ttl).build());
  }

  static ConverseRequest cached(String model, String system, String question) {
    return ConverseRequest.builder()
        .modelId(model)
        .system(SystemContentBlock.fromText(system), point(null))
        .messages(
            Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(question))
                .build())
        .inferenceConfig(c -> c.maxTokens(200))
        .build();
  }

  @Test
  void converse_samePrefixTwice_firstWritesThenReads() {
    String system = words(1500, "policy");

    TokenUsage first = client.converse(cached(SONNET_4, system, "first question")).usage();
    TokenUsage second =
        client.converse(cached(SONNET_4, system, "another question entirely")).usage();

    assertThat(first.cacheWriteInputTokens()).isEqualTo(1500);
    assertThat(first.cacheReadInputTokens()).isZero();
    assertThat(first.cacheDetails())
        .extracting(CacheDetail::ttlAsString, CacheDetail::inputTokens)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("5m", 1500));
    assertThat(second.cacheReadInputTokens()).isEqualTo(1500);
    assertThat(second.cacheWriteInputTokens()).isZero();
    assertThat(second.inputTokens()).isEqualTo(3);
    assertThat(second.totalTokens())
        .isEqualTo(
            second.inputTokens()
                + second.outputTokens()
                + second.cacheReadInputTokens()
                + second.cacheWriteInputTokens());
  }

  @Test
  void converse_prefixBelowModelMinimum_notCached() {
    TokenUsage u = client.converse(cached(SONNET_4, words(100, "short"), "q")).usage();

    assertThat(u.cacheWriteInputTokens()).isNull();
    assertThat(u.inputTokens()).isEqualTo(101);
  }

  @Test
  void converse_modelWithoutPromptCaching_pointIgnored() {
    TokenUsage u =
        client.converse(cached("meta.llama3-1-70b-instruct-v1:0", words(1500, "x"), "q")).usage();

    assertThat(u.cacheReadInputTokens()).isNull();
  }

  @Test
  void converse_resetForgetsTheCache() {
    String system = words(1200, "reset");
    client.converse(cached(SONNET_4, system, "q"));

    BEDROCK.emulator().reset();

    assertThat(client.converse(cached(SONNET_4, system, "q")).usage().cacheWriteInputTokens())
        .isEqualTo(1200);
  }

  @Test
  void converse_oneHourPointAfterFiveMinutePoint_writesSplitByTtl() {
    ConverseRequest r =
        ConverseRequest.builder()
            .modelId(SONNET_4)
            .system(
                SystemContentBlock.fromText(words(1100, "tools")),
                point(CacheTTL.VALUE_1_H),
                SystemContentBlock.fromText(words(300, "more")),
                point(CacheTTL.VALUE_5_M))
            .messages(
                Message.builder()
                    .role(ConversationRole.USER)
                    .content(ContentBlock.fromText("q"))
                    .build())
            .build();

    TokenUsage u = client.converse(r).usage();

    assertThat(u.cacheWriteInputTokens()).isEqualTo(1400);
    assertThat(u.cacheDetails()).extracting(CacheDetail::ttlAsString).containsExactly("1h", "5m");
    assertThat(u.cacheDetails()).extracting(CacheDetail::inputTokens).containsExactly(1100, 300);
  }

  @Test
  void converse_fiveCachePoints_rejected() {
    List<SystemContentBlock> system = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      system.add(SystemContentBlock.fromText("part " + i));
      system.add(point(null));
    }
    ConverseRequest r = cached(SONNET_4, "x", "q").toBuilder().system(system).build();

    assertThatThrownBy(() -> client.converse(r))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("A maximum of 4 blocks with cache_control may be provided. Found 5.");
  }

  @Test
  void converse_serviceTierAndLatency_echoed() {
    ConverseResponse r =
        client.converse(
            cached("amazon.nova-pro-v1:0", "Be brief.", "q").toBuilder()
                .serviceTier(t -> t.type(ServiceTierType.FLEX))
                .performanceConfig(p -> p.latency(PerformanceConfigLatency.OPTIMIZED))
                .build());

    assertThat(r.serviceTier().type()).isEqualTo(ServiceTierType.FLEX);
    assertThat(r.performanceConfig().latency()).isEqualTo(PerformanceConfigLatency.OPTIMIZED);
  }

  @Test
  void converse_streamProcessingModeOnConverse_rejectedWithBedrocksErrorShape() throws Exception {
    String body =
        """
        {"messages":[{"role":"user","content":[{"text":"hi"}]}],
         "guardrailConfig":{"guardrailIdentifier":"gr-1","guardrailVersion":"1","streamProcessingMode":"async"}}""";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(BEDROCK.endpoint() + "/model/amazon.nova-lite-v1%3A0/converse"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("x-amzn-ErrorType").orElse(""))
        .startsWith("ValidationException:");
    assertThat(Clients.json(r.body()).path("message").asText()).contains("streamProcessingMode");
    assertThat(Clients.json(r.body()).size()).isEqualTo(1);
  }
}
