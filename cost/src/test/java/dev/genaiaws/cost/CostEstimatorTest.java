package dev.genaiaws.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every pricing dimension against figures computed by hand from test-prices.json. */
class CostEstimatorTest {
  private static final String REGION = "us-east-1";
  private final CostEstimator costs =
      CostEstimator.of(PriceTable.load(resource("/test-prices.json")));

  private static InputStream resource(String name) {
    return CostEstimatorTest.class.getResourceAsStream(name);
  }

  private static String total(CostEstimate e) {
    assertThat(e.known()).as("known: %s", e).isTrue();
    return e.total().orElseThrow().amount().toPlainString();
  }

  private static GenerationRequest request(String model) {
    return GenerationRequest.builder().modelId(model).user("hi").build();
  }

  private static GenerationResponse response(TokenUsage usage) {
    return GenerationResponse.builder()
        .text("x")
        .stopReason(StopReason.STOP, "end_turn")
        .usage(usage)
        .build();
  }

  @Test
  void inputAndOutput_inRegion() {
    // 1,000 x 3.30/M + 500 x 16.50/M = 0.0033 + 0.00825
    CostEstimate e =
        costs.estimate(request("test.model-v1"), REGION, response(TokenUsage.of(1000, 500)));
    assertThat(total(e)).isEqualTo("0.01155");
    assertThat(e.lines()).extracting(CostLine::dimension).containsExactly("input", "output");
    assertThat(e.pricesAsOf()).hasToString("2026-01-01");
  }

  @Test
  void geographicProfile_pricedAsTheRegionalEndpoint_globalProfileAsGlobal() {
    TokenUsage u = TokenUsage.of(1000, 500);
    assertThat(
            total(
                costs.estimate(
                    "us.test.model-v1",
                    REGION,
                    u,
                    PricingTier.STANDARD,
                    CacheWriteTtl.FIVE_MINUTES)))
        .isEqualTo("0.01155");
    // 1,000 x 3.00/M + 500 x 15.00/M = 0.003 + 0.0075
    assertThat(
            total(
                costs.estimate(
                    "global.test.model-v1",
                    REGION,
                    u,
                    PricingTier.STANDARD,
                    CacheWriteTtl.FIVE_MINUTES)))
        .isEqualTo("0.0105");
  }

  @Test
  void cacheReadAndWrite_byLifetime() {
    TokenUsage u = TokenUsage.of(100, 0, 2000, 1000);
    // global: 100 x 3.00/M + 2,000 x 0.30/M + 1,000 x 3.75/M = 0.0003 + 0.0006 + 0.00375
    assertThat(
            total(
                costs.estimate(
                    "global.test.model-v1",
                    REGION,
                    u,
                    PricingTier.STANDARD,
                    CacheWriteTtl.FIVE_MINUTES)))
        .isEqualTo("0.00465");
    // one hour: 0.0003 + 0.0006 + 1,000 x 6.00/M
    assertThat(
            total(
                costs.estimate(
                    "global.test.model-v1",
                    REGION,
                    u,
                    PricingTier.STANDARD,
                    CacheWriteTtl.ONE_HOUR)))
        .isEqualTo("0.0069");
    // in region there is no one-hour write price: unknown, not zero
    CostEstimate noPrice =
        costs.estimate("test.model-v1", REGION, u, PricingTier.STANDARD, CacheWriteTtl.ONE_HOUR);
    assertThat(noPrice.known()).isFalse();
    assertThat(noPrice.unknownReason()).contains("cache write (1h)");
  }

  @Test
  void serviceTiers_priorityPriced_flexUnknown() {
    TokenUsage u = TokenUsage.of(1000, 100);
    // 1,000 x 5.25/M + 100 x 26.25/M = 0.00525 + 0.002625
    CostEstimate p =
        costs.estimate(
            "test.model-v1", REGION, u, PricingTier.PRIORITY, CacheWriteTtl.FIVE_MINUTES);
    assertThat(total(p)).isEqualTo("0.007875");
    assertThat(p.lines())
        .extracting(CostLine::dimension)
        .containsExactly("priority input", "priority output");
    assertThat(
            costs
                .estimate("test.model-v1", REGION, u, PricingTier.FLEX, CacheWriteTtl.FIVE_MINUTES)
                .known())
        .isFalse();
  }

  @Test
  void batch_atBatchPrices_unknownWhereTheTableHasNone() {
    // global: 10,000 x 1.50/M + 2,000 x 7.50/M = 0.015 + 0.015
    assertThat(
            total(
                costs.estimateBatch("global.test.model-v1", REGION, TokenUsage.of(10_000, 2_000))))
        .isEqualTo("0.03");
    assertThat(costs.estimateBatch("test.model-v1", REGION, TokenUsage.of(10_000, 2_000)).known())
        .isFalse();
  }

  @Test
  void images_perImageBySize_elseTheDefaultSizePrice() {
    GenerationResponse two =
        GenerationResponse.builder()
            .content(
                List.of(
                    new ImageBlock(new byte[] {1}, "image/png", 1L),
                    new ImageBlock(new byte[] {2}, "image/png", 2L)))
            .build();
    GenerationRequest square =
        GenerationRequest.builder()
            .modelId("test.image-v1")
            .user("a fox")
            .imageConfig(c -> c.width(1024).height(1024).count(2))
            .build();
    GenerationRequest other =
        square.toBuilder().imageConfig(c -> c.width(512).height(512).count(2)).build();

    assertThat(total(costs.estimate(square, REGION, two))).isEqualTo("0.08");
    assertThat(total(costs.estimate(other, REGION, two))).isEqualTo("0.12");
  }

