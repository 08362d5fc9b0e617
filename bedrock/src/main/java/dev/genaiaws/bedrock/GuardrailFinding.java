package dev.genaiaws.bedrock;

import org.jspecify.annotations.Nullable;

/**
 * One thing a guardrail's policy found in the content it checked, as its trace or assessment
 * reports it.
 *
 * <pre>{@code
 * for (GuardrailFinding f : result.findings()) {
 *   System.out.println(f.policy() + " " + f.type() + " -> " + f.action());   // e.g. "contentPolicy VIOLENCE -> BLOCKED"
 * }
 * }</pre>
 *
 * <p>{@code toString()} leaves out the matched text (it is user content).
 *
 * @param policy {@code topicPolicy}, {@code contentPolicy}, {@code wordPolicy}, {@code
 *     sensitiveInformationPolicy} or {@code contextualGroundingPolicy}
 * @param type what matched: the topic's name, the content filter type ({@code VIOLENCE}, {@code
 *     PROMPT_ATTACK}, ...), {@code CUSTOM_WORD} or the managed list ({@code PROFANITY}), the PII
 *     type ({@code EMAIL}, ...) or the regex's name, the grounding filter ({@code GROUNDING},
 *     {@code RELEVANCE})
 * @param action what the guardrail did: {@code BLOCKED}, {@code ANONYMIZED}, {@code NONE}, ...
 *     ({@code null} if the service did not say)
 * @param detected whether the policy detected it (may be {@code true} with action {@code NONE} in
 *     detect-only mode)
 * @param match the matched text where the policy reports one (words, PII, regexes), else {@code
 *     null}
 * @param score the grounding score for contextual grounding, else {@code null}
 */
public record GuardrailFinding(
    String policy,
    String type,
    @Nullable String action,
    boolean detected,
    @Nullable String match,
    @Nullable Double score) {

  @Override
  public String toString() {
    return "GuardrailFinding["
        + policy
        + ", "
        + type
        + ", "
        + action
        + (detected ? ", detected" : "")
        + (score == null ? "" : ", score=" + score)
        + "]";
  }
}
