package dev.genaiaws.core;

import java.util.Locale;

/**
 * The capacity tier a call runs on, where the provider offers tiers (Bedrock: priority for
 * latency-critical work at a premium, flex for cheaper work that tolerates delay, reserved for
 * reserved capacity).
 */
public enum ServiceTier {
  PRIORITY,
  DEFAULT,
  FLEX,
  RESERVED;

  /** The wire value, e.g. {@code priority}. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