  @Test
  void embeddings_inputTokensOnly() {
    EmbeddingResponse r =
        new EmbeddingResponse(List.of(new float[] {1f}), TokenUsage.of(12_345, 0), null);
    // 12,345 x 0.02/M
    assertThat(total(costs.estimate("test.embed-v1", "eu-west-1", r))).isEqualTo("0.0002469");
  }

  @Test
  void streamFinalEvent_priced() {
    GenerationEvent.Completed done =
        new GenerationEvent.Completed(StopReason.STOP, "end_turn", TokenUsage.of(2000, 1000), null);
    // 2,000 x 3.30/M + 1,000 x 16.50/M
    assertThat(total(costs.estimate("test.model-v1", REGION, done))).isEqualTo("0.0231");
  }

  @Test
  void unknownModelOrRegion_unknownWithAReason_neverZero() {
    CostEstimate model =
        costs.estimate(request("other.model-v1"), REGION, response(TokenUsage.of(1, 1)));
    CostEstimate region =
        costs.estimate(request("test.model-v1"), "eu-west-1", response(TokenUsage.of(1, 1)));
    assertThat(model.known()).isFalse();
    assertThat(model.total()).isEmpty();
    assertThat(model.unknownReason()).contains("no price for other.model-v1 in us-east-1");
    assertThat(region.unknownReason()).contains("eu-west-1");
    assertThat(model)
        .hasToString(
            "CostEstimate[other.model-v1 in us-east-1: unknown (" + model.unknownReason() + ")]");
  }

  @Test
  void overridingTable_winsOverTheBase_baseFillsTheRest() {
    String mine =
        """
        {"currency": "USD", "prices": [{"model": "test.model-v1", "regions": ["us-east-1"],
          "input": "1.00", "output": "2.00", "asOf": "2026-02-02", "source": "my contract"}]}""";
    PriceTable merged =
        PriceTable.load(new ByteArrayInputStream(mine.getBytes(StandardCharsets.UTF_8)))
            .over(PriceTable.load(resource("/test-prices.json")));
    CostEstimator c = CostEstimator.of(merged);

    CostEstimate e =
        c.estimate(request("test.model-v1"), REGION, response(TokenUsage.of(1000, 1000)));
    assertThat(total(e)).isEqualTo("0.003");
    assertThat(e.priceSource()).isEqualTo("my contract");
    assertThat(
            total(
                c.estimate(
                    "test.embed-v1",
                    REGION,
                    new EmbeddingResponse(List.of(), TokenUsage.of(1_000_000, 0), null))))
        .isEqualTo("0.02");
  }

  @Test
  void badTables_clearErrors() {
    assertThatThrownBy(
            () ->
                PriceTable.load(
                    json(
                        "{\"prices\": [{\"model\": \"m\", \"input\": \"cheap\","
                            + " \"asOf\": \"2026-01-01\", \"source\": \"s\"}]}")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("prices[0].input must be a decimal");
    assertThatThrownBy(
            () -> PriceTable.load(json("{\"prices\": [{\"model\": \"m\", \"input\": \"1\"}]}")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("asOf")
        .hasMessageContaining("source");
    assertThatThrownBy(
            () ->
                PriceTable.load(
                    json(
                        "{\"prices\": [{\"model\": \"m\", \"input\": \"-1\","
                            + " \"asOf\": \"2026-01-01\", \"source\": \"s\"}]}")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(
            () ->
                PriceTable.load(json("{\"currency\": \"EUR\", \"prices\": []}"))
                    .over(PriceTable.builtIn()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("EUR");
  }

  @Test
  void builtInTable_everyEntryDatedAndSourced_aKnownFigure() {
    PriceTable t = PriceTable.builtIn();
    assertThat(t.prices())
        .hasSizeGreaterThan(10)
        .allSatisfy(
            p -> {
              assertThat(p.asOf()).isNotNull();
              assertThat(p.source()).contains("https://aws.amazon.com/bedrock/pricing/");
            });
    // Claude 3 Haiku: 1,000 x 0.25/M + 1,000 x 1.25/M
    CostEstimate e =
        CostEstimator.create()
            .estimate(
                request("anthropic.claude-3-haiku-20240307-v1:0"),
                "us-east-1",
                response(TokenUsage.of(1000, 1000)));
    assertThat(total(e)).isEqualTo("0.0015");
  }

  @Test
  void money_currencySafe() {
    Money usd = Money.of("0.10", "USD");
    assertThat(usd.plus(Money.of("0.2", "USD"))).isEqualTo(Money.of("0.3", "USD"));
    assertThat(usd.rounded(4)).isEqualTo(new BigDecimal("0.1000"));
    assertThat(usd).hasToString("USD 0.1");
    assertThatThrownBy(() -> usd.plus(Money.of("1", "EUR")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cannot combine USD with EUR");
    assertThatThrownBy(() -> Money.of("x", "USD")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Money.of("1", "DOLLARS")).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void endpointKinds() {
    assertThat(EndpointKind.of("amazon.nova-lite-v1:0")).isEqualTo(EndpointKind.IN_REGION);
    assertThat(EndpointKind.of("eu.amazon.nova-lite-v1:0")).isEqualTo(EndpointKind.GEOGRAPHIC);
    assertThat(EndpointKind.of("us-gov.amazon.nova-lite-v1:0")).isEqualTo(EndpointKind.GEOGRAPHIC);
    assertThat(EndpointKind.of("global.anthropic.claude-haiku-4-5-20251001-v1:0"))
        .isEqualTo(EndpointKind.GLOBAL);
    assertThat(EndpointKind.baseModelId("apac.amazon.nova-lite-v1:0"))
        .isEqualTo("amazon.nova-lite-v1:0");
  }

  private static InputStream json(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
