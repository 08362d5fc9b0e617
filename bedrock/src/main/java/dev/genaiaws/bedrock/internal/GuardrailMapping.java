package dev.genaiaws.bedrock.internal;

import dev.genaiaws.bedrock.GuardrailCheck;
import dev.genaiaws.bedrock.GuardrailFinding;
import dev.genaiaws.bedrock.GuardrailResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailOutputContent;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTextBlock;

/** {@code ApplyGuardrail} requests and answers, and guardrail assessments as neutral findings. Internal. */
public final class GuardrailMapping {
  private GuardrailMapping() {}

  /** The SDK request for a check. */
  public static ApplyGuardrailRequest request(GuardrailCheck check) {
    List<GuardrailContentBlock> content = new ArrayList<>();
    for (String text : check.texts()) {
      content.add(GuardrailContentBlock.fromText(GuardrailTextBlock.builder().text(text).build()));
    }
    return ApplyGuardrailRequest.builder().guardrailIdentifier(check.guardrailIdentifier())
        .guardrailVersion(check.guardrailVersion()).source(check.source().name()).content(content)
        .outputScope(check.fullOutput() ? "FULL" : "INTERVENTIONS").build();
  }

  /** The result of an answer. */
  public static GuardrailResult result(ApplyGuardrailResponse r) {
    String action = r.actionAsString();
    return new GuardrailResult("GUARDRAIL_INTERVENED".equals(action), action, r.actionReason(),
        r.outputs().stream().map(GuardrailOutputContent::text).filter(java.util.Objects::nonNull).toList(),
        findings(r.assessments()));
  }

  /** Every finding of some assessments, in order. */
  public static List<GuardrailFinding> findings(Collection<GuardrailAssessment> assessments) {
    List<GuardrailFinding> out = new ArrayList<>();
    for (GuardrailAssessment a : assessments) {
      if (a.topicPolicy() != null) {
        a.topicPolicy().topics().forEach(t -> out.add(new GuardrailFinding("topicPolicy", t.name(),
            t.actionAsString(), yes(t.detected()), null, null)));
      }
      if (a.contentPolicy() != null) {
        a.contentPolicy().filters().forEach(f -> out.add(new GuardrailFinding("contentPolicy", f.typeAsString(),
            f.actionAsString(), yes(f.detected()), null, null)));
      }
      if (a.wordPolicy() != null) {
        a.wordPolicy().customWords().forEach(w -> out.add(new GuardrailFinding("wordPolicy", "CUSTOM_WORD",
            w.actionAsString(), yes(w.detected()), w.match(), null)));
        a.wordPolicy().managedWordLists().forEach(w -> out.add(new GuardrailFinding("wordPolicy",
            w.typeAsString(), w.actionAsString(), yes(w.detected()), w.match(), null)));
      }
      if (a.sensitiveInformationPolicy() != null) {
        a.sensitiveInformationPolicy().piiEntities().forEach(p -> out.add(new GuardrailFinding(
            "sensitiveInformationPolicy", p.typeAsString(), p.actionAsString(), yes(p.detected()), p.match(), null)));
        a.sensitiveInformationPolicy().regexes().forEach(x -> out.add(new GuardrailFinding(
            "sensitiveInformationPolicy", x.name(), x.actionAsString(), yes(x.detected()), x.match(), null)));
      }
      if (a.contextualGroundingPolicy() != null) {
        a.contextualGroundingPolicy().filters().forEach(f -> out.add(new GuardrailFinding(
            "contextualGroundingPolicy", f.typeAsString(), f.actionAsString(), yes(f.detected()), null, f.score())));
      }
    }
    return out;
  }

  private static boolean yes(Boolean b) {
    return b == null || b;
  }
}
