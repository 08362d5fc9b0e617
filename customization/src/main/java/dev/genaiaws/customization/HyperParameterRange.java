package dev.genaiaws.customization;

import org.jspecify.annotations.Nullable;

/**
 * The documented range of one hyper-parameter for one base model.
 *
 * @param name the API name, e.g. {@code learningRate}
 * @param min the smallest accepted value
 * @param max the largest accepted value
 * @param defaultValue the service's default, or {@code null} when it has none (the value is then
 *     required)
 * @param integer whether the value must be a whole number
 */
public record HyperParameterRange(
    String name, double min, double max, @Nullable Double defaultValue, boolean integer) {

  /** A parameter the model takes whose range is not documented here: only its type is checked. */
  public static HyperParameterRange unchecked(String name, boolean integer) {
    return new HyperParameterRange(
        name, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null, integer);
  }

  /** Whether the range is known (else the service checks the value). */
  public boolean checked() {
    return !Double.isInfinite(min) || !Double.isInfinite(max);
  }

  /** Whether {@code value} is inside the range (and whole, for integer parameters). */
  public boolean accepts(Number value) {
    double v = value.doubleValue();
    return !Double.isNaN(v) && v >= min && v <= max && (!integer || v == Math.rint(v));
  }

  /** The range for messages: {@code [1, 10]} or {@code [1.0E-7, 1.0E-5]}. */
  public String describe() {
    if (!checked()) {
      return "(range not documented here; the service checks it)";
    }
    return integer ? "[" + (long) min + ", " + (long) max + "]" : "[" + min + ", " + max + "]";
  }
}
