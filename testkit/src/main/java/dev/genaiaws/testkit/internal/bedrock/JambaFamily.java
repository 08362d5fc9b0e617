package dev.genaiaws.testkit.internal.bedrock;

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
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/** AI21 Jamba (Instruct, 1.5 Mini/Large): OpenAI-like chat. */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class JambaFamily extends TextFamily {

  @Override
  public String name() {
    return "ai21-jamba";
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    return object()
        .required(
            "messages",
            array(
                    object()
                        .required("role", enumOf("system", "user", "assistant"))
                        .required("content", string()))
                .minItems(1))
        .optional("max_tokens", integer(0, 4096))
        .optional("temperature", number(0, 2.0))
        .optional("top_p", number(0.01, 1.0))
        .optional("stop", array(string()))
        .optional("n", integer(1, 16))
        .optional("frequency_penalty", number(null, null))
        .optional("presence_penalty", number(null, null));
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    StringBuilder text = new StringBuilder();
    body.get("messages").forEach(m -> text.append(m.path("content").asText()).append('\n'));
    return new Prompt(
        text.toString(), Json.integer(body, "max_tokens", 4096), Json.strings(body, "stop"), null);
  }

  private static String reason(Generation g) {
    return g.finish() == Generation.Finish.LENGTH ? "length" : "stop";
  }

  private static String id(Prompt p) {
    return "chatcmpl-" + Long.toHexString(TextGenerator.seedOf(p.text(), null));
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    ObjectNode r = Json.object().put("id", id(p));
    ObjectNode c = r.putArray("choices").addObject().put("index", 0);
    c.putObject("message").put("role", "assistant").put("content", g.text());
    c.put("finish_reason", reason(g));
    r.putObject("usage")
        .put("prompt_tokens", p.inputTokens())
        .put("completion_tokens", g.outputTokens())
        .put("total_tokens", p.inputTokens() + g.outputTokens());
    return r;
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    List<ObjectNode> out = new ArrayList<>();
    List<String> parts = g.chunks(TOKENS_PER_CHUNK);
    for (int i = 0; i < parts.size(); i++) {
      ObjectNode r = Json.object().put("id", id(p));
      ObjectNode c = r.putArray("choices").addObject().put("index", 0);
      c.putObject("delta").put("content", parts.get(i));
      if (i == parts.size() - 1) {
        c.put("finish_reason", reason(g));
        r.putObject("usage")
            .put("prompt_tokens", p.inputTokens())
            .put("completion_tokens", g.outputTokens())
            .put("total_tokens", p.inputTokens() + g.outputTokens());
      } else {
        c.putNull("finish_reason");
      }
      out.add(r);
    }
    return out;
  }
}
