package dev.genaiaws.cost;

import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageConfig;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * Estimates what calls cost from a {@link PriceTable}: per input, output, prompt-cache read and
 * write (by cache lifetime), service tier, batch, image and embedding, for the Region called and
 * the endpoint the model id names (in Region, geographic or global cross-Region profile).
 *
 * <pre>{@code
 * import dev.genaiaws.cost.CostEstimate;
 * import dev.genaiaws.cost.CostEstimator;
 *
 * CostEstimator costs = CostEstimator.create();               // the shipped prices
 * GenerationResponse r = client.generate(request);
 * CostEstimate cost = costs.estimate(request, "us-east-1", r);
 * System.out.println(cost.total().map(Object::toString).orElse("unknown: " + cost.unknownReason()));
 * }</pre>
 *
 * <p>An estimate is as good as the table: AWS bills what its own meters count, and taxes,
 * discounts, free tiers, provisioned throughput and knowledge-base or guardrail charges are not
 * included. Thread-safe.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class CostEstimator {

  private final PriceTable prices;

  private CostEstimator(PriceTable prices) {
    this.prices = prices;
  }

  /** An estimator over the shipped price table. */
  public static CostEstimator create() {
    return new CostEstimator(PriceTable.builtIn());
  }

  /** An estimator over the given table (for example your own laid over the shipped one). */
  public static CostEstimator of(PriceTable prices) {
    if (prices == null) {
      throw new InvalidRequestException(
          "prices must not be null: use PriceTable.builtIn() or PriceTable.load(...)");
    }
    return new CostEstimator(prices);
  }

  /** The table this estimator prices with. */
  public PriceTable prices() {
    return prices;
  }

  /** What a text or image generation cost, at the standard tier with five-minute cache writes. */
  public CostEstimate estimate(
      GenerationRequest request, String region, GenerationResponse response) {
    return estimate(request, region, response, PricingTier.STANDARD, CacheWriteTtl.FIVE_MINUTES);
  }

  /** What a text or image generation cost, at the given tier and cache lifetime. */
  public CostEstimate estimate(
      GenerationRequest request,
      String region,
      GenerationResponse response,
      PricingTier tier,
      CacheWriteTtl cacheTtl) {
    require(request, "request");
    require(response, "response");
    if (!response.images().isEmpty()) {
      return images(request.modelId(), region, response.images().size(), request.imageConfig());
    }
    return tokens(request.modelId(), region, response.usage(), tier, cacheTtl, false);
  }

  /** What a stream cost, from its final event. */
  public CostEstimate estimate(String modelId, String region, GenerationEvent.Completed completed) {
    require(completed, "completed");
    return tokens(
        modelId,
        region,
        completed.usage(),
        PricingTier.STANDARD,
        CacheWriteTtl.FIVE_MINUTES,
        false);
  }

  /** What the given token usage costs on demand, at a tier and cache lifetime. */
  public CostEstimate estimate(
      String modelId, String region, TokenUsage usage, PricingTier tier, CacheWriteTtl cacheTtl) {
    return tokens(modelId, region, usage, tier, cacheTtl, false);
  }

  /** What an embedding call cost (input tokens only). */
  public CostEstimate estimate(String modelId, String region, EmbeddingResponse response) {
    require(response, "response");
    return tokens(
        modelId, region, response.usage(), PricingTier.STANDARD, CacheWriteTtl.FIVE_MINUTES, false);
  }

  /** What a finished batch job cost, from the usage summed over its records, at batch prices. */
  public CostEstimate estimateBatch(String modelId, String region, TokenUsage totalUsage) {
    return tokens(
        modelId, region, totalUsage, PricingTier.STANDARD, CacheWriteTtl.FIVE_MINUTES, true);
  }

  private CostEstimate tokens(
      String modelId,
      String region,
      TokenUsage usage,
      PricingTier tier,
      CacheWriteTtl ttl,
      boolean batch) {
    require(modelId, "modelId");
    require(region, "region");
    require(usage, "usage");
    Optional<ModelPrice> found = find(modelId, region);
    if (found.isEmpty()) {
      return CostEstimate.unknown(modelId, region, noPrice(modelId, region));
    }
    ModelPrice p = found.get();
    BigDecimal input;
    BigDecimal output;
    if (batch) {
      input = p.batchInput();
      output = p.batchOutput();
    } else if (tier == PricingTier.STANDARD) {
      input = p.input();
      output = p.output();
    } else {
      ModelPrice.TierPrice t = p.tiers().get(tier);
      input = t == null ? null : t.input();
      output = t == null ? null : t.output();
    }
    String mode =
        batch
            ? "batch "
            : tier == PricingTier.STANDARD
                ? ""
                : tier.name().toLowerCase(java.util.Locale.ROOT) + " ";
    Lines lines = new Lines(modelId, region);
    lines.tokens(mode + "input", usage.inputTokens(), input);
    lines.tokens(mode + "output", usage.outputTokens(), output);
    lines.tokens("cache read", usage.cacheReadInputTokens(), p.cacheRead());
    lines.tokens(
        ttl == CacheWriteTtl.ONE_HOUR ? "cache write (1h)" : "cache write (5m)",
        usage.cacheWriteInputTokens(),
        ttl == CacheWriteTtl.ONE_HOUR ? p.cacheWrite1h() : p.cacheWrite5m());
    return lines.estimate(p);
  }

  private CostEstimate images(String modelId, String region, int count, ImageConfig config) {
    Optional<ModelPrice> found = find(modelId, region);
    if (found.isEmpty()) {
      return CostEstimate.unknown(modelId, region, noPrice(modelId, region));
    }
    ModelPrice p = found.get();
    String size =
        config != null && config.width() != null && config.height() != null
            ? config.width() + "x" + config.height()
            : null;
    BigDecimal each =
        size != null && p.images().containsKey(size) ? p.images().get(size) : p.images().get("*");
    Lines lines = new Lines(modelId, region);
    lines.add("image" + (size == null ? "" : " " + size), count, each, 1);
    return lines.estimate(p);
  }

  private Optional<ModelPrice> find(String modelId, String region) {
    return prices.find(EndpointKind.baseModelId(modelId), region, EndpointKind.of(modelId));
  }

  private static String noPrice(String modelId, String region) {
    return "no price for "
        + EndpointKind.baseModelId(modelId)
        + " in "
        + region
        + " through "
        + EndpointKind.of(modelId)
        + " endpoints: add one with PriceTable.load(...).over(PriceTable.builtIn())";
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw new InvalidRequestException(name + " must not be null");
    }
  }

  /** Collects lines; the first dimension used without a price makes the estimate unknown. */
  private final class Lines {
    private final String modelId;
    private final String region;
    private final List<CostLine> lines = new ArrayList<>();
    private String missing;

    Lines(String modelId, String region) {
      this.modelId = modelId;
      this.region = region;
    }

    void tokens(String dimension, long quantity, BigDecimal perMillion) {
      add(dimension, quantity, perMillion, 1_000_000);
    }

    void add(String dimension, long quantity, BigDecimal price, long perUnits) {
      if (quantity == 0) {
        return;
      }
      if (price == null) {
        if (missing == null) {
          missing =
              "no "
                  + dimension
                  + " price for "
                  + EndpointKind.baseModelId(modelId)
                  + " in "
                  + region;
        }
        return;
      }
      BigDecimal amount =
          price
              .multiply(BigDecimal.valueOf(quantity))
              .divide(BigDecimal.valueOf(perUnits), MathContext.DECIMAL64);
      lines.add(
          new CostLine(dimension, quantity, price, perUnits, new Money(amount, prices.currency())));
    }

    CostEstimate estimate(ModelPrice p) {
      if (missing != null) {
        return CostEstimate.unknown(modelId, region, missing);
      }
      Money total = Money.zero(prices.currency());
      for (CostLine l : lines) {
        total = total.plus(l.amount());
      }
      return new CostEstimate(
          modelId, region, Optional.of(total), lines, null, p.asOf(), p.source());
    }
  }
}
