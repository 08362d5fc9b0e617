package dev.genaiaws.cost;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * A running total of what a client's calls cost: register it as a listener and read {@link
 * #total()} when you like; {@link #reset()} starts again. Calls whose price is unknown are counted
 * apart, never as free.
 *
 * <pre>{@code
 * import dev.genaiaws.bedrock.BedrockGenerationClient;
 * import dev.genaiaws.cost.CostTracker;
 *
 * CostTracker costs = CostTracker.forRegion("us-east-1");
 * try (var client = BedrockGenerationClient.builder().listener(costs).build()) {
 *   client.generate(req -> req.modelId("amazon.nova-lite-v1:0").user("Hello"));
 * }
 * System.out.println(costs.total() + " over " + costs.calls() + " calls, " + costs.unknownCalls() + " unpriced");
 * }</pre>
 *
 * <p>Streams are counted from their final event, embeddings from their input tokens, images per
 * image. Thread-safe: one tracker can serve many clients (whose calls all go to its Region).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class CostTracker implements GenerationListener {
  private final CostEstimator estimator;
  private final String region;
  private final Consumer<CostEstimate> each;
  private Money total;
  private long calls;
  private long unknownCalls;

  private CostTracker(CostEstimator estimator, String region, Consumer<CostEstimate> each) {
    if (region == null || region.isBlank()) {
      throw new InvalidRequestException(
          "region must be the AWS Region the client calls, e.g. us-east-1");
    }
    if (estimator == null) {
      throw new InvalidRequestException("estimator must not be null: use CostEstimator.create()");
    }
    this.estimator = estimator;
    this.region = region;
    this.each = each == null ? e -> {} : each;
    this.total = Money.zero(estimator.prices().currency());
  }

  /** A tracker over the shipped prices for calls to the given Region. */
  public static CostTracker forRegion(String region) {
    return new CostTracker(CostEstimator.create(), region, null);
  }

  /**
   * A tracker over the given estimator, also handing each call's estimate to {@code each} (may be
   * null).
   */
  public static CostTracker of(
      CostEstimator estimator, String region, Consumer<CostEstimate> each) {
    return new CostTracker(estimator, region, each);
  }

  @Override
  public void onResponse(CallInfo call, GenerationResponse response) {
    CostEstimate e =
        call.request() != null
            ? estimator.estimate(call.request(), region, response)
            : estimator.estimate(
                call.modelId(),
                region,
                response.usage(),
                PricingTier.STANDARD,
                CacheWriteTtl.FIVE_MINUTES);
    add(e);
  }

  @Override
  public void onEmbeddingResponse(CallInfo call, EmbeddingResponse response) {
    add(estimator.estimate(call.modelId(), region, response));
  }

  private void add(CostEstimate e) {
    synchronized (this) {
      calls++;
      if (e.known()) {
        total = total.plus(e.total().get());
      } else {
        unknownCalls++;
      }
    }
    each.accept(e);
  }

  /** The sum of the known estimates since creation or the last {@link #reset()}. */
  public synchronized Money total() {
    return total;
  }

  /** Calls counted since creation or the last reset, priced or not. */
  public synchronized long calls() {
    return calls;
  }

  /** Calls whose cost was unknown (no price in the table): {@link #total()} leaves them out. */
  public synchronized long unknownCalls() {
    return unknownCalls;
  }

  /** Starts counting from zero. */
  public synchronized void reset() {
    total = Money.zero(total.currency());
    calls = 0;
    unknownCalls = 0;
  }

  @Override
  public synchronized String toString() {
    return "CostTracker["
        + region
        + ": "
        + total
        + " over "
        + calls
        + " calls, "
        + unknownCalls
        + " unpriced]";
  }
}
