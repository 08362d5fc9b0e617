package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.anyObject;
import static dev.genaiaws.testkit.internal.Schema.array;
import static dev.genaiaws.testkit.internal.Schema.bool;
import static dev.genaiaws.testkit.internal.Schema.enumOf;
import static dev.genaiaws.testkit.internal.Schema.integer;
import static dev.genaiaws.testkit.internal.Schema.number;
import static dev.genaiaws.testkit.internal.Schema.object;
import static dev.genaiaws.testkit.internal.Schema.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Generation;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Schema;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.NullUnmarked;

/** Cohere Command R / R+ chat ({@code message} + {@code chat_history}). */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class CohereCommandRFamily extends TextFamily {

  @Override
  public String name() {
    return "cohere-command-r";
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    return object()
        .required("message", string())
        .optional(
            "chat_history",
            array(
                object()
                    .required("role", enumOf("USER", "CHATBOT", "SYSTEM", "TOOL"))
                    .optional("message", string())
                    .optional("tool_calls", array(anyObject()))
                    .optional("tool_results", array(anyObject()))))
        .optional("preamble", string())
        .optional("documents", array(anyObject()))
        .optional("search_queries_only", bool())
        .optional("max_tokens", integer(1, 4000))
        .optional("temperature", number(0, 1.0))
        .optional("p", number(0.01, 0.99))
        .optional("k", integer(0, 500))
        .optional("prompt_truncation", enumOf("OFF", "AUTO_PRESERVE_ORDER"))
        .optional("frequency_penalty", number(0, 1.0))
        .optional("presence_penalty", number(0, 1.0))
        .optional("seed", integer(null, null))
        .optional("return_prompt", bool())
        .optional("tools", array(anyObject()))
        .optional("tool_results", array(anyObject()))
        .optional("stop_sequences", array(string()).maxItems(4))
        .optional("raw_prompting", bool());
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    StringBuilder text = new StringBuilder(Json.text(body, "preamble", "")).append('\n');
    body.path("chat_history").forEach(m -> text.append(m.path("message").asText("")).append('\n'));
    text.append(body.get("message").asText());
    return new Prompt(
        text.toString(),
        Json.integer(body, "max_tokens", 512),
        Json.strings(body, "stop_sequences"),
        Json.longOrNull(body, "seed"));
  }

  private static String reason(Generation g) {
    return g.finish() == Generation.Finish.LENGTH ? "MAX_TOKENS" : "COMPLETE";
  }

  private static String id(Prompt p, String salt) {
    return UUID.nameUUIDFromBytes(
            (salt + TextGenerator.seedOf(p.text(), p.seed()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    ObjectNode r =
        Json.object()
            .put("response_id", id(p, "r"))
            .put("text", g.text())
            .put("generation_id", id(p, "g"));
    ArrayNode history = r.putArray("chat_history");
    body.path("chat_history").forEach(history::add);
    history.addObject().put("role", "USER").put("message", body.get("message").asText());
    history.addObject().put("role", "CHATBOT").put("message", g.text());
    r.put("finish_reason", reason(g));
    return r;
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    List<ObjectNode> out = new ArrayList<>();
    out.add(
        Json.object()
            .put("is_finished", false)
            .put("event_type", "stream-start")
            .put("generation_id", id(p, "g")));
    for (String part : g.chunks(TOKENS_PER_CHUNK)) {
      out.add(
          Json.object()
              .put("is_finished", false)
              .put("event_type", "text-generation")
              .put("text", part));
    }
    ObjectNode end = Json.object().put("is_finished", true).put("event_type", "stream-end");
    end.set("response", response(g, p, body, modelId));
    end.put("finish_reason", reason(g));
    out.add(end);
    return out;
  }
}
