package dev.genaiaws.bedrock;

import dev.genaiaws.core.internal.Checks;
import java.util.List;

/**
 * What a guardrail decided about some content ({@link BedrockGenerationClient#applyGuardrail}):
 * whether it intervened, why, the text to show instead (its blocked message, or the content with
 * sensitive parts masked), and every finding of its policies.
 *
 * <pre>{@code
 * GuardrailResult r = client.applyGuardrail(GuardrailCheck.input("gr-abc123", "1", userText));
 * if (r.intervened()) {
 *   reply(r.outputText());                       // the guardrail's message, not the user's text
 *   log.info("blocked: {}", r.findings());
 * }
 * }</pre>
 *
 * @param intervened whether the guardrail intervened ({@code GUARDRAIL_INTERVENED})
 * @param action the service's action, e.g. {@code NONE} or {@code GUARDRAIL_INTERVENED}
 * @param actionReason the service's reason, or {@code null}
 * @param outputs the texts to use instead of the content (empty when the guardrail did not
 *     intervene)
 * @param findings what the policies found
 */
public record GuardrailResult(
    boolean intervened,
    String action,
    String actionReason,
    List<String> outputs,
    List<GuardrailFinding> findings) {
  public GuardrailResult {
    outputs = Checks.copyOf(outputs, "outputs");
    findings = Checks.copyOf(findings, "findings");
  }

  /** The outputs joined, or empty. */
  public String outputText() {
    return String.join("", outputs);
  }

  @Override
  public String toString() {
    return "GuardrailResult[" + action + ", findings=" + findings + "]";
  }
}
