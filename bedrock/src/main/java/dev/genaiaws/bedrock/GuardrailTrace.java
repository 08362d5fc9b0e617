package dev.genaiaws.bedrock;

import dev.genaiaws.core.ResponseDetail;
import dev.genaiaws.core.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a guardrail applied to a model call did: attached to the {@link
 * dev.genaiaws.core.GenerationResponse} of every call made with a guardrail ({@link
 * BedrockOptions.Builder#guardrail}), through InvokeModel (read from the {@code
 * amazon-bedrock-guardrailAction} and {@code amazon-bedrock-trace} fields Bedrock adds to the
 * model's body) and through Converse (its {@code stopReason} and {@code trace.guardrail}). The
 * findings are there when the call asked for a trace ({@code trace("ENABLED")}); the verdict is
 * there always.
 *
 * <pre>{@code
 * GenerationResponse r = client.generate(req -> req.modelId(modelId).user(userText)
 *     .option(BedrockOptions.builder().guardrail("gr1abc", "1").trace("ENABLED").build()));
 * r.detail(GuardrailTrace.class).filter(GuardrailTrace::intervened).ifPresent(g -> {
 *   if (g.inputBlocked()) {
 *     log.info("prompt blocked: {}", g.inputFindings());   // r.text() is the guardrail's blocked message
 *   }
 * });
 * }</pre>
 *
 * <p>{@code toString()} leaves out matched text and the model's original output (both are user
 * content).
 *
 * @param intervened whether the guardrail intervened (blocked or masked something)
 * @param action {@code INTERVENED} or {@code NONE}: InvokeModel's {@code
 *     amazon-bedrock-guardrailAction} as sent; on Converse, which sends no such field, {@code
 *     INTERVENED} when the stop reason is {@code guardrail_intervened}
 * @param actionReason the trace's reason (e.g. {@code Guardrail blocked.}), or {@code null}
 * @param inputFindings what the policies found in the prompt, in order (empty without a trace)
 * @param outputFindings what they found in the model's output, in order (empty without a trace)
 * @param modelOutput the model's output as it was before the guardrail changed it, when the trace
 *     carries it
 * @param traced whether the answer carried a guardrail trace
 */
public record GuardrailTrace(
    boolean intervened,
    String action,
    @Nullable String actionReason,
    List<GuardrailFinding> inputFindings,
    List<GuardrailFinding> outputFindings,
    List<String> modelOutput,
    boolean traced)
    implements ResponseDetail {

  /** Bedrock's action when the guardrail intervened. */
  public static final String INTERVENED = "INTERVENED";

  /** Bedrock's action when it did not. */
  public static final String NONE = "NONE";

  public GuardrailTrace {
    Checks.notBlank(action, "action");
    inputFindings = Checks.copyOf(inputFindings, "inputFindings");
    outputFindings = Checks.copyOf(outputFindings, "outputFindings");
    modelOutput = Checks.copyOf(modelOutput, "modelOutput");
  }

  /** Every finding, the prompt's first. */
  public List<GuardrailFinding> findings() {
    List<GuardrailFinding> all = new ArrayList<>(inputFindings);
    all.addAll(outputFindings);
    return List.copyOf(all);
  }

  /**
   * Whether the guardrail blocked the prompt itself (a finding on the input with action {@code
   * BLOCKED}): the model was not called and the answer's text is the guardrail's blocked message.
   */
  public boolean inputBlocked() {
    return intervened && inputFindings.stream().anyMatch(f -> "BLOCKED".equals(f.action()));
  }

  @Override
  public String toString() {
    return "GuardrailTrace["
        + action
        + (traced ? ", input=" + inputFindings + ", output=" + outputFindings : ", not traced")
        + "]";
  }
}
