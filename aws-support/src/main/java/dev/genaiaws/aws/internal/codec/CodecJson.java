package dev.genaiaws.aws.internal.codec;

import com.fasterxml.jackson.core.JsonLocation;
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
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON helper of every codec (Bedrock families, SageMaker container formats, batch
 * records): one mapper configuration, one {@code additionalModelFields} merge rule, one lenient way
 * of reading counts, and error messages that describe a body's shape, never its content. The mapper
 * itself is not handed out, so no caller can reconfigure it.
 *
 * <p><b>The {@code additionalModelFields} rule</b> ({@link #mergeAdditional}): the fields are
 * merged last; a top-level key replaces what the codec wrote, except that a map given for a key
 * whose value is already a JSON object is merged into that object (its keys win). So {@code
 * parameters} of a SageMaker container or {@code inferenceConfig} of Nova can gain one field
 * without restating the others.
 */
public final class CodecJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private CodecJson() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A new empty array node. */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** A JSON array of strings. */
  public static ArrayNode strings(List<String> values) {
    ArrayNode a = array();
    values.forEach(a::add);
    return a;
  }

  /**
   * Merges the request's {@code additionalModelFields} into {@code body} (see the class comment for
   * the rule) and serialises it.
   */
  public static byte[] write(ObjectNode body, GenerationRequest request) {
    if (request != null) {
      mergeAdditional(body, request.additionalModelFields());
    }
    return bytes(body);
  }

  /**
   * The one {@code additionalModelFields} rule: top-level keys replace, except that a map given for
   * a key whose value is already an object is merged into it (the given keys win).
   *
   * @throws InvalidRequestException naming the key when a value cannot be represented as JSON
   */
  public static void mergeAdditional(ObjectNode body, Map<String, Object> fields) {
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      JsonNode value = tree(e.getKey(), e.getValue());
      JsonNode existing = body.get(e.getKey());
      if (existing instanceof ObjectNode target && value instanceof ObjectNode extra) {
        target.setAll(extra);
      } else {
        body.set(e.getKey(), value);
      }
    }
  }

  private static JsonNode tree(String key, Object value) {
    try {
      return MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "additionalModelFields["
              + key
              + "] cannot be written as JSON ("
              + (value == null ? "null" : value.getClass().getSimpleName())
              + "): give maps, lists, strings, numbers"
              + " or booleans",
          e);
    }
  }

  /** A JSON tree as UTF-8 bytes. */
  public static byte[] bytes(JsonNode body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          "the request body cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Any Java value (maps, lists, records, ...) as compact JSON text. */
  public static String toJsonString(Object value) throws JsonProcessingException {
    return MAPPER.writeValueAsString(value);
  }

  /** Any Java value as compact UTF-8 JSON bytes. */
  public static byte[] toJsonBytes(Object value) throws JsonProcessingException {
    return MAPPER.writeValueAsBytes(value);
  }

  /** Any Java value as a JSON tree. */
  public static JsonNode valueToTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Parses JSON text; {@code null} or a missing node for empty input, as Jackson reads it. */
  public static JsonNode parse(String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }

  /**
   * Parses UTF-8 JSON bytes; {@code null} or a missing node for empty input, as Jackson reads it.
   */
  public static JsonNode parse(byte[] json) throws IOException {
    return MAPPER.readTree(json);
  }

  /**
   * Parses an answer that must be a JSON object; the error names the family and the size, not the
   * content.
   */
  public static JsonNode read(byte[] body, String family) {
    JsonNode node = readAny(body, family);
    if (!node.isObject()) {
      throw new CodecException(
          "the "
              + family
              + " answer is not a JSON object ("
              + (body == null ? 0 : body.length)
              + " bytes)",
          null);
    }
    return node;
  }

  /**
   * Parses an answer that may be any JSON value (some containers answer with a bare array); fails
   * on an empty body. The error names the family and the size, not the content.
   */
  public static JsonNode readAny(byte[] body, String family) {
    if (body == null || body.length == 0) {
      throw new CodecException("the " + family + " answer is an empty body", null);
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new CodecException("the " + family + " answer is an empty body", null);
      }
      return node;
    } catch (IOException e) {
      throw unreadable("the " + family + " answer", body, e);
    }
  }

  /** Parses a body the caller wrote itself; {@code null} when it is empty or not JSON. */
  public static @Nullable JsonNode readQuietly(byte @Nullable [] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A body or line that is not JSON: size and position in the message, the text only in
   * rawContent().
   */
  public static CodecException unreadable(String what, byte[] body, IOException e) {
    // not chained: the parser's message quotes the text
    JsonLocation at = e instanceof JsonProcessingException p ? p.getLocation() : null;
    return CodecException.unreadableJson(
        what,
        body,
        e.getClass().getSimpleName(),
        at == null ? 0 : at.getLineNr(),
        at == null ? 0 : at.getColumnNr());
  }

  /** A body as text (UTF-8), or {@code null}. */
  public static @Nullable String string(byte @Nullable [] body) {
    return body == null ? null : new String(body, StandardCharsets.UTF_8);
  }

  /** {@link #count} with 0 as the fallback. */
  public static int intOr0(JsonNode node, String field) {
    return count(node, field, 0);
  }

  /**
   * A count (or index) field read leniently: ints, floats like {@code 28.0} (Bedrock sends those),
   * numeric strings. {@code fallback} when absent, unreadable, negative, or beyond {@code int}
   * (e.g. {@code 1e38}): a count the model got wrong is ignored rather than failing an otherwise
   * good answer.
   */
  public static int count(JsonNode node, String field, int fallback) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isNumber()) {
      return count(v.asDouble(), fallback);
    }
    if (v.isTextual()) {
      try {
        return count(Double.parseDouble(v.asText()), fallback);
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  private static int count(double d, int fallback) {
    // NaN fails both comparisons; so do negatives and values an int cannot hold
    return d >= 0 && d <= Integer.MAX_VALUE ? (int) Math.round(d) : fallback;
  }

  /** A text field, or {@code null} when absent or JSON null. */
  public static @Nullable String textOrNull(@Nullable JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /**
   * A required node, found by JSON pointer (e.g. {@code /output/message/content}); fails with a
   * {@link CodecException} naming the family and the missing field (never the body's content) when
   * the node is absent or JSON null.
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
    return new CodecException(
        "the "
            + family
            + " answer has no "
            + pointer.substring(1).replace('/', '.')
            + ": is the model id matched to the right family?",
        null);
  }

  /** A neutral JSON value as a Jackson tree (tree to tree, no text in between). */
  public static JsonNode tree(JsonValue v) {
    if (v instanceof JsonValue.JsonObject o) {
      ObjectNode n = object();
      o.members().forEach((k, e) -> n.set(k, tree(e)));
      return n;
    }
    if (v instanceof JsonValue.JsonArray a) {
      ArrayNode n = array();
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
      Map<String, JsonValue> m = new LinkedHashMap<>();
      n.properties().forEach(e -> m.put(e.getKey(), value(e.getValue())));
      return new JsonValue.JsonObject(m);
    }
    if (n.isArray()) {
      List<JsonValue> l = new ArrayList<>();
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
