package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * Turns on the model's reasoning ("extended thinking") and says how much of it: a token budget, an
 * effort level, or both where the model takes both. Reasoning arrives as {@link ReasoningBlock}s
 * before the answer.
 *
 * <pre>{@code
 * .reasoning(Reasoning.budget(2048))        // Claude 3.7 / 4: up to 2,048 tokens of thinking
 * .reasoning(Reasoning.effort(Effort.HIGH))   // models that take an effort level
 * }</pre>
 *
 * @param budgetTokens the most tokens to think with (at least 1,024), or {@code null}
 * @param effort how hard to think, or {@code null}
 */
public record Reasoning(@Nullable Integer budgetTokens, @Nullable Effort effort) {
  /** The least budget Bedrock's Claude models accept. */
  public static final int MIN_BUDGET_TOKENS = 1024;

  /** How hard the model should think. */
  public enum Effort {
    LOW,
    MEDIUM,
    HIGH,
    XHIGH,
    MAX
  }

  public Reasoning {
    if (budgetTokens == null && effort == null) {
      throw new InvalidRequestException("reasoning needs a budgetTokens or an effort");
    }
    if (budgetTokens != null && budgetTokens < MIN_BUDGET_TOKENS) {
      throw new InvalidRequestException(
          "reasoning budgetTokens must be >= " + MIN_BUDGET_TOKENS + " but was " + budgetTokens);
    }
  }

  public static Reasoning budget(int budgetTokens) {
    return new Reasoning(budgetTokens, null);
  }

  public static Reasoning effort(Effort effort) {
    return new Reasoning(null, effort);
  }
}
