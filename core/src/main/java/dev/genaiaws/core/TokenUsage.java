package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;

/**
 * How many tokens a call consumed, from the response body, the stream's final metrics, or the
 * service's token-count headers. A count the service did not report is 0.
 *
 * <p>With prompt caching, Bedrock reports the cached part of the prompt apart from the rest: {@code
 * inputTokens} counts only the tokens that were neither read from nor written to the cache, {@code
 * cacheReadInputTokens} the tokens read from it and {@code cacheWriteInputTokens} the tokens
 * written to it. Each is priced differently; {@link #totalInputTokens()} is the whole prompt.
 *
 * @param inputTokens prompt tokens not read from or written to a prompt cache
 * @param outputTokens tokens generated
 * @param cacheReadInputTokens prompt tokens read from a prompt cache
 * @param cacheWriteInputTokens prompt tokens written to a prompt cache
 */
public record TokenUsage(
    int inputTokens, int outputTokens, int cacheReadInputTokens, int cacheWriteInputTokens) {
  private static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

  public TokenUsage {
    if (inputTokens < 0
        || outputTokens < 0
        || cacheReadInputTokens < 0
        || cacheWriteInputTokens < 0) {
      throw new InvalidRequestException(
          "token counts must be >= 0 but were input "
              + inputTokens
              + ", output "
              + outputTokens
              + ", cache read "
              + cacheReadInputTokens
              + ", cache write "
              + cacheWriteInputTokens);
    }
  }

  /** Usage without prompt caching. */
  public TokenUsage(int inputTokens, int outputTokens) {
    this(inputTokens, outputTokens, 0, 0);
  }

  /** No tokens reported. */
  public static TokenUsage none() {
    return NONE;
  }

  public static TokenUsage of(int inputTokens, int outputTokens) {
    return new TokenUsage(inputTokens, outputTokens);
  }

  /** Usage with prompt-cache counts. */
  public static TokenUsage of(
      int inputTokens, int outputTokens, int cacheReadInputTokens, int cacheWriteInputTokens) {
    return new TokenUsage(inputTokens, outputTokens, cacheReadInputTokens, cacheWriteInputTokens);
  }

  /** The whole prompt: input plus cache read plus cache write. */
  public int totalInputTokens() {
    return inputTokens + cacheReadInputTokens + cacheWriteInputTokens;
  }

  /** The whole prompt plus output. */
  public int totalTokens() {
    return totalInputTokens() + outputTokens;
  }

  /** Whether nothing was reported. */
  public boolean isEmpty() {
    return totalTokens() == 0;
  }

  /**
   * This usage where known, else the other one's counts (each count independently). This same
   * instance when the other fills in nothing: an answer's usage and its headers' usually agree, and
   * callers keep what they built on it when nothing changed.
   */
  public TokenUsage orElse(TokenUsage other) {
    if (other == null) {
      return this;
    }
    int input = inputTokens != 0 ? inputTokens : other.inputTokens;
    int output = outputTokens != 0 ? outputTokens : other.outputTokens;
    int cacheRead = cacheReadInputTokens != 0 ? cacheReadInputTokens : other.cacheReadInputTokens;
    int cacheWrite =
        cacheWriteInputTokens != 0 ? cacheWriteInputTokens : other.cacheWriteInputTokens;
    if (input == inputTokens
        && output == outputTokens
        && cacheRead == cacheReadInputTokens
        && cacheWrite == cacheWriteInputTokens) {
      return this; // nothing filled in: no copy, and no rebuilt response, on every call
    }
    return new TokenUsage(input, output, cacheRead, cacheWrite);
  }

  /** The sum of two usages, e.g. over several calls. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cacheReadInputTokens + other.cacheReadInputTokens,
        cacheWriteInputTokens + other.cacheWriteInputTokens);
  }

  @Override
  public String toString() {
    if (cacheReadInputTokens == 0 && cacheWriteInputTokens == 0) {
      return "TokenUsage[inputTokens=" + inputTokens + ", outputTokens=" + outputTokens + "]";
    }
    return "TokenUsage[inputTokens="
        + inputTokens
        + ", outputTokens="
        + outputTokens
        + ", cacheReadInputTokens="
        + cacheReadInputTokens
        + ", cacheWriteInputTokens="
        + cacheWriteInputTokens
        + "]";
  }
}
