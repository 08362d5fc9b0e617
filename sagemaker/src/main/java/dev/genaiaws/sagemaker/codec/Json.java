package dev.genaiaws.sagemaker.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** JSON helpers shared by the container codecs. Bytes are always UTF-8. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses an answer; the message names the format, never the content. */
  static JsonNode read(byte[] body, String format) {
    if (body == null || body.length == 0) {
      throw new CodecException("the " + format + " container answered with an empty body", null);
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new CodecException("the " + format + " container answered with an empty body", null);
      }
      return node;
    } catch (IOException e) {
      throw unreadable("the " + format + " container's answer", body, e);
    }
  }

  /** A body or line that is not JSON: size and position in the message, the text in rawContent(). */
  static CodecException unreadable(String what, byte[] body, IOException e) {
    // not chained: the parser's message quotes the text
    com.fasterxml.jackson.core.JsonLocation at = e instanceof JsonProcessingException p ? p.getLocation() : null;
    return CodecException.unreadableJson(what, body, e.getClass().getSimpleName(),
        at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
  }

  /** Parses a request body the codec wrote itself; null when it is not JSON. */
  static JsonNode readQuietly(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  static void put(ObjectNode node, String field, Number value) {
    if (value == null) {
      return;
    }
    if (value instanceof Double d) {
      node.put(field, d);
    } else if (value instanceof Long l) {
      node.put(field, l);
    } else {
      node.put(field, value.intValue());
    }
  }

  /**
   * Merges the caller's extra fields last: top-level keys replace, except that a map given for a key
   * whose value is already an object is merged into it (so {@code parameters} can gain fields).
   */
  static void mergeAdditional(ObjectNode body, Map<String, Object> fields) {
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      JsonNode value = MAPPER.valueToTree(e.getValue());
      JsonNode existing = body.get(e.getKey());
      if (existing instanceof ObjectNode target && value instanceof ObjectNode extra) {
        target.setAll(extra);
      } else {
        body.set(e.getKey(), value);
      }
    }
  }

  static byte[] write(JsonNode body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("the request body cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String string(byte[] body) {
    return body == null ? null : new String(body, StandardCharsets.UTF_8);
  }

  /**
   * A token count: a non-negative integral number an {@code int} holds, else {@code fallback} (a count the
   * container got wrong, e.g. {@code -1}, {@code 1e38} or {@code "many"}, is ignored, never thrown).
   */
  static int count(JsonNode node, String field, int fallback) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isNumber()) {
      return fallback;
    }
    double d = v.asDouble();
    return d >= 0 && d <= Integer.MAX_VALUE ? (int) Math.round(d) : fallback;
  }

  static String textOrNull(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
