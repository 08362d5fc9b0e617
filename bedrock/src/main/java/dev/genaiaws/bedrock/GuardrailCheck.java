package dev.genaiaws.bedrock;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.List;

/**
 * Content to check with a guardrail on its own ({@code ApplyGuardrail}), without calling a model: a
 * user's input before you send it anywhere, or any output before you show it.
 *
 * <pre>{@code
 * GuardrailResult r = client.applyGuardrail(GuardrailCheck.input("gr-abc123", "1", "How do I pick a lock?"));
 * }</pre>
 *
 * @param guardrailIdentifier the guardrail's id or ARN
 * @param guardrailVersion its version ({@code DRAFT} or a number)
 * @param source {@link Source#INPUT} for user input, {@link Source#OUTPUT} for model output
 * @param texts the texts to check, at least one
 * @param fullOutput whether the assessments list every policy's result ({@code FULL}) rather than
 *     only the interventions
 */
public record GuardrailCheck(
    String guardrailIdentifier,
    String guardrailVersion,
    Source source,
    List<String> texts,
    boolean fullOutput) {

  /** Which side of a conversation the content is. */
  public enum Source {
    INPUT,
    OUTPUT
  }

  public GuardrailCheck {
    Checks.notBlank(guardrailIdentifier, "guardrailIdentifier");
    Checks.notBlank(guardrailVersion, "guardrailVersion");
    Checks.notNull(source, "source");
    texts = Checks.copyOf(texts, "texts");
    if (texts.isEmpty()) {
      throw new InvalidRequestException("a guardrail check needs at least one text");
    }
  }

  /** User input to check. */
  public static GuardrailCheck input(
      String guardrailIdentifier, String guardrailVersion, String text) {
    return new GuardrailCheck(
        guardrailIdentifier, guardrailVersion, Source.INPUT, List.of(text), false);
  }

  /** Model output to check. */
  public static GuardrailCheck output(
      String guardrailIdentifier, String guardrailVersion, String text) {
    return new GuardrailCheck(
        guardrailIdentifier, guardrailVersion, Source.OUTPUT, List.of(text), false);
  }

  /** A copy whose result lists every policy's assessment, not only interventions. */
  public GuardrailCheck withFullOutput() {
    return new GuardrailCheck(guardrailIdentifier, guardrailVersion, source, texts, true);
  }

  @Override
  public String toString() {
    return "GuardrailCheck["
        + guardrailIdentifier
        + ":"
        + guardrailVersion
        + ", "
        + source
        + ", "
        + texts.size()
        + " texts]";
  }
}
