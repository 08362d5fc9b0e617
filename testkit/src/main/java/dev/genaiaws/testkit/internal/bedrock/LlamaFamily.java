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

/** Meta Llama 2 / 3 / 3.x / 4 prompt API. */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class LlamaFamily extends TextFamily {

  @Override
  public String name() {
    return "llama";
  }

  @Override
  public int maxTokensLimit(String modelId) {
    return 2048;
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    return object()
        .required("prompt", string())
        .optional("temperature", number(0, 1.0))
        .optional("top_p", number(0, 1.0))
        .optional("max_gen_len", integer(1, 2048))
        .optional("images", array(string()));
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    return new Prompt(
        body.get("prompt").asText(), Json.integer(body, "max_gen_len", 512), List.of(), null);
  }

  private static String reason(Generation g) {
    return g.finish() == Generation.Finish.LENGTH ? "length" : "stop";
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    return Json.object()
        .put("generation", g.text())
        .put("prompt_token_count", p.inputTokens())
        .put("generation_token_count", g.outputTokens())
        .put("stop_reason", reason(g));
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    List<ObjectNode> out = new ArrayList<>();
    List<String> parts = g.chunks(TOKENS_PER_CHUNK);
    int produced = 0;
    for (int i = 0; i < parts.size(); i++) {
      produced = Math.min(g.outputTokens(), produced + TOKENS_PER_CHUNK);
      ObjectNode c = Json.object().put("generation", parts.get(i));
      if (i == 0) {
        c.put("prompt_token_count", p.inputTokens());
      } else {
        c.putNull("prompt_token_count");
      }
      c.put("generation_token_count", produced);
      if (i == parts.size() - 1) {
        c.put("stop_reason", reason(g));
      } else {
        c.putNull("stop_reason");
      }
      out.add(c);
    }
    return out;
  }
}
