package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.anyObject;
import static dev.genaiaws.testkit.internal.Schema.array;
import static dev.genaiaws.testkit.internal.Schema.enumOf;
import static dev.genaiaws.testkit.internal.Schema.intEnumOf;
import static dev.genaiaws.testkit.internal.Schema.integer;
import static dev.genaiaws.testkit.internal.Schema.object;
import static dev.genaiaws.testkit.internal.Schema.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Schema;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/** Cohere Embed v3 (English / Multilingual, 1024 dimensions) and v4 (256 to 1536), normalised. */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class CohereEmbedFamily implements ModelFamily {
  private static final int DIMENSIONS = 1024;

  /**
   * Embed v3 answers 1024 numbers; v4 answers {@code output_dimension} of them, 1536 by default.
   */
  private static int dimensions(JsonNode body, String modelId) {
    if (!modelId.startsWith("cohere.embed-v4")) {
      return DIMENSIONS;
    }
    return body.path("output_dimension").asInt(1536);
  }

  @Override
  public String name() {
    return "cohere-embed";
  }

  @Override
  public boolean streams() {
    return false;
  }

  private static Schema schema(String modelId) {
    Schema.ObjectSchema s =
        object()
            .required("texts", array(string().maxLength(2048)).minItems(0).maxItems(96))
            .required(
                "input_type",
                enumOf("search_document", "search_query", "classification", "clustering", "image"))
            .optional("truncate", enumOf("NONE", "START", "END"))
            .optional(
                "embedding_types",
                array(enumOf("float", "int8", "uint8", "binary", "ubinary")).minItems(1))
            .optional("images", array(string()));
    if (modelId.startsWith("cohere.embed-v4")) {
      // Embed v4 (model-parameters-embed-v4): mixed inputs, a chosen output size and a token
      // budget; real
      // captures (pydantic/pydantic-ai TestBedrock.test_cohere_v4_*) sent output_dimension and
      // max_tokens.
      s.optional("inputs", array(anyObject()))
          .optional("output_dimension", intEnumOf(256, 512, 1024, 1536))
          .optional("max_tokens", integer(1, null));
    }
    return s;
  }

  @Override
  public @Nullable String validate(JsonNode body, String modelId, boolean streaming) {
    List<String> v = schema(modelId).validate(body);
    return v.isEmpty() ? null : TextFamily.malformed(v);
  }

  @Override
  public Invocation invoke(JsonNode body, String modelId) {
    List<String> texts = Json.strings(body, "texts");
    List<String> types = Json.strings(body, "embedding_types");
    int tokens = 0;
    ObjectNode r = Json.object();
    ArrayNode floatsAll = Json.array();
    ObjectNode byType = Json.object();
    for (String t : types) {
      byType.putArray(t);
    }
    for (String text : texts) {
      tokens += TextGenerator.countTokens(text);
      float[] v = TextGenerator.embedding(text, dimensions(body, modelId), true);
      floatsAll.add(TitanEmbedFamily.floats(v));
      for (String type : types) {
        ArrayNode row = ((ArrayNode) byType.get(type)).addArray();
        switch (type) {
          case "float" -> row.addAll(TitanEmbedFamily.floats(v));
          case "int8" -> {
            for (float f : v) {
              row.add(Math.max(-128, Math.min(127, Math.round(f * 127 * 32))));
            }
          }
          case "uint8" -> {
            for (float f : v) {
              row.add(Math.max(0, Math.min(255, Math.round(f * 127 * 32) + 128)));
            }
          }
          default -> {
            for (int i = 0; i < v.length; i += 8) {
              int b = 0;
              for (int j = 0; j < 8; j++) {
                b = (b << 1) | (v[i + j] > 0 ? 1 : 0);
              }
              row.add(type.equals("binary") ? (byte) b : b);
            }
          }
        }
      }
    }
    r.put("id", UUID.nameUUIDFromBytes(Json.bytes(body)).toString());
    if (types.isEmpty()) {
      r.set("embeddings", floatsAll);
      r.put("response_type", "embeddings_floats");
    } else {
      r.set("embeddings", byType);
      r.put("response_type", "embeddings_by_type");
    }
    ArrayNode echoed = r.putArray("texts");
    texts.forEach(t -> echoed.add(t.toLowerCase(Locale.ROOT)));
    return new Invocation(r, Math.max(1, tokens), null);
  }
}
