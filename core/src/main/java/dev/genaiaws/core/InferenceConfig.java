package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How the model should generate: the parameters every family shares, under one name each.
 *
 * <pre>{@code
 * InferenceConfig config = InferenceConfig.builder().maxTokens(512).temperature(0.5).build();
 * }</pre>
 *
 * <p>Every field is optional: {@code null} means "the model's default". Each model family accepts
 * its own ranges (Titan's temperature is 0–1, Cohere's 0–5) and not every family has every
 * parameter (Llama has no {@code topK}); the client checks the request against the family before
 * sending and says what is wrong. Only ranges that hold for every family are checked here.
 *
 * <p>Leaving {@code maxTokens} unset makes Bedrock reserve the model's maximum output against your
 * account's tokens-per-minute quota for the duration of the call; set it (here or as a client
 * default).
 *
 * @param maxTokens the most tokens to generate, at least 1
 * @param temperature randomness, at least 0.0
 * @param topP nucleus sampling mass, in [0.0, 1.0]
 * @param topK sample only from the k most likely tokens, at least 0
 * @param stopSequences texts that end generation when produced (never null; empty for none)
 * @param seed seed for reproducible sampling, at least 0
 */
public record InferenceConfig(
    @Nullable Integer maxTokens,
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer topK,
    List<String> stopSequences,
    @Nullable Long seed) {

  private static final InferenceConfig EMPTY =
      new InferenceConfig(null, null, null, null, List.of(), null);

  public InferenceConfig {
    Checks.atLeast(maxTokens, 1, "maxTokens");
    Checks.atLeast(temperature, 0.0, "temperature");
    Checks.inRange(topP, 0.0, 1.0, "topP");
    Checks.atLeast(topK, 0, "topK");
    Checks.atLeast(seed, 0L, "seed");
    stopSequences = Checks.copyOf(stopSequences, "stopSequences");
    for (int i = 0; i < stopSequences.size(); i++) {
      if (stopSequences.get(i).isEmpty()) {
        throw new InvalidRequestException("stopSequences[" + i + "] must not be empty");
      }
    }
  }

  /** A config with nothing set: every parameter takes the model's default. */
  public static InferenceConfig empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a config in one expression: {@code InferenceConfig.of(c -> c.maxTokens(200))}. */
  public static InferenceConfig of(Consumer<Builder> spec) {
    Builder b = builder();
    spec.accept(b);
    return b.build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Merges two configs: each value set in {@code overrides} wins, the others come from this one.
   * Stop sequences are replaced as a whole when {@code overrides} has any. Used to lay a request's
   * values over a client's defaults: {@code
   * clientDefaults.withOverrides(request.inferenceConfig())}.
   */
  public InferenceConfig withOverrides(@Nullable InferenceConfig overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return overrides;
    }
    return new InferenceConfig(
        pick(overrides.maxTokens, maxTokens),
        pick(overrides.temperature, temperature),
        pick(overrides.topP, topP),
        pick(overrides.topK, topK),
        overrides.stopSequences.isEmpty() ? stopSequences : overrides.stopSequences,
        pick(overrides.seed, seed));
  }

  /** Whether no parameter is set. */
  public boolean isEmpty() {
    return maxTokens == null
        && temperature == null
        && topP == null
        && topK == null
        && stopSequences.isEmpty()
        && seed == null;
  }

  private static <T> @Nullable T pick(@Nullable T preferred, @Nullable T fallback) {
    return preferred != null ? preferred : fallback;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("InferenceConfig[");
    append(sb, "maxTokens", maxTokens);
    append(sb, "temperature", temperature);
    append(sb, "topP", topP);
    append(sb, "topK", topK);
    if (!stopSequences.isEmpty()) {
      append(sb, "stopSequences", stopSequences.size());
    }
    append(sb, "seed", seed);
    if (sb.charAt(sb.length() - 1) == ' ') {
      sb.setLength(sb.length() - 2);
    }
    return sb.append(']').toString();
  }

  private static void append(StringBuilder sb, String name, @Nullable Object value) {
    if (value != null) {
      sb.append(name).append('=').append(value).append(", ");
    }
  }

  /**
   * Builder for {@link InferenceConfig}; every setter accepts {@code null} to mean "the model's
   * default".
   */
  public static final class Builder {
    private @Nullable Integer maxTokens;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer topK;
    private List<String> stopSequences = List.of();
    private @Nullable Long seed;

    private Builder() {}

    private Builder(InferenceConfig c) {
      maxTokens = c.maxTokens;
      temperature = c.temperature;
      topP = c.topP;
      topK = c.topK;
      stopSequences = c.stopSequences;
      seed = c.seed;
    }

    public Builder maxTokens(@Nullable Integer maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    public Builder temperature(@Nullable Double temperature) {
      this.temperature = temperature;
      return this;
    }

    public Builder topP(@Nullable Double topP) {
      this.topP = topP;
      return this;
    }

    public Builder topK(@Nullable Integer topK) {
      this.topK = topK;
      return this;
    }

    public Builder stopSequences(@Nullable List<String> stopSequences) {
      this.stopSequences = stopSequences == null ? List.of() : stopSequences;
      return this;
    }

    public Builder stopSequences(String... stopSequences) {
      return stopSequences(List.of(stopSequences));
    }

    public Builder seed(@Nullable Long seed) {
      this.seed = seed;
      return this;
    }

    public InferenceConfig build() {
      return new InferenceConfig(maxTokens, temperature, topP, topK, stopSequences, seed);
    }
  }
}
