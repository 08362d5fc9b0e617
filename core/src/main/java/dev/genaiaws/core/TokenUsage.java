package dev.genaiaws.core;

/**
 * How many tokens a call consumed, from the response body, the stream's final metrics, or the service's
 * token-count headers. A count the service did not report is 0. With prompt caching, the prompt's tokens
 * read from or written to the cache are counted apart ({@code inputTokens} is the uncached rest).
 *
 * @param inputTokens tokens in the prompt (not counting cache reads and writes)
 * @param outputTokens tokens generated
 * @param cacheReadInputTokens prompt tokens read from the prompt cache
 * @param cacheWriteInputTokens prompt tokens written to the prompt cache
 */
public record TokenUsage(int inputTokens, int outputTokens, int cacheReadInputTokens, int cacheWriteInputTokens) {
  private static final TokenUsage NONE = new TokenUsage(0, 0);

  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0 || cacheReadInputTokens < 0 || cacheWriteInputTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must be >= 0 but were " + inputTokens + "/" + outputTokens + "/" + cacheReadInputTokens
              + "/" + cacheWriteInputTokens);
    }
  }

  /** Input and output counts, no cache counts. */
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

  /** Input plus output (cache reads and writes not included). */
  public int totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Whether nothing was reported. */
  public boolean isEmpty() {
    return inputTokens == 0 && outputTokens == 0 && cacheReadInputTokens == 0 && cacheWriteInputTokens == 0;
  }

  /** This usage where known, else the other one's counts (each count independently). */
  public TokenUsage orElse(TokenUsage other) {
    if (other == null) {
      return this;
    }
    return new TokenUsage(inputTokens != 0 ? inputTokens : other.inputTokens,
        outputTokens != 0 ? outputTokens : other.outputTokens,
        cacheReadInputTokens != 0 ? cacheReadInputTokens : other.cacheReadInputTokens,
        cacheWriteInputTokens != 0 ? cacheWriteInputTokens : other.cacheWriteInputTokens);
  }

  /** The sum of two usages, e.g. over several calls. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
        cacheReadInputTokens + other.cacheReadInputTokens, cacheWriteInputTokens + other.cacheWriteInputTokens);
  }
}
