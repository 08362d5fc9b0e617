package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.any;
import static dev.genaiaws.testkit.internal.Schema.anyObject;
import static dev.genaiaws.testkit.internal.Schema.anyOf;
import static dev.genaiaws.testkit.internal.Schema.array;
import static dev.genaiaws.testkit.internal.Schema.enumOf;
import static dev.genaiaws.testkit.internal.Schema.integer;
import static dev.genaiaws.testkit.internal.Schema.number;
import static dev.genaiaws.testkit.internal.Schema.object;
import static dev.genaiaws.testkit.internal.Schema.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Generation;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Schema;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/** Anthropic Claude Messages API ({@code anthropic_version: bedrock-2023-05-31}). */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class ClaudeMessagesFamily extends TextFamily {

  @Override
  public String name() {
    return "claude-messages";
  }

  @Override
  public int maxTokensLimit(String modelId) {
    if (modelId.contains("claude-3-5")
        || modelId.contains("claude-3-7")
        || modelId.contains("-4")) {
      return modelId.contains("claude-3-5") ? 8192 : 64_000;
    }
    return 4096;
  }

  @Override
  public int defaultMaxTokens(String modelId) {
    return 4096;
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    Schema block =
        object()
            .required(
                "type",
                enumOf(
                    "text",
                    "image",
                    "document",
                    "tool_use",
                    "tool_result",
                    "thinking",
                    "redacted_thinking"))
            .allowOthers();
    return object()
        .required("anthropic_version", enumOf("bedrock-2023-05-31"))
        .required("max_tokens", integer(1, maxTokensLimit(modelId)))
        .required(
            "messages",
            array(
                object()
                    .required("role", enumOf("user", "assistant"))
                    .required("content", anyOf(string(), array(block)))))
        .optional("system", anyOf(string(), array(block)))
        .optional("temperature", number(0, 1.0))
        .optional("top_p", number(0, 1.0))
        .optional("top_k", integer(0, 500))
        .optional("stop_sequences", array(string()).maxItems(8191))
        .optional("tools", array(anyObject()))
        .optional("tool_choice", anyObject())
        .optional("anthropic_beta", array(string()))
        .optional("metadata", any())
        .optional("thinking", anyObject());
  }

  @Override
  protected String rules(JsonNode body, String modelId, boolean streaming) {
    String roles = ConversationRules.claudeRoles(body.get("messages"));
    if (roles == null && ClaudeMessagesTools.applies(body)) {
      return ClaudeMessagesTools.validate(body, modelId);
    }
    return roles;
  }

  @Override
  public Invocation invoke(JsonNode body, String modelId) {
    if (!ClaudeMessagesTools.applies(body)) {
      return super.invoke(body, modelId);
    }
    Prompt p = prompt(body, modelId);
    ClaudeMessagesTools.Answer a = ClaudeMessagesTools.answer(body, modelId, p);
    int input = ClaudeMessagesTools.inputTokens(body, p);
    ObjectNode r =
        Json.object()
            .put("id", messageId(p))
            .put("type", "message")
            .put("role", "assistant")
            .put("model", modelName(modelId));
    r.set("content", a.content());
    r.put("stop_reason", a.stopReason());
    r.putNull("stop_sequence");
    r.putObject("usage").put("input_tokens", input).put("output_tokens", a.outputTokens());
    return new Invocation(r, input, a.outputTokens());
  }

  @Override
  public Streamed stream(JsonNode body, String modelId) {
    if (!ClaudeMessagesTools.applies(body)) {
      return super.stream(body, modelId);
    }
    Prompt p = prompt(body, modelId);
    ClaudeMessagesTools.Answer a = ClaudeMessagesTools.answer(body, modelId, p);
    int input = ClaudeMessagesTools.inputTokens(body, p);
    List<ObjectNode> out = new ArrayList<>();
    ObjectNode start = Json.object().put("type", "message_start");
    ObjectNode message =
        start
            .putObject("message")
            .put("id", messageId(p))
            .put("type", "message")
            .put("role", "assistant")
            .put("model", modelName(modelId));
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.putObject("usage").put("input_tokens", input).put("output_tokens", 1);
    out.add(start);
    for (int i = 0; i < a.streamBlocks().size(); i++) {
      List<ObjectNode> events = a.streamBlocks().get(i);
      ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", i);
      blockStart.set("content_block", events.get(0));
      out.add(blockStart);
      for (ObjectNode delta : events.subList(1, events.size())) {
        ObjectNode d = Json.object().put("type", "content_block_delta").put("index", i);
        d.set("delta", delta);
        out.add(d);
      }
      out.add(Json.object().put("type", "content_block_stop").put("index", i));
    }
    ObjectNode md = Json.object().put("type", "message_delta");
    md.putObject("delta").put("stop_reason", a.stopReason()).putNull("stop_sequence");
    md.putObject("usage").put("output_tokens", a.outputTokens());
    out.add(md);
    out.add(Json.object().put("type", "message_stop"));
    return new Streamed(out, input, a.outputTokens());
  }

  static String contentText(JsonNode content) {
    if (content == null) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder sb = new StringBuilder();
    content.forEach(b -> sb.append(b.path("text").asText("")).append('\n'));
    return sb.toString();
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    StringBuilder text = new StringBuilder(contentText(body.get("system"))).append('\n');
    body.get("messages").forEach(m -> text.append(contentText(m.get("content"))).append('\n'));
    return new Prompt(
        text.toString(),
        body.get("max_tokens").asInt(),
        Json.strings(body, "stop_sequences"),
        null);
  }

  private static String reason(Generation g) {
    return switch (g.finish()) {
      case NATURAL -> "end_turn";
      case LENGTH -> "max_tokens";
      case STOP_SEQUENCE -> "stop_sequence";
    };
  }

  private static String modelName(String modelId) {
    String m =
        modelId.startsWith("anthropic.") ? modelId.substring("anthropic.".length()) : modelId;
    int v = m.lastIndexOf("-v");
    return v > 0 ? m.substring(0, v) : m;
  }

  private static String messageId(Prompt p) {
    return "msg_bdrk_01" + HexFormat.of().toHexDigits(TextGenerator.seedOf(p.text(), p.seed()));
  }

  private ObjectNode message(Generation g, Prompt p, String modelId, boolean streamStart) {
    ObjectNode r =
        Json.object()
            .put("id", messageId(p))
            .put("type", "message")
            .put("role", "assistant")
            .put("model", modelName(modelId));
    if (streamStart) {
      r.putArray("content");
      r.putNull("stop_reason");
      r.putNull("stop_sequence");
      r.putObject("usage").put("input_tokens", p.inputTokens()).put("output_tokens", 1);
    } else {
      r.putArray("content").addObject().put("type", "text").put("text", g.text());
      r.put("stop_reason", reason(g));
      r.put("stop_sequence", g.stopSequence());
      r.putObject("usage")
          .put("input_tokens", p.inputTokens())
          .put("output_tokens", g.outputTokens());
    }
    return r;
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    return message(g, p, modelId, false);
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    List<ObjectNode> out = new ArrayList<>();
    ObjectNode start = Json.object().put("type", "message_start");
    start.set("message", message(g, p, modelId, true));
    out.add(start);
    ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    out.add(blockStart);
    for (String part : g.chunks(TOKENS_PER_CHUNK)) {
      ObjectNode d = Json.object().put("type", "content_block_delta").put("index", 0);
      d.putObject("delta").put("type", "text_delta").put("text", part);
      out.add(d);
    }
    out.add(Json.object().put("type", "content_block_stop").put("index", 0));
    ObjectNode md = Json.object().put("type", "message_delta");
    md.putObject("delta").put("stop_reason", reason(g)).put("stop_sequence", g.stopSequence());
    md.putObject("usage").put("output_tokens", g.outputTokens());
    out.add(md);
    out.add(Json.object().put("type", "message_stop"));
    return out;
  }
}
