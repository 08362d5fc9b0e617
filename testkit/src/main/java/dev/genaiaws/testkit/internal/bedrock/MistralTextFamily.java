package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.array;
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

/** Mistral / Mixtral text completion ({@code <s>[INST] ... [/INST]} prompt). */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class MistralTextFamily extends TextFamily {

  @Override
  public String name() {
    return "mistral-text";
  }

  @Override
  public int maxTokensLimit(String modelId) {
    return 8192;
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    return object()
        .required("prompt", string())
        .optional("max_tokens", integer(1, 8192))
        .optional("stop", array(string()).maxItems(10))
        .optional("temperature", number(0, 1.0))
        .optional("top_p", number(0, 1.0))
        .optional("top_k", integer(0, 200));
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    return new Prompt(
        body.get("prompt").asText(),
        Json.integer(body, "max_tokens", 512),
        Json.strings(body, "stop"),
        null);
  }

  static String reason(Generation g) {
    return g.finish() == Generation.Finish.LENGTH ? "length" : "stop";
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    ObjectNode r = Json.object();
    r.putArray("outputs").addObject().put("text", g.text()).put("stop_reason", reason(g));
    return r;
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    List<ObjectNode> out = new ArrayList<>();
    List<String> parts = g.chunks(TOKENS_PER_CHUNK);
    for (int i = 0; i < parts.size(); i++) {
      ObjectNode c = Json.object();
      ObjectNode o = c.putArray("outputs").addObject().put("text", parts.get(i));
      if (i == parts.size() - 1) {
        o.put("stop_reason", reason(g));
      } else {
        o.putNull("stop_reason");
      }
      out.add(c);
    }
    return out;
  }
}
