package dev.genaiaws.testkit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Small JSON helpers over one shared, thread-safe, immutable-configured {@link ObjectMapper}. */
public final class Json {
  // Bedrock takes bodies up to 25,000,000 bytes, so one string may be nearly that long (Jackson's
  // default cap is
  // 20,000,000 characters, which made a valid 21 MB prompt look like "invalid JSON").
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxStringLength(26_000_000).build())
              .build());

  private Json() {}

  /** A fresh empty object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A fresh empty array node. */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Parses UTF-8 JSON bytes; throws {@link IOException} when the bytes are not JSON. */
  public static JsonNode parse(byte[] body) throws IOException {
    if (body.length == 0) {
      throw new IOException("empty body");
    }
    JsonNode node = MAPPER.readTree(body);
    if (node == null || node.isMissingNode()) {
      throw new IOException("empty body");
    }
    return node;
  }

  /** Serialises a node as compact UTF-8 JSON. */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serialises a node as a compact JSON string. */
  public static String string(JsonNode node) {
    return new String(bytes(node), StandardCharsets.UTF_8);
  }

  /** The text of a string node, or {@code fallback} when absent or not textual. */
  public static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.asText() : fallback;
  }

  /** The int value of a numeric field, or {@code fallback}. */
  public static int integer(JsonNode node, String field, int fallback) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isNumber() ? v.asInt() : fallback;
  }

  /** The long value of a numeric field, or {@code null}. */
  public static @Nullable Long longOrNull(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isNumber() ? v.asLong() : null;
  }

  /** The string elements of an array field (non-strings skipped), empty when absent. */
  public static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    JsonNode v = node == null ? null : node.get(field);
    if (v != null && v.isArray()) {
      v.forEach(
          e -> {
            if (e.isTextual()) {
              out.add(e.asText());
            }
          });
    } else if (v != null && v.isTextual()) {
      out.add(v.asText());
    }
    return out;
  }

  /** Copies a list of strings into an array node. */
  public static ArrayNode stringArray(List<String> values) {
    ArrayNode a = array();
    values.forEach(a::add);
    return a;
  }
}
