package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * Tools and extended thinking on InvokeModel for Claude (the Anthropic Messages body): the same
 * emulated model as Converse ({@link ConverseTurn}, {@link ConverseRules}), read from and written
 * back to Anthropic's shapes: {@code tools[{name, description, input_schema}]}, {@code tool_choice
 * {type: auto|any|tool, name}}, {@code thinking}, content blocks {@code tool_use{id,name,input}},
 * {@code tool_result{tool_use_id, content, is_error}}, {@code thinking{thinking,signature}}, {@code
 * redacted_thinking{data}}; streamed as {@code input_json_delta}, {@code thinking_delta} and {@code
 * signature_delta} (Anthropic Messages streaming reference). Errors are Anthropic's messages as
 * Bedrock returns them on InvokeModel (without Converse's "The model returned the following errors:
 * ").
 */
final class ClaudeMessagesTools {
  private ClaudeMessagesTools() {}

  /**
   * Whether the body uses tools, thinking or tool/thinking blocks (otherwise the plain text path
   * answers).
   */
  static boolean applies(JsonNode body) {
    if (body.has("tools") || body.has("thinking") || body.has("tool_choice")) {
      return true;
    }
    for (JsonNode m : body.path("messages")) {
      for (JsonNode b : m.path("content")) {
        String t = b.path("type").asText();
        if (t.equals("tool_use")
            || t.equals("tool_result")
            || t.equals("thinking")
            || t.equals("redacted_thinking")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Anthropic's checks, through the Converse rules on the translated request. */
  static String validate(JsonNode body, String modelId) {
    JsonNode converse = toConverse(body);
    boolean toolBlocks = false;
    for (JsonNode m : converse.path("messages")) {
      for (JsonNode b : m.path("content")) {
        toolBlocks |= b.has("toolUse") || b.has("toolResult");
      }
    }
    if (toolBlocks && !body.has("tools")) {
      return "Requests which include `tool_use` or `tool_result` blocks must define tools.";
    }
    String problem = ConverseRules.tools(converse, modelId, false);
    if (problem == null) {
      problem = ConverseRules.toolPairs(converse.path("messages"));
    }
    if (problem == null) {
      problem = ConverseRules.reasoning(converse, modelId);
    }
    if (problem != null && problem.startsWith(ConverseRules.MODEL_ERRORS)) {
      problem = problem.substring(ConverseRules.MODEL_ERRORS.length());
    }
    return problem;
  }

  /** The Anthropic body as a Converse request (what the emulated model reads). */
  static ObjectNode toConverse(JsonNode body) {
    ObjectNode c = Json.object();
    ArrayNode system = c.putArray("system");
    JsonNode sys = body.get("system");
    if (sys != null && sys.isTextual()) {
      system.addObject().put("text", sys.asText());
    } else if (sys != null) {
      sys.forEach(b -> system.addObject().put("text", b.path("text").asText("")));
    }
    ArrayNode messages = c.putArray("messages");
    for (JsonNode m : body.path("messages")) {
      ObjectNode out = messages.addObject().put("role", m.path("role").asText());
      ArrayNode content = out.putArray("content");
      JsonNode in = m.get("content");
      if (in != null && in.isTextual()) {
        content.addObject().put("text", in.asText());
        continue;
      }
      for (JsonNode b : in == null ? Json.array() : in) {
        content.add(block(b));
      }
    }
    if (body.has("tools")) {
      ObjectNode config = c.putObject("toolConfig");
      ArrayNode tools = config.putArray("tools");
      body.get("tools")
          .forEach(
              t -> {
                ObjectNode spec =
                    tools
                        .addObject()
                        .putObject("toolSpec")
                        .put("name", t.path("name").asText())
                        .put("description", t.path("description").asText(""));
                spec.putObject("inputSchema").set("json", t.path("input_schema").deepCopy());
              });
      JsonNode choice = body.path("tool_choice");
      switch (choice.path("type").asText("auto")) {
        case "any" -> config.putObject("toolChoice").putObject("any");
        case "tool" ->
            config
                .putObject("toolChoice")
                .putObject("tool")
                .put("name", choice.path("name").asText());
        default -> config.putObject("toolChoice").putObject("auto");
      }
    }
    if (body.has("thinking")) {
      c.putObject("additionalModelRequestFields").set("thinking", body.get("thinking").deepCopy());
    }
    c.putObject("inferenceConfig").put("maxTokens", body.path("max_tokens").asInt(1));
    return c;
  }

  private static JsonNode block(JsonNode b) {
    ObjectNode out = Json.object();
    switch (b.path("type").asText()) {
      case "tool_use" ->
          out.putObject("toolUse")
              .put("toolUseId", b.path("id").asText())
              .put("name", b.path("name").asText())
              .set("input", b.path("input").deepCopy());
      case "tool_result" -> {
        ObjectNode r =
            out.putObject("toolResult")
                .put("toolUseId", b.path("tool_use_id").asText())
                .put("status", b.path("is_error").asBoolean(false) ? "error" : "success");
        ArrayNode content = r.putArray("content");
        JsonNode in = b.get("content");
        if (in != null && in.isTextual()) {
          content.addObject().put("text", in.asText());
        } else if (in != null) {
          in.forEach(x -> content.addObject().put("text", x.path("text").asText("")));
        }
      }
      case "thinking" -> {
        ObjectNode t =
            out.putObject("reasoningContent")
                .putObject("reasoningText")
                .put("text", b.path("thinking").asText(""));
        if (b.hasNonNull("signature")) {
          t.put("signature", b.get("signature").asText());
        }
      }
      case "redacted_thinking" ->
          out.putObject("reasoningContent").put("redactedContent", b.path("data").asText(""));
      default -> out.put("text", b.path("text").asText(" "));
    }
    return out;
  }

  /**
   * The answer in Anthropic's shape.
   *
   * @param content the response {@code content} blocks
   * @param streamBlocks per block: its {@code content_block_start.content_block} and its deltas
   * @param stopReason Anthropic's stop reason
   * @param outputTokens output tokens
   */
  record Answer(
      ArrayNode content,
      List<List<ObjectNode>> streamBlocks,
      String stopReason,
      int outputTokens) {}

  static Answer answer(JsonNode body, String modelId, Prompt prompt) {
    JsonNode converse = toConverse(body);
    ConverseTurn.Answer turn = ConverseTurn.answer(converse, modelId, prompt);
    ArrayNode content = Json.array();
    List<List<ObjectNode>> stream = new ArrayList<>();
    for (ConverseTurn.Block b : turn.blocks()) {
      JsonNode w = b.wire();
      List<ObjectNode> events = new ArrayList<>();
      if (w.has("toolUse")) {
        String id =
            "toolu_bdrk_01"
                + w.get("toolUse").path("toolUseId").asText().substring("tooluse_".length());
        content
            .addObject()
            .put("type", "tool_use")
            .put("id", id)
            .put("name", w.get("toolUse").path("name").asText())
            .set("input", w.get("toolUse").path("input").deepCopy());
        ObjectNode start =
            Json.object()
                .put("type", "tool_use")
                .put("id", id)
                .put("name", w.get("toolUse").path("name").asText());
        start.putObject("input");
        events.add(start);
        b.deltas()
            .forEach(
                d ->
                    events.add(
                        Json.object()
                            .put("type", "input_json_delta")
                            .put("partial_json", d.path("toolUse").path("input").asText())));
      } else if (w.has("reasoningContent") && w.get("reasoningContent").has("redactedContent")) {
        String data = w.get("reasoningContent").path("redactedContent").asText();
        content.addObject().put("type", "redacted_thinking").put("data", data);
        events.add(Json.object().put("type", "redacted_thinking").put("data", data));
      } else if (w.has("reasoningContent")) {
        JsonNode t = w.get("reasoningContent").path("reasoningText");
        content
            .addObject()
            .put("type", "thinking")
            .put("thinking", t.path("text").asText())
            .put("signature", t.path("signature").asText());
        events.add(Json.object().put("type", "thinking").put("thinking", ""));
        for (ObjectNode d : b.deltas()) {
          JsonNode r = d.path("reasoningContent");
          events.add(
              r.has("signature")
                  ? Json.object()
                      .put("type", "signature_delta")
                      .put("signature", r.get("signature").asText())
                  : Json.object()
                      .put("type", "thinking_delta")
                      .put("thinking", r.path("text").asText()));
        }
      } else {
        content.addObject().put("type", "text").put("text", w.path("text").asText());
        events.add(Json.object().put("type", "text").put("text", ""));
        b.deltas()
            .forEach(
                d ->
                    events.add(
                        Json.object()
                            .put("type", "text_delta")
                            .put("text", d.path("text").asText())));
      }
      stream.add(events);
    }
    return new Answer(content, stream, turn.stopReason(), turn.outputTokens());
  }

  /** Input tokens as Converse counts them (tools included). */
  static int inputTokens(JsonNode body, Prompt prompt) {
    StringBuilder tools = new StringBuilder();
    body.path("tools").forEach(t -> tools.append(ConverseApi.jsonWords(t)).append('\n'));
    return TextGenerator.countTokens(tools + prompt.text());
  }
}
