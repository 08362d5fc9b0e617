package dev.genaiaws.bedrock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.bedrock.GuardrailCheck;
import dev.genaiaws.bedrock.GuardrailFinding;
import dev.genaiaws.bedrock.GuardrailResult;
import dev.genaiaws.bedrock.GuardrailTrace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailOutputContent;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;

/**
 * {@code ApplyGuardrail} requests and answers, guardrail assessments as neutral findings, and the
 * guardrail traces of model calls (Converse's typed {@code trace.guardrail}, InvokeModel's body
 * fields). Internal.
 */
public final class GuardrailMapping {
  /** InvokeModel: the field Bedrock adds to the model's body with the guardrail's action. */
  static final String ACTION_FIELD = "amazon-bedrock-guardrailAction";

  /**
   * InvokeModel: the field Bedrock adds to the model's body with the trace, when the call asked for
   * one.
   */
  static final String TRACE_FIELD = "amazon-bedrock-trace";

  private GuardrailMapping() {}

  /** The SDK request for a check. */
  public static ApplyGuardrailRequest request(GuardrailCheck check) {
    List<GuardrailContentBlock> content = new ArrayList<>();
    for (String text : check.texts()) {
      content.add(GuardrailContentBlock.fromText(GuardrailTextBlock.builder().text(text).build()));
    }
    return ApplyGuardrailRequest.builder()
        .guardrailIdentifier(check.guardrailIdentifier())
        .guardrailVersion(check.guardrailVersion())
        .source(check.source().name())
        .content(content)
        .outputScope(check.fullOutput() ? "FULL" : "INTERVENTIONS")
        .build();
  }

  /** The result of an answer. */
  public static GuardrailResult result(ApplyGuardrailResponse r) {
    String action = r.actionAsString();
    return new GuardrailResult(
        "GUARDRAIL_INTERVENED".equals(action),
        action,
        r.actionReason(),
        r.outputs().stream()
            .map(GuardrailOutputContent::text)
            .filter(java.util.Objects::nonNull)
            .toList(),
        findings(r.assessments()));
  }

  /**
   * The guardrail trace of a Converse answer.
   *
   * @param intervened whether the answer stopped with {@code guardrail_intervened}
   * @param trace the answer's {@code trace.guardrail}, or {@code null} when it has none
   */
  public static GuardrailTrace converseTrace(
      boolean intervened, @Nullable GuardrailTraceAssessment trace) {
    String action = intervened ? GuardrailTrace.INTERVENED : GuardrailTrace.NONE;
    if (trace == null) {
      return new GuardrailTrace(intervened, action, null, List.of(), List.of(), List.of(), false);
    }
    List<GuardrailAssessment> outputs = new ArrayList<>();
    trace.outputAssessments().values().forEach(outputs::addAll);
    return new GuardrailTrace(
        intervened,
        action,
        trace.actionReason(),
        findings(trace.inputAssessment().values()),
        findings(outputs),
        trace.modelOutput(),
        true);
  }

  /**
   * The guardrail trace of an InvokeModel answer, read from the fields Bedrock adds to the model's
   * body ({@code amazon-bedrock-guardrailAction}, and {@code amazon-bedrock-trace.guardrail} with
   * {@code input}: guardrail id to assessment, {@code outputs}: a list of those, {@code
   * modelOutput}), or {@code null} when the body has neither field.
   */
  public static @Nullable GuardrailTrace invokeModelTrace(JsonNode body) {
    JsonNode action = body.get(ACTION_FIELD);
    JsonNode guardrail = body.path(TRACE_FIELD).path("guardrail");
    if (action == null && guardrail.isMissingNode()) {
      return null;
    }
    String a = action == null || action.asText().isBlank() ? GuardrailTrace.NONE : action.asText();
    List<GuardrailFinding> input = new ArrayList<>();
    guardrail.path("input").forEach(assessment -> input.addAll(findings(assessment)));
    List<GuardrailFinding> output = new ArrayList<>();
    guardrail
        .path("outputs")
        .forEach(
            perGuardrail ->
                perGuardrail.forEach(assessment -> output.addAll(findings(assessment))));
    List<String> modelOutput = new ArrayList<>();
    guardrail.path("modelOutput").forEach(o -> modelOutput.add(o.asText()));
    JsonNode reason = guardrail.get("actionReason");
    return new GuardrailTrace(
        GuardrailTrace.INTERVENED.equals(a) || "GUARDRAIL_INTERVENED".equals(a),
        a,
        reason == null ? null : reason.asText(),
        input,
        output,
        modelOutput,
        guardrail.isObject());
  }

