package dev.genaiaws.core;

/**
 * What a client does with a parameter the model family cannot express (e.g. {@code topK} for
 * Llama).
 */
public enum UnsupportedParameterPolicy {
  /**
   * Refuse the request with an {@link dev.genaiaws.core.exception.UnsupportedParameterException}
   * (default).
   */
  FAIL,
  /** Drop the parameter and send the rest; handy when one config is shared across families. */
  DROP
}
