package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.internal.Checks;

/**
 * A Bedrock guardrail applied to the generated answer of {@code RetrieveAndGenerate}.
 *
 * @param id the guardrail id or ARN
 * @param version its version ({@code DRAFT} or a number)
 */
public record Guardrail(String id, String version) {
  public Guardrail {
    Checks.notBlank(id, "guardrail id");
    Checks.notBlank(version, "guardrail version");
  }

  /** Guardrail {@code id} at {@code version}. */
  public static Guardrail of(String id, String version) {
    return new Guardrail(id, version);
  }
}
