package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.CodecException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * JSON helpers shared by the Bedrock codecs: one configured mapper, lenient number reading (Bedrock
 * sometimes sends {@code 28.0} for a count), the {@code additionalModelFields} merge, and the stream's
 * invocation metrics. Error messages describe the body's shape, never its content.
 */
public final class CodecJson {
  /** The shared mapper: unknown fields ignored, UTF-8 always. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** The key Bedrock adds to the last chunk of every stream. */
  public static final String INVOCATION_METRICS = "amazon-bedrock-invocationMetrics";

  private CodecJson() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A JSON array of strings. */
  public static ArrayNode strings(List<String> values) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    values.forEach(a::add);
    return a;
  }

  /**
   * Serialises a body after merging the request's {@code additionalModelFields} into it (last, so they
   * win).
   */
  public static byte[] write(ObjectNode body, GenerationRequest request) {
    if (request != null) {
      for (Map.Entry<String, Object> e : request.additionalModelFields().entrySet()) {
        body.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
      }
    }
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new CodecException("could not write the request body: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a body or chunk; the error names the family, not the content. */
  public static JsonNode read(byte[] body, String family) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new CodecException("the " + family + " answer is not a JSON object ("
            + (body == null ? 0 : body.length) + " bytes)", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      // not chained: the parser's message quotes the body
      throw CodecException.unreadableJson("the " + family + " answer", body, e.getClass().getSimpleName(),
          e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          e.getLocation() == null ? 0 : e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw CodecException.unreadableJson("the " + family + " answer", body, e.getClass().getSimpleName(), 0, 0);
    }
  }

  /**
   * A count (or index) field read leniently: ints, floats like {@code 28.0}, numeric strings. 0 when absent,
   * unreadable, negative, or beyond {@code int} (e.g. {@code 1e38}, {@code 2147483648}): a count the model
   * got wrong is ignored rather than failing an otherwise good answer.
   */
  public static int intOr0(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (v.isNumber()) {
      return count(v.asDouble());
    }
    if (v.isTextual()) {
      try {
        return count(Double.parseDouble(v.asText()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private static int count(double d) {
    // NaN fails both comparisons; so do negatives and values an int cannot hold
    return d >= 0 && d <= Integer.MAX_VALUE ? (int) Math.round(d) : 0;
  }

  /** A text field, or {@code null} when absent or JSON null. */
  public static String textOrNull(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /**
   * A required node, found by JSON pointer (e.g. {@code /output/message/content}); fails with a
   * {@link CodecException} naming the family and the missing field (never the body's content) when the
   * node is absent or JSON null.
   */
  public static JsonNode require(JsonNode node, String pointer, String family) {
    JsonNode v = node == null ? null : node.at(pointer);
    if (v == null || v.isMissingNode() || v.isNull()) {
      throw missing(pointer, family);
    }
    return v;
  }

  /** The error for a required field the family's answer does not have. */
  public static CodecException missing(String pointer, String family) {
    return new CodecException("the " + family + " answer has no " + pointer.substring(1).replace('/', '.')
        + ": is the model id matched to the right family?", null);
  }

  /** The usage in a chunk's {@code amazon-bedrock-invocationMetrics}, or {@code null} when absent. */
  public static TokenUsage invocationMetrics(JsonNode chunk) {
    JsonNode m = chunk == null ? null : chunk.get(INVOCATION_METRICS);
    if (m == null || !m.isObject()) {
      return null;
    }
    return new TokenUsage(intOr0(m, "inputTokenCount"), intOr0(m, "outputTokenCount"));
  }

  /** A neutral JSON value as a Jackson tree (tree to tree, no text in between). */
  public static JsonNode tree(JsonValue v) {
    if (v instanceof JsonValue.JsonObject o) {
      ObjectNode n = object();
      o.members().forEach((k, e) -> n.set(k, tree(e)));
      return n;
    }
    if (v instanceof JsonValue.JsonArray a) {
      ArrayNode n = JsonNodeFactory.instance.arrayNode();
      a.elements().forEach(e -> n.add(tree(e)));
      return n;
    }
    if (v instanceof JsonValue.JsonString s) {
      return JsonNodeFactory.instance.textNode(s.value());
    }
    if (v instanceof JsonValue.JsonNumber num) {
      return JsonNodeFactory.instance.numberNode(num.value());
    }
    if (v instanceof JsonValue.JsonBoolean b) {
      return JsonNodeFactory.instance.booleanNode(b.value());
    }
    return JsonNodeFactory.instance.nullNode();
  }

  /** A Jackson tree as a neutral JSON value; a missing node is JSON null. */
  public static JsonValue value(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return JsonValue.JsonNull.INSTANCE;
    }
    if (n.isObject()) {
      java.util.Map<String, JsonValue> m = new java.util.LinkedHashMap<>();
      n.fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue())));
      return new JsonValue.JsonObject(m);
    }
    if (n.isArray()) {
      java.util.List<JsonValue> l = new java.util.ArrayList<>();
      n.forEach(e -> l.add(value(e)));
      return new JsonValue.JsonArray(l);
    }
    if (n.isNumber()) {
      return new JsonValue.JsonNumber(n.decimalValue());
    }
    if (n.isBoolean()) {
      return new JsonValue.JsonBoolean(n.booleanValue());
    }
    return new JsonValue.JsonString(n.asText());
  }

  /** Puts a value unless it is null. */
  public static void put(ObjectNode node, String field, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Integer i) {
      node.put(field, i);
    } else if (value instanceof Long l) {
      node.put(field, l);
    } else if (value instanceof Double d) {
      node.put(field, d);
    } else if (value instanceof Boolean b) {
      node.put(field, b);
    } else if (value instanceof String s) {
      node.put(field, s);
    } else if (value instanceof JsonNode j) {
      node.set(field, j);
    } else {
      node.set(field, MAPPER.valueToTree(value));
    }
  }
}
