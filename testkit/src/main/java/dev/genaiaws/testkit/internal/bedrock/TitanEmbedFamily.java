package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.array;
import static dev.genaiaws.testkit.internal.Schema.bool;
import static dev.genaiaws.testkit.internal.Schema.enumOf;
import static dev.genaiaws.testkit.internal.Schema.intEnumOf;
import static dev.genaiaws.testkit.internal.Schema.object;
import static dev.genaiaws.testkit.internal.Schema.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Schema;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/** Amazon Titan Text Embeddings: v1 (1536 dims, {@code inputText} only) and v2 (1024/512/256). */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class TitanEmbedFamily implements ModelFamily {
  private final boolean v2;

  TitanEmbedFamily(boolean v2) {
    this.v2 = v2;
  }

  @Override
  public String name() {
    return v2 ? "titan-embed-v2" : "titan-embed-v1";
  }

  @Override
  public boolean streams() {
    return false;
  }

  private Schema schema() {
    Schema.ObjectSchema s = object().required("inputText", string().maxLength(50_000));
    if (v2) {
      s.optional("dimensions", intEnumOf(1024, 512, 256))
          .optional("normalize", bool())
          .optional("embeddingTypes", array(enumOf("float", "binary")).minItems(1).maxItems(2));
    }
    return s;
  }

  @Override
  public @Nullable String validate(JsonNode body, String modelId, boolean streaming) {
    List<String> v = schema().validate(body);
    return v.isEmpty() ? null : TextFamily.malformed(v);
  }

  @Override
  public Invocation invoke(JsonNode body, String modelId) {
    String text = body.get("inputText").asText();
    int dims = v2 ? Json.integer(body, "dimensions", 1024) : 1536;
    boolean normalize = v2 && body.path("normalize").asBoolean(true);
    float[] vector = TextGenerator.embedding(text, dims, normalize);
    int tokens = TextGenerator.countTokens(text);
    ObjectNode r = Json.object();
    r.set("embedding", floats(vector));
    r.put("inputTextTokenCount", tokens);
    if (v2) {
      List<String> types = Json.strings(body, "embeddingTypes");
      ObjectNode byType = r.putObject("embeddingsByType");
      if (types.isEmpty() || types.contains("float")) {
        byType.set("float", floats(vector));
      }
      if (types.contains("binary")) {
        ArrayNode bin = byType.putArray("binary");
        for (float f : vector) {
          bin.add(f > 0 ? 1 : 0);
        }
      }
    }
    return new Invocation(r, tokens, null);
  }

  static ArrayNode floats(float[] vector) {
    ArrayNode a = Json.array();
    for (float f : vector) {
      a.add(f);
    }
    return a;
  }
}
