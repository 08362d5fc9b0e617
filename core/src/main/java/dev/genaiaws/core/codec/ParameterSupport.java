package dev.genaiaws.core.codec;

import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which neutral inference parameters a model takes, and the range of each. Codecs declare it; the
 * client checks every request against it before sending:
 *
 * <pre>{@code
 * ParameterSupport llama = ParameterSupport.builder("meta.llama3")
 *     .maxTokens(1, 2048).temperature(0, 1).topP(0, 1).build();   // no topK, no seed, no stops
 * }</pre>
 *
 * <p>A value out of range always fails with a message naming the parameter, the model, the range
 * and the value. A parameter the model does not take fails with {@link
 * UnsupportedParameterException}, or is dropped under {@link UnsupportedParameterPolicy#DROP}.
 */
public final class ParameterSupport {

  /** The neutral parameters, by the names {@link InferenceConfig} uses. */
  public enum Parameter {
    MAX_TOKENS("maxTokens"),
    TEMPERATURE("temperature"),
    TOP_P("topP"),
    TOP_K("topK"),
    STOP_SEQUENCES("stopSequences"),
    SEED("seed");

    private final String fieldName;

    Parameter(String fieldName) {
      this.fieldName = fieldName;
    }

    /** The field name in {@link InferenceConfig}. */
    public String fieldName() {
      return fieldName;
    }
  }

  /**
   * A closed range of values; for {@link Parameter#STOP_SEQUENCES} the allowed number of entries.
   *
   * @param min the least value allowed
   * @param max the greatest value allowed
   */
  public record Range(double min, double max) {
    public Range {
      if (min > max) {
        throw new InvalidRequestException("min " + min + " > max " + max);
      }
    }

    boolean contains(double v) {
      return v >= min && v <= max;
    }

    String describe(boolean integral) {
      return integral ? "[" + (long) min + ", " + (long) max + "]" : "[" + min + ", " + max + "]";
    }
  }

  private final String family;
  private final Map<Parameter, Range> ranges;

  private ParameterSupport(String family, Map<Parameter, Range> ranges) {
    this.family = family;
    this.ranges = Collections.unmodifiableMap(new EnumMap<>(ranges));
  }

  /** Starts a declaration for the named family; nothing is supported until declared. */
  public static Builder builder(String family) {
    return new Builder(family);
  }

  public boolean supports(Parameter p) {
    return ranges.containsKey(p);
  }

  public Optional<Range> range(Parameter p) {
    return Optional.ofNullable(ranges.get(p));
  }

  /** The declared parameters and ranges. */
  public Map<Parameter, Range> ranges() {
    return ranges;
  }

  /**
   * Checks a config against this declaration and returns the config to send: the same one, or one
   * with unsupported parameters removed under {@link UnsupportedParameterPolicy#DROP}.
   *
   * @throws InvalidRequestException if a value is out of range
   * @throws UnsupportedParameterException if a parameter is not supported and the policy is FAIL
   */
  public InferenceConfig apply(
      InferenceConfig config, String modelId, UnsupportedParameterPolicy policy) {
    // the common case (every parameter supported and in range) allocates nothing: a copy is made
    // only to drop one
    InferenceConfig.Builder out = null;
    if (drop(Parameter.MAX_TOKENS, config.maxTokens(), modelId, policy)) {
      out = (out == null ? config.toBuilder() : out).maxTokens(null);
    }
    if (drop(Parameter.TEMPERATURE, config.temperature(), modelId, policy)) {
      out = (out == null ? config.toBuilder() : out).temperature(null);
    }
    if (drop(Parameter.TOP_P, config.topP(), modelId, policy)) {
      out = (out == null ? config.toBuilder() : out).topP(null);
    }
    if (drop(Parameter.TOP_K, config.topK(), modelId, policy)) {
      out = (out == null ? config.toBuilder() : out).topK(null);
    }
    if (drop(Parameter.SEED, config.seed(), modelId, policy)) {
      out = (out == null ? config.toBuilder() : out).seed(null);
    }
    if (!config.stopSequences().isEmpty()) {
      Range r = ranges.get(Parameter.STOP_SEQUENCES);
      if (r == null) {
        unsupported(Parameter.STOP_SEQUENCES, modelId, policy);
        out = (out == null ? config.toBuilder() : out).stopSequences(java.util.List.of());
      } else if (!r.contains(config.stopSequences().size())) {
        throw new InvalidRequestException(
            "stopSequences must have at most "
                + (long) r.max()
                + " entries for "
                + modelId
                + " but had "
                + config.stopSequences().size());
      }
    }
    return out != null ? out.build() : config;
  }

  /**
   * Whether {@code value} must be dropped (unsupported under DROP); throws when out of range or
   * refused.
   */
  private boolean drop(
      Parameter p, @Nullable Number value, String modelId, UnsupportedParameterPolicy policy) {
    if (value == null) {
      return false;
    }
    Range r = ranges.get(p);
    if (r == null) {
      unsupported(p, modelId, policy);
      return true;
    }
    if (!r.contains(value.doubleValue())) {
      boolean integral = !(value instanceof Double);
      throw new InvalidRequestException(
          p.fieldName()
              + " must be in "
              + r.describe(integral)
              + " for "
              + modelId
              + " but was "
              + value);
    }
    return false;
  }

  private void unsupported(Parameter p, String modelId, UnsupportedParameterPolicy policy) {
    if (policy != UnsupportedParameterPolicy.DROP) {
      throw new UnsupportedParameterException(family, p.fieldName(), modelId);
    }
  }

  @Override
  public String toString() {
    return "ParameterSupport[" + family + ", " + ranges + "]";
  }

  /** Declares the parameters of one family. */
  public static final class Builder {
    private final String family;
    private final Map<Parameter, Range> ranges = new EnumMap<>(Parameter.class);

    private Builder(String family) {
      this.family = family;
    }

    public Builder maxTokens(int min, int max) {
      return put(Parameter.MAX_TOKENS, min, max);
    }

    public Builder temperature(double min, double max) {
      return put(Parameter.TEMPERATURE, min, max);
    }

    public Builder topP(double min, double max) {
      return put(Parameter.TOP_P, min, max);
    }

    public Builder topK(int min, int max) {
      return put(Parameter.TOP_K, min, max);
    }

    /** Stop sequences are supported, at most {@code maxCount} of them. */
    public Builder stopSequences(int maxCount) {
      return put(Parameter.STOP_SEQUENCES, 0, maxCount);
    }

    public Builder seed(long min, long max) {
      return put(Parameter.SEED, (double) min, (double) max);
    }

    public Builder put(Parameter p, double min, double max) {
      ranges.put(p, new Range(min, max));
      return this;
    }

    public ParameterSupport build() {
      return new ParameterSupport(family, ranges);
    }
  }
}
