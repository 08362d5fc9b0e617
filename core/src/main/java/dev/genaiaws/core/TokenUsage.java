package dev.genaiaws.core;

/**
 * How many tokens a call consumed, from the response body, the stream's final metrics, or the service's
 * token-count headers. A count the service did not report is 0.
 *
 * @param inputTokens tokens in the prompt
 * @param outputTokens tokens generated
 */
public record TokenUsage(int inputTokens, int outputTokens) {
  private static final TokenUsage NONE = new TokenUsage(0, 0);

  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must be >= 0 but were " + inputTokens + "/" + outputTokens);
    }
  }

  /** No tokens reported. */
  public static TokenUsage none() {
    return NONE;
  }

  public static TokenUsage of(int inputTokens, int outputTokens) {
    return new TokenUsage(inputTokens, outputTokens);
  }

  /** Input plus output. */
  public int totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Whether nothing was reported. */
  public boolean isEmpty() {
    return inputTokens == 0 && outputTokens == 0;
  }

  /** This usage where known, else the other one's counts (each count independently). */
  public TokenUsage orElse(TokenUsage other) {
    if (other == null) {
      return this;
    }
    return new TokenUsage(inputTokens != 0 ? inputTokens : other.inputTokens,
        outputTokens != 0 ? outputTokens : other.outputTokens);
  }

  /** The sum of two usages, e.g. over several calls. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }
}
