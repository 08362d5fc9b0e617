package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * The Converse / ConverseStream API: one message shape for every text model, validated with the
 * service's "1 validation error detected" wording, answered with the same deterministic text as the
 * model's own API.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class ConverseApi {
  private static final List<String> BLOCK_TYPES =
      List.of(
          "text",
          "image",
          "document",
          "video",
          "audio",
          "toolUse",
          "toolResult",
          "guardContent",
          "cachePoint",
          "reasoningContent",
          "citationsContent",
          "searchResult");

  private ConverseApi() {}

  /**
   * The parsed request.
   *
   * @param prompt the prompt for generation
   * @param inputTokens input token count
   */
  public record Request(Prompt prompt, int inputTokens) {}

  /** Validates; returns {@code null} if fine, else the ValidationException message. */
  public static @Nullable String validate(
      JsonNode body, ModelFamily family, String modelId, boolean streaming) {
    if (!family.conversational()) {
      return "This action doesn't support the model that you provided. Try again with a supported "
          + "text or chat model.";
    }
    List<String> constraint = new ArrayList<>();
    JsonNode cfg = body.path("inferenceConfig");
    range(constraint, cfg, "maxTokens", "inferenceConfig.maxTokens", 1, null);
    range(constraint, cfg, "temperature", "inferenceConfig.temperature", 0, 1);
    range(constraint, cfg, "topP", "inferenceConfig.topP", 0, 1);
    if (cfg.path("stopSequences").size() > 2500) {
      constraint.add(
          "Value at 'inferenceConfig.stopSequences' failed to satisfy constraint: Member "
              + "must have length less than or equal to 2500");
    }
    if (!constraint.isEmpty()) {
      return constraint.size()
          + " validation error"
          + (constraint.size() > 1 ? "s" : "")
          + " detected: "
          + String.join("; ", constraint);
    }
    JsonNode messages = body.path("messages");
    for (JsonNode m : messages) {
      String role = m.path("role").asText();
      if (!role.equals("user") && !role.equals("assistant")) {
        return "1 validation error detected: Value '"
            + role
            + "' at 'messages.member.role' failed to "
            + "satisfy constraint: Member must satisfy enum value set: [user, assistant]";
      }
      for (JsonNode block : m.path("content")) {
        if (block.size() != 1 || !BLOCK_TYPES.contains(block.fieldNames().next())) {
          return "A content block is not valid: exactly one of " + BLOCK_TYPES + " must be set.";
        }
      }
    }
    String roles = ConversationRules.converseRoles(messages);
    if (roles != null) {
      return roles;
    }
    int limit = family.maxTokensLimit(modelId);
    if (cfg.has("maxTokens") && cfg.get("maxTokens").asInt() > limit) {
      return "The maximum tokens you requested exceeds the model limit of "
          + limit
          + ". Try again with a maximum tokens value that is lower than "
          + limit
          + ".";
    }
    return ConverseRules.check(body, modelId, streaming);
  }

  private static void range(
      List<String> out, JsonNode cfg, String field, String path, Number min, @Nullable Number max) {
    JsonNode v = cfg.get(field);
    if (v == null) {
      return;
    }
    if (!v.isNumber()) {
      out.add(
          "Value '"
              + v.asText()
              + "' at '"
              + path
              + "' failed to satisfy constraint: Member must be a number");
    } else if (v.asDouble() < min.doubleValue()) {
      out.add(
          "Value '"
              + v
              + "' at '"
              + path
              + "' failed to satisfy constraint: Member must have value "
              + "greater than or equal to "
              + min);
    } else if (max != null && v.asDouble() > max.doubleValue()) {
      out.add(
          "Value '"
              + v
              + "' at '"
              + path
              + "' failed to satisfy constraint: Member must have value "
              + "less than or equal to "
              + max);
    }
  }

  /**
   * The request as the model reads it, in cache order (tools, system, messages): each part's text
   * and, where a cache point follows it, that point's TTL.
   *
   * @param text the part's text ({@code ""} for a pure cache point)
   * @param cacheTtl the TTL of a cache point placed right after this part, or {@code null}
   */
  record Part(String text, String cacheTtl) {}

  /** The parts of a request (tools, system, messages) in prompt order. */
  static List<Part> parts(JsonNode body) {
    List<Part> parts = new ArrayList<>();
    for (JsonNode t : body.path("toolConfig").path("tools")) {
      parts.add(
          t.has("cachePoint")
              ? new Part("", ttl(t.get("cachePoint")))
              : new Part(jsonWords(t), null));
    }
    for (JsonNode s : body.path("system")) {
      parts.add(
          s.has("cachePoint")
              ? new Part("", ttl(s.get("cachePoint")))
              : new Part(
                  s.has("text")
                      ? s.get("text").asText()
                      : s.path("guardContent").path("text").path("text").asText(""),
                  null));
    }
    for (JsonNode m : body.path("messages")) {
      for (JsonNode c : m.path("content")) {
        parts.add(
            c.has("cachePoint")
                ? new Part("", ttl(c.get("cachePoint")))
                : new Part(blockText(c), null));
      }
    }
    return parts;
  }

  /**
   * JSON as the model reads it for counting: its text with the punctuation spaced out, so keys and
   * values count as tokens the way a tokenizer would see them (compact JSON would count as one
   * word).
   */
  static String jsonWords(JsonNode json) {
    return Json.string(json).replaceAll("[{}\\[\\]:,\"]+", " ").strip();
  }

  private static String ttl(JsonNode cachePoint) {
    return cachePoint.path("ttl").asText("5m");
  }

  /** What a content block contributes to the prompt text. */
  static String blockText(JsonNode c) {
    if (c.has("text")) {
      return c.get("text").asText();
    }
    if (c.has("toolUse")) {
      return c.get("toolUse").path("name").asText()
          + " "
          + jsonWords(c.get("toolUse").path("input"));
    }
    if (c.has("toolResult")) {
      StringBuilder b = new StringBuilder();
      for (JsonNode r : c.get("toolResult").path("content")) {
        b.append(r.has("json") ? jsonWords(r.get("json")) : r.path("text").asText("")).append('\n');
      }
      return b.toString();
    }
    if (c.has("reasoningContent")) {
      return c.get("reasoningContent").path("reasoningText").path("text").asText("");
    }
    if (c.has("document")) {
      return ConverseDocuments.text(c.get("document"));
    }
    if (c.has("guardContent")) {
      return c.get("guardContent").path("text").path("text").asText("");
    }
    if (c.has("citationsContent")) {
      StringBuilder b = new StringBuilder();
      c.get("citationsContent").path("content").forEach(t -> b.append(t.path("text").asText("")));
      return b.toString();
    }
    return "";
  }

  /** The prompt of a valid request. */
  public static Prompt prompt(JsonNode body, ModelFamily family, String modelId) {
    StringBuilder text = new StringBuilder();
    for (Part p : parts(body)) {
      if (!p.text().isEmpty()) {
        text.append(p.text()).append('\n');
      }
    }
    JsonNode cfg = body.path("inferenceConfig");
    return new Prompt(
        text.toString(),
        Json.integer(cfg, "maxTokens", family.defaultMaxTokens(modelId)),
        Json.strings(cfg, "stopSequences"),
        null);
  }

  /** The cache checkpoints of a request, in prompt order. */
  static List<PromptCache.Checkpoint> checkpoints(JsonNode body) {
    List<PromptCache.Checkpoint> out = new ArrayList<>();
    StringBuilder prefix = new StringBuilder();
    for (Part p : parts(body)) {
      if (!p.text().isEmpty()) {
        prefix.append(p.text()).append('\n');
      }
      if (p.cacheTtl() != null) {
        out.add(
            new PromptCache.Checkpoint(
                prefix.toString(), TextGenerator.countTokens(prefix.toString()), p.cacheTtl()));
      }
    }
    return out;
  }

  /**
   * The token usage of an answer. {@code totalTokens} includes cache reads and writes, which are
   * not part of {@code inputTokens}. SOURCE: a captured Converse usage quoted in a public test
   * (agents/shared/tier2_graph.py tests: 10,108 in + 1,887 out + 49,432 cache read = 61,427 total).
   */
  static ObjectNode usage(int promptTokens, int outputTokens, PromptCache.Usage cache) {
    int input = Math.max(0, promptTokens - cache.read() - cache.write());
    ObjectNode u =
        Json.object()
            .put("inputTokens", input)
            .put("outputTokens", outputTokens)
            .put("totalTokens", input + outputTokens + cache.read() + cache.write());
    if (cache.read() > 0 || cache.write() > 0) {
      u.put("cacheReadInputTokens", cache.read()).put("cacheWriteInputTokens", cache.write());
      if (!cache.writesByTtl().isEmpty()) {
        ArrayNode details = u.putArray("cacheDetails");
        cache
            .writesByTtl()
            .forEach((ttl, n) -> details.addObject().put("ttl", ttl).put("inputTokens", n));
      }
    }
    return u;
  }

  /**
   * Answers a valid request: the guardrail on the input (if configured), the model's turn, the
   * guardrail on the output, and the prompt-cache accounting.
   *
   * <p>An input the guardrail blocks is answered with the blocked message and no model output; an
   * output it blocks is replaced by the blocked message, except on ConverseStream with {@code
   * streamProcessingMode: async}, where the model's text has already streamed and only the stop
   * reason says the guardrail intervened. Both stop with {@code guardrail_intervened}.
   */
  static Rendered answer(
      JsonNode body, ModelFamily family, String modelId, PromptCache cache, boolean streaming) {
    Prompt p = prompt(body, family, modelId);
    JsonNode config = body.get("guardrailConfig");
    ObjectNode trace = null;
    ConverseTurn.Answer turn;
    if (config == null || config.isNull()) {
      turn = ConverseTurn.answer(body, modelId, p);
    } else {
      String id = config.path("guardrailIdentifier").asText();
      ObjectNode guardrail = Json.object();
      Guardrails.Assessment in = Guardrails.assess(Guardrails.inputText(body));
      guardrail.putObject("inputAssessment").set(id, in.json());
      if (in.blocked()) {
        turn = blocked(0);
      } else {
        turn = ConverseTurn.answer(body, modelId, p);
        StringBuilder said = new StringBuilder();
        turn.blocks().forEach(b -> said.append(blockText(b.wire())));
        Guardrails.Assessment out = Guardrails.assess(said.toString());
        guardrail.putObject("outputAssessments").putArray(id).add(out.json());
        if (out.blocked()) {
          guardrail.putArray("modelOutput").add(said.toString());
          boolean async =
              streaming && "async".equals(config.path("streamProcessingMode").asText("sync"));
          turn =
              async
                  ? new ConverseTurn.Answer(
                      turn.blocks(), "guardrail_intervened", turn.outputTokens())
                  : blocked(turn.outputTokens());
        }
      }
      if (Guardrails.traced(config)) {
        trace = Json.object();
        trace.set("guardrail", guardrail);
      }
    }
    PromptCache.Usage cached =
        cache.account(modelId, checkpoints(body), ConverseModels.cacheMinimumTokens(modelId));
    return new Rendered(
        turn,
        usage(p.inputTokens(), turn.outputTokens(), cached),
        trace,
        body.get("serviceTier"),
        body.get("performanceConfig"));
  }

  /**
   * One batch record's outcome: the Converse response body, or why the call would be refused.
   *
   * @param response the response body, or {@code null} when refused
   * @param problem the ValidationException message, or {@code null} when answered
   */
  public record RecordOutcome(ObjectNode response, String problem) {}

  /**
   * Answers one batch record of a {@code Converse} job: the same turn a {@code Converse} call gets,
   * without a prompt cache (batch records are independent calls), or the ValidationException
   * message the call would get.
   */
  public static RecordOutcome batchRecord(JsonNode body, ModelFamily family, String modelId) {
    String problem = validate(body, family, modelId, false);
    if (problem != null) {
      return new RecordOutcome(null, problem);
    }
    PromptCache none = new PromptCache(java.time.Clock.systemUTC());
    return new RecordOutcome(response(answer(body, family, modelId, none, false), 0), null);
  }

  private static ConverseTurn.Answer blocked(int outputTokens) {
    return new ConverseTurn.Answer(
        List.of(ConverseTurn.text(List.of(Guardrails.BLOCKED_MESSAGE.split("(?<= )")))),
        "guardrail_intervened",
        outputTokens);
  }

  /**
   * A whole answer, ready to render.
   *
   * @param turn the model's blocks and stop reason
   * @param usage the usage object
   * @param trace the {@code trace} object, or {@code null}
   * @param serviceTier the echoed {@code serviceTier}, or {@code null}
   * @param performanceConfig the echoed {@code performanceConfig}, or {@code null}
   */
  record Rendered(
      ConverseTurn.Answer turn,
      ObjectNode usage,
      ObjectNode trace,
      JsonNode serviceTier,
      JsonNode performanceConfig) {}

  /** The Converse response body. */
  static ObjectNode response(Rendered a, long latencyMs) {
    ObjectNode r = Json.object();
    ArrayNode content =
        r.putObject("output").putObject("message").put("role", "assistant").putArray("content");
    a.turn().blocks().forEach(b -> content.add(b.wire()));
    r.put("stopReason", a.turn().stopReason());
    r.set("usage", a.usage());
    r.putObject("metrics").put("latencyMs", latencyMs);
    extras(r, a);
    return r;
  }

  private static void extras(ObjectNode r, Rendered a) {
    if (a.trace() != null) {
      r.set("trace", a.trace());
    }
    if (a.performanceConfig() != null) {
      r.set("performanceConfig", a.performanceConfig());
    }
    if (a.serviceTier() != null) {
      r.set("serviceTier", a.serviceTier());
    }
  }

  /** The ConverseStream events as (event type, payload) pairs, in order. */
  static List<Map.Entry<String, ObjectNode>> events(Rendered a, long latencyMs) {
    List<Map.Entry<String, ObjectNode>> out = new ArrayList<>();
    out.add(Map.entry("messageStart", Json.object().put("role", "assistant")));
    List<ConverseTurn.Block> blocks = a.turn().blocks();
    for (int i = 0; i < blocks.size(); i++) {
      ConverseTurn.Block b = blocks.get(i);
      if (b.start() != null) {
        ObjectNode s = Json.object();
        s.set("start", b.start());
        s.put("contentBlockIndex", i);
        out.add(Map.entry("contentBlockStart", s));
      }
      for (ObjectNode delta : b.deltas()) {
        ObjectNode d = Json.object();
        d.set("delta", delta);
        d.put("contentBlockIndex", i);
        out.add(Map.entry("contentBlockDelta", d));
      }
      out.add(Map.entry("contentBlockStop", Json.object().put("contentBlockIndex", i)));
    }
    out.add(Map.entry("messageStop", Json.object().put("stopReason", a.turn().stopReason())));
    ObjectNode meta = Json.object();
    meta.set("usage", a.usage());
    meta.putObject("metrics").put("latencyMs", latencyMs);
    extras(meta, a);
    out.add(Map.entry("metadata", meta));
    return out;
  }
}
