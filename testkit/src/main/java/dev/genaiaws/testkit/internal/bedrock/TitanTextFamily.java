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

/** Amazon Titan Text (Lite, Express, Premier): {@code inputText} + {@code textGenerationConfig}. */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class TitanTextFamily extends TextFamily {

  @Override
  public String name() {
    return "titan-text";
  }

  @Override
  public int maxTokensLimit(String modelId) {
    if (modelId.contains("lite")) {
      return 4096;
    }
    return modelId.contains("premier") ? 3072 : 8192;
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    return object()
        .required("inputText", string())
        .optional(
            "textGenerationConfig",
            object()
                .optional("temperature", number(0, 1.0))
                .optional("topP", number(0, 1.0))
                .optional("maxTokenCount", integer(0, maxTokensLimit(modelId)))
                .optional("stopSequences", array(string().pattern("^(\\|+|User:)$")).maxItems(1)));
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    JsonNode cfg = body.path("textGenerationConfig");
    return new Prompt(
        body.get("inputText").asText(),
        Json.integer(cfg, "maxTokenCount", 512),
        Json.strings(cfg, "stopSequences"),
        null);
  }

  private static String reason(Generation g) {
    return switch (g.finish()) {
      case NATURAL -> "FINISH";
      case LENGTH -> "LENGTH";
      case STOP_SEQUENCE -> "STOP_CRITERIA_MET";
    };
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    ObjectNode r = Json.object().put("inputTextTokenCount", p.inputTokens());
    r.putArray("results")
        .addObject()
        .put("tokenCount", g.outputTokens())
        .put("outputText", g.text())
        .put("completionReason", reason(g));
    return r;
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    List<String> parts = g.chunks(TOKENS_PER_CHUNK);
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      ObjectNode c = Json.object().put("outputText", parts.get(i)).put("index", 0);
      if (i == 0) {
        c.put("inputTextTokenCount", p.inputTokens());
      }
      if (i == parts.size() - 1) {
        c.put("totalOutputTextTokenCount", g.outputTokens())
            .put("completionReason", reason(g))
            .put("inputTextTokenCount", p.inputTokens());
      }
      out.add(c);
    }
    return out;
  }
}