  /** Every finding of some assessments, in order. */
  public static List<GuardrailFinding> findings(Collection<GuardrailAssessment> assessments) {
    List<GuardrailFinding> out = new ArrayList<>();
    for (GuardrailAssessment a : assessments) {
      if (a.topicPolicy() != null) {
        a.topicPolicy()
            .topics()
            .forEach(
                t ->
                    out.add(
                        new GuardrailFinding(
                            "topicPolicy",
                            t.name(),
                            t.actionAsString(),
                            yes(t.detected()),
                            null,
                            null)));
      }
      if (a.contentPolicy() != null) {
        a.contentPolicy()
            .filters()
            .forEach(
                f ->
                    out.add(
                        new GuardrailFinding(
                            "contentPolicy",
                            f.typeAsString(),
                            f.actionAsString(),
                            yes(f.detected()),
                            null,
                            null)));
      }
      if (a.wordPolicy() != null) {
        a.wordPolicy()
            .customWords()
            .forEach(
                w ->
                    out.add(
                        new GuardrailFinding(
                            "wordPolicy",
                            "CUSTOM_WORD",
                            w.actionAsString(),
                            yes(w.detected()),
                            w.match(),
                            null)));
        a.wordPolicy()
            .managedWordLists()
            .forEach(
                w ->
                    out.add(
                        new GuardrailFinding(
                            "wordPolicy",
                            w.typeAsString(),
                            w.actionAsString(),
                            yes(w.detected()),
                            w.match(),
                            null)));
      }
      if (a.sensitiveInformationPolicy() != null) {
        a.sensitiveInformationPolicy()
            .piiEntities()
            .forEach(
                p ->
                    out.add(
                        new GuardrailFinding(
                            "sensitiveInformationPolicy",
                            p.typeAsString(),
                            p.actionAsString(),
                            yes(p.detected()),
                            p.match(),
                            null)));
        a.sensitiveInformationPolicy()
            .regexes()
            .forEach(
                x ->
                    out.add(
                        new GuardrailFinding(
                            "sensitiveInformationPolicy",
                            x.name(),
                            x.actionAsString(),
                            yes(x.detected()),
                            x.match(),
                            null)));
      }
      if (a.contextualGroundingPolicy() != null) {
        a.contextualGroundingPolicy()
            .filters()
            .forEach(
                f ->
                    out.add(
                        new GuardrailFinding(
                            "contextualGroundingPolicy",
                            f.typeAsString(),
                            f.actionAsString(),
                            yes(f.detected()),
                            null,
                            f.score())));
      }
    }
    return out;
  }

  /**
   * The findings of one assessment in its JSON form (as InvokeModel's trace carries it; the same
   * members as the API reference's {@code GuardrailAssessment}), in the order {@link
   * #findings(Collection)} gives them.
   */
  static List<GuardrailFinding> findings(JsonNode a) {
    List<GuardrailFinding> out = new ArrayList<>();
    add(out, a.path("topicPolicy").path("topics"), "topicPolicy", f -> text(f, "name"), false);
    add(out, a.path("contentPolicy").path("filters"), "contentPolicy", f -> text(f, "type"), false);
    add(out, a.path("wordPolicy").path("customWords"), "wordPolicy", f -> "CUSTOM_WORD", false);
    add(
        out,
        a.path("wordPolicy").path("managedWordLists"),
        "wordPolicy",
        f -> text(f, "type"),
        false);
    add(
        out,
        a.path("sensitiveInformationPolicy").path("piiEntities"),
        "sensitiveInformationPolicy",
        f -> text(f, "type"),
        false);
    add(
        out,
        a.path("sensitiveInformationPolicy").path("regexes"),
        "sensitiveInformationPolicy",
        f -> text(f, "name"),
        false);
    add(
        out,
        a.path("contextualGroundingPolicy").path("filters"),
        "contextualGroundingPolicy",
        f -> text(f, "type"),
        true);
    return out;
  }

  private static void add(
      List<GuardrailFinding> out,
      JsonNode list,
      String policy,
      Function<JsonNode, String> type,
      boolean scored) {
    for (JsonNode f : list) {
      JsonNode detected = f.get("detected");
      JsonNode score = f.get("score");
      out.add(
          new GuardrailFinding(
              policy,
              type.apply(f),
              text(f, "action"),
              detected == null || detected.asBoolean(),
              scored ? null : text(f, "match"),
              scored && score != null && score.isNumber() ? score.asDouble() : null));
    }
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static boolean yes(Boolean b) {
    return b == null || b;
  }
}
