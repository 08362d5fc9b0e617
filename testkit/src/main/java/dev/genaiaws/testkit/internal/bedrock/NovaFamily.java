package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.any;
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
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/** Amazon Nova text models (messages-v1 schema). */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class NovaFamily extends TextFamily {

  @Override
  public String name() {
    return "nova";
  }

  @Override
  public int maxTokensLimit(String modelId) {
    return 10_000;
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    Schema block =
        object()
            .optional("text", string())
            .optional("image", any())
            .optional("video", any())
            .optional("document", any())
            .optional("toolUse", any())
            .optional("toolResult", any())
            .optional("cachePoint", any())
            .optional("reasoningContent", any());
    return object()
        .optional("schemaVersion", enumOf("messages-v1"))
        .optional("system", array(object().required("text", string()).allowOthers()))
        .required(
            "messages",
            array(
                    object()
                        .required("role", enumOf("user", "assistant"))
                        .required("content", array(block).minItems(1)))
                .minItems(1))
        .optional(
            "inferenceConfig",
            object()
                .optional("max_new_tokens", integer(1, maxTokensLimit(modelId)))
                .optional("maxTokens", integer(1, maxTokensLimit(modelId)))
                .optional("temperature", number(0.00001, 1.0))
                .optional("topP", number(0, 1.0))
                .optional("topK", integer(0, 128))
                .optional("stopSequences", array(string()).maxItems(4)))
        .optional("toolConfig", any());
  }

  @Override
  protected String rules(JsonNode body, String modelId, boolean streaming) {
    return ConversationRules.converseRoles(body.get("messages"));
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    StringBuilder text = new StringBuilder();
    body.path("system").forEach(s -> text.append(s.path("text").asText()).append('\n'));
    body.path("messages")
        .forEach(
            m ->
                m.path("content")
                    .forEach(c -> text.append(c.path("text").asText("")).append('\n')));
    JsonNode cfg = body.path("inferenceConfig");
    int max = Json.integer(cfg, "max_new_tokens", Json.integer(cfg, "maxTokens", 5000));
    return new Prompt(text.toString(), max, Json.strings(cfg, "stopSequences"), null);
  }

  static String reason(Generation g) {
    return switch (g.finish()) {
      case NATURAL -> "end_turn";
      case LENGTH -> "max_tokens";
      case STOP_SEQUENCE -> "stop_sequence";
    };
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    ObjectNode r = Json.object();
    ObjectNode msg = r.putObject("output").putObject("message").put("role", "assistant");
    msg.putArray("content").addObject().put("text", g.text());
    r.put("stopReason", reason(g));
    r.putObject("usage")
        .put("inputTokens", p.inputTokens())
        .put("outputTokens", g.outputTokens())
        .put("totalTokens", p.inputTokens() + g.outputTokens())
        .put("cacheReadInputTokenCount", 0)
        .put("cacheWriteInputTokenCount", 0);
    return r;
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    List<ObjectNode> out = new ArrayList<>();
    ObjectNode start = Json.object();
    start.putObject("messageStart").put("role", "assistant");
    out.add(start);
    List<String> parts = g.chunks(TOKENS_PER_CHUNK);
    for (int i = 0; i < parts.size(); i++) {
      ObjectNode d = Json.object();
      ObjectNode delta = d.putObject("contentBlockDelta");
      delta.putObject("delta").put("text", parts.get(i));
      delta.put("contentBlockIndex", i);
      out.add(d);
      ObjectNode stop = Json.object();
      stop.putObject("contentBlockStop").put("contentBlockIndex", i);
      out.add(stop);
    }
    ObjectNode ms = Json.object();
    ms.putObject("messageStop").put("stopReason", reason(g));
    out.add(ms);
    ObjectNode meta = Json.object();
    ObjectNode m = meta.putObject("metadata");
    m.putObject("usage").put("inputTokens", p.inputTokens()).put("outputTokens", g.outputTokens());
    m.putObject("metrics");
    m.putObject("trace");
    out.add(meta);
    return out;
  }
}
