package dev.genaiaws.cost;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * What a call cost, as far as the price table knows. An estimate is either known, with its lines,
 * or unknown, with the reason (no price for that model in that Region, or no price for one of the
 * dimensions the call used): an unknown price is never counted as zero.
 *
 * @param modelId the model id as called
 * @param region the Region called
 * @param total the sum of the lines, or empty when unknown
 * @param lines the priced dimensions (empty when unknown)
 * @param unknownReason why the estimate is unknown, or {@code null} when it is known
 * @param pricesAsOf the day the prices used were read, or {@code null}
 * @param priceSource where they were read, or {@code null}
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record CostEstimate(
    String modelId,
    String region,
    Optional<Money> total,
    List<CostLine> lines,
    String unknownReason,
    LocalDate pricesAsOf,
    String priceSource) {

  public CostEstimate {
    lines = List.copyOf(lines);
  }

  static CostEstimate unknown(String modelId, String region, String reason) {
    return new CostEstimate(modelId, region, Optional.empty(), List.of(), reason, null, null);
  }

  /** Whether every dimension had a price. */
  public boolean known() {
    return total.isPresent();
  }

  @Override
  public String toString() {
    return known()
        ? "CostEstimate[" + modelId + " in " + region + ": " + total.get() + "]"
        : "CostEstimate[" + modelId + " in " + region + ": unknown (" + unknownReason + ")]";
  }
}
