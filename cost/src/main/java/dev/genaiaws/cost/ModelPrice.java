package dev.genaiaws.cost;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one model costs in some Regions through one kind of endpoint, per million tokens (and per
 * image). A price that is {@code null} is not known: an estimate that needs it says so instead of
 * counting it as free.
 *
 * @param model the base model id, without profile prefix (e.g. {@code
 *     anthropic.claude-3-haiku-20240307-v1:0})
 * @param regions the Regions this price holds in ({@code *} for every Region)
 * @param endpoint the endpoint kind it holds for, or {@code null} for every kind
 * @param input on-demand input tokens, per million
 * @param output on-demand output tokens, per million
 * @param cacheRead prompt-cache reads, per million tokens
 * @param cacheWrite5m prompt-cache writes with a five-minute lifetime, per million tokens
 * @param cacheWrite1h prompt-cache writes with a one-hour lifetime, per million tokens
 * @param batchInput batch-inference input tokens, per million
 * @param batchOutput batch-inference output tokens, per million
 * @param tiers input/output prices of the other service tiers, keyed by tier
 * @param images the price of one image, keyed by {@code WIDTHxHEIGHT} or {@code *}
 * @param asOf the day these prices were read
 * @param source where they were read
 */
public record ModelPrice(
    String model,
    List<String> regions,
    EndpointKind endpoint,
    BigDecimal input,
    BigDecimal output,
    BigDecimal cacheRead,
    BigDecimal cacheWrite5m,
    BigDecimal cacheWrite1h,
    BigDecimal batchInput,
    BigDecimal batchOutput,
    Map<PricingTier, TierPrice> tiers,
    Map<String, BigDecimal> images,
    LocalDate asOf,
    String source) {

  /** Input and output prices of one service tier, per million tokens. */
  public record TierPrice(BigDecimal input, BigDecimal output) {}

  public ModelPrice {
    if (model == null || model.isBlank()) {
      throw new InvalidRequestException("a price needs the model id it is for");
    }
    regions = regions == null || regions.isEmpty() ? List.of("*") : List.copyOf(regions);
    tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
    images = images == null ? Map.of() : Map.copyOf(images);
    if (asOf == null || source == null || source.isBlank()) {
      throw new InvalidRequestException(
          "the price of "
              + model
              + " needs the day it was read (asOf) and where (source), so that a reader can check it");
    }
  }

  boolean covers(String region) {
    return regions.contains("*") || regions.contains(region);
  }

  /** 0 = generic, higher = more specific (used to pick the best match). */
  int specificity() {
    return (regions.contains("*") ? 0 : 2) + (endpoint == null ? 0 : 1);
  }
}
