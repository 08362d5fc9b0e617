package dev.genaiaws.customization;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The training settings of a customization job, typed. Every field is optional ({@code null}: the
 * base model's default); which ones a model takes, and their ranges, are in its {@link
 * CustomizableModel}, and {@link CustomizationClient#submit} checks them before anything is
 * uploaded.
 *
 * <pre>{@code
 * HyperParameters hp = HyperParameters.builder().epochCount(2).batchSize(1).learningRate(1e-5)
 *     .learningRateWarmupSteps(5).build();
 * }</pre>
 *
 * @param epochCount passes over the training data ({@code epochCount})
 * @param batchSize records per parameter update ({@code batchSize})
 * @param learningRate the learning rate ({@code learningRate})
 * @param learningRateWarmupSteps steps over which the rate ramps up ({@code
 *     learningRateWarmupSteps})
 * @param learningRateMultiplier Claude's multiplier of its own rate ({@code
 *     learningRateMultiplier})
 * @param earlyStoppingThreshold minimum improvement of the validation loss ({@code
 *     earlyStoppingThreshold})
 * @param earlyStoppingPatience evaluations without improvement before stopping ({@code
 *     earlyStoppingPatience})
 */
public record HyperParameters(
    @Nullable Integer epochCount,
    @Nullable Integer batchSize,
    @Nullable Double learningRate,
    @Nullable Integer learningRateWarmupSteps,
    @Nullable Double learningRateMultiplier,
    @Nullable Double earlyStoppingThreshold,
    @Nullable Integer earlyStoppingPatience) {

  /** No settings: every value is the model's default. */
  public static HyperParameters defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .epochCount(epochCount)
        .batchSize(batchSize)
        .learningRate(learningRate)
        .learningRateWarmupSteps(learningRateWarmupSteps)
        .learningRateMultiplier(learningRateMultiplier)
        .earlyStoppingThreshold(earlyStoppingThreshold)
        .earlyStoppingPatience(earlyStoppingPatience);
  }

  /** The values that are set, by their API names, in the order above. */
  public Map<String, Number> values() {
    Map<String, Number> m = new LinkedHashMap<>();
    put(m, "epochCount", epochCount);
    put(m, "batchSize", batchSize);
    put(m, "learningRate", learningRate);
    put(m, "learningRateWarmupSteps", learningRateWarmupSteps);
    put(m, "learningRateMultiplier", learningRateMultiplier);
    put(m, "earlyStoppingThreshold", earlyStoppingThreshold);
    put(m, "earlyStoppingPatience", earlyStoppingPatience);
    return m;
  }

  /**
   * The values as the API's string map, decimals written out in full ({@code 0.00001}, not {@code
   * 1.0E-5}).
   */
  public Map<String, String> toWire() {
    Map<String, String> m = new LinkedHashMap<>();
    values()
        .forEach(
            (k, v) ->
                m.put(
                    k,
                    v instanceof Double d
                        ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                        : String.valueOf(v)));
    return m;
  }

  private static void put(Map<String, Number> m, String name, @Nullable Number value) {
    if (value != null) {
      m.put(name, value);
    }
  }

  /** Builder for {@link HyperParameters}. */
  public static final class Builder {
    private @Nullable Integer epochCount;
    private @Nullable Integer batchSize;
    private @Nullable Double learningRate;
    private @Nullable Integer learningRateWarmupSteps;
    private @Nullable Double learningRateMultiplier;
    private @Nullable Double earlyStoppingThreshold;
    private @Nullable Integer earlyStoppingPatience;

    private Builder() {}

    public Builder epochCount(@Nullable Integer epochCount) {
      this.epochCount = epochCount;
      return this;
    }

    public Builder batchSize(@Nullable Integer batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder learningRate(@Nullable Double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder learningRateWarmupSteps(@Nullable Integer steps) {
      this.learningRateWarmupSteps = steps;
      return this;
    }

    public Builder learningRateMultiplier(@Nullable Double multiplier) {
      this.learningRateMultiplier = multiplier;
      return this;
    }

    public Builder earlyStoppingThreshold(@Nullable Double threshold) {
      this.earlyStoppingThreshold = threshold;
      return this;
    }

    public Builder earlyStoppingPatience(@Nullable Integer patience) {
      this.earlyStoppingPatience = patience;
      return this;
    }

    public HyperParameters build() {
      return new HyperParameters(
          epochCount,
          batchSize,
          learningRate,
          learningRateWarmupSteps,
          learningRateMultiplier,
          earlyStoppingThreshold,
          earlyStoppingPatience);
    }
  }
}
