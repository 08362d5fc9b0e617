package dev.genaiaws.testkit.internal.bedrock;

import dev.genaiaws.testkit.internal.Generation;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.util.List;

/**
 * What a text family's request boils down to for generation.
 *
 * @param text all prompt text (seeds the output, counts the input tokens)
 * @param maxTokens the effective max tokens
 * @param stopSequences the caller's stop sequences
 * @param seed the caller's seed, or {@code null}
 */
public record Prompt(String text, int maxTokens, List<String> stopSequences, Long seed) {

  public Prompt {
    stopSequences = List.copyOf(stopSequences);
  }

  /** Input token count. */
  public int inputTokens() {
    return TextGenerator.countTokens(text);
  }

  /** The deterministic answer. */
  public Generation generate() {
    return TextGenerator.generate(text, seed, maxTokens, stopSequences);
  }

  /** The deterministic answer for the {@code index}-th of several generations. */
  public Generation generate(int index) {
    return index == 0
        ? generate()
        : TextGenerator.generate(
            text, (seed == null ? 0 : seed) * 31 + index, maxTokens, stopSequences);
  }
}
