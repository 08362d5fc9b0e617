package dev.genaiaws.core;

import java.util.Locale;

/**
 * Which latency profile to run on: the standard one, or latency-optimised inference (faster, for
 * the models and regions that offer it).
 */
public enum Latency {
  STANDARD,
  OPTIMIZED;

  /** The wire value, e.g. {@code optimized}. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
