package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Generation;
import dev.genaiaws.testkit.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Converse / ConverseStream API: one message shape for every text model, validated with the
 * service's "1 validation error detected" wording, answered with the same deterministic text as
 * the model's own API.
 */
public final class ConverseApi {
  private static final List<String> BLOCK_TYPES = List.of("text", "image", "document", "video",
      "toolUse", "toolResult", "guardContent", "cachePoint", "reasoningContent", "citationsContent");

  private ConverseApi() {}

  /**
   * The parsed request.
   *
   * @param prompt the prompt for generation
   * @param inputTokens input token count
   */
  public record Request(Prompt prompt, int inputTokens) {}

  /** Validates; returns {@code null} if fine, else the ValidationException message. */
  public static String validate(JsonNode body, ModelFamily family, String modelId) {
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
      constraint.add("Value at 'inferenceConfig.stopSequences' failed to satisfy constraint: Member "
          + "must have length less than or equal to 2500");
    }
    if (!constraint.isEmpty()) {
      return constraint.size() + " validation error" + (constraint.size() > 1 ? "s" : "")
          + " detected: " + String.join("; ", constraint);
    }
    JsonNode messages = body.path("messages");
    for (JsonNode m : messages) {
      String role = m.path("role").asText();
      if (!role.equals("user") && !role.equals("assistant")) {
        return "1 validation error detected: Value '" + role + "' at 'messages.member.role' failed to "
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
      return "The maximum tokens you requested exceeds the model limit of " + limit
          + ". Try again with a maximum tokens value that is lower than " + limit + ".";
    }
    return null;
  }

  private static void range(List<String> out, JsonNode cfg, String field, String path, Number min, Number max) {
    JsonNode v = cfg.get(field);
    if (v == null) {
      return;
    }
    if (!v.isNumber()) {
      out.add("Value '" + v.asText() + "' at '" + path + "' failed to satisfy constraint: Member must be a number");
    } else if (v.asDouble() < min.doubleValue()) {
      out.add("Value '" + v + "' at '" + path + "' failed to satisfy constraint: Member must have value "
          + "greater than or equal to " + min);
    } else if (max != null && v.asDouble() > max.doubleValue()) {
      out.add("Value '" + v + "' at '" + path + "' failed to satisfy constraint: Member must have value "
          + "less than or equal to " + max);
    }
  }

  /** The prompt of a valid request. */
  public static Prompt prompt(JsonNode body, ModelFamily family, String modelId) {
    StringBuilder text = new StringBuilder();
    body.path("system").forEach(s -> text.append(s.path("text").asText("")).append('\n'));
    body.path("messages").forEach(m -> m.path("content").forEach(
        c -> text.append(c.path("text").asText("")).append('\n')));
    JsonNode cfg = body.path("inferenceConfig");
    return new Prompt(text.toString(), Json.integer(cfg, "maxTokens", family.defaultMaxTokens(modelId)),
        Json.strings(cfg, "stopSequences"), null);
  }

  static String stopReason(Generation g) {
    return NovaFamily.reason(g);
  }

  /** The Converse response body. */
  public static ObjectNode response(Generation g, Prompt p, long latencyMs) {
    ObjectNode r = Json.object();
    r.putObject("output").putObject("message").put("role", "assistant")
        .putArray("content").addObject().put("text", g.text());
    r.put("stopReason", stopReason(g));
    r.set("usage", usage(p, g));
    r.putObject("metrics").put("latencyMs", latencyMs);
    return r;
  }

  private static ObjectNode usage(Prompt p, Generation g) {
    return Json.object().put("inputTokens", p.inputTokens()).put("outputTokens", g.outputTokens())
        .put("totalTokens", p.inputTokens() + g.outputTokens());
  }

  /** The ConverseStream events as (event type, payload) pairs, in order. */
  public static List<Map.Entry<String, ObjectNode>> events(Generation g, Prompt p, long latencyMs) {
    List<Map.Entry<String, ObjectNode>> out = new ArrayList<>();
    out.add(Map.entry("messageStart", Json.object().put("role", "assistant")));
    for (String part : g.chunks(3)) {
      ObjectNode d = Json.object();
      d.putObject("delta").put("text", part);
      d.put("contentBlockIndex", 0);
      out.add(Map.entry("contentBlockDelta", d));
    }
    out.add(Map.entry("contentBlockStop", Json.object().put("contentBlockIndex", 0)));
    out.add(Map.entry("messageStop", Json.object().put("stopReason", stopReason(g))));
    ObjectNode meta = Json.object();
    meta.set("usage", usage(p, g));
    meta.putObject("metrics").put("latencyMs", latencyMs);
    out.add(Map.entry("metadata", meta));
    return out;
  }
}
