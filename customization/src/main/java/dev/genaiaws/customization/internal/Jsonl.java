package dev.genaiaws.customization.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** The module's JSON: one compact line per record, UTF-8. Internal. */
public final class Jsonl {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Jsonl() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The record as compact UTF-8 JSON (no newline). */
  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** One parsed line, or {@code null} when it is not JSON. */
  public static JsonNode parse(String line) {
    try {
      return MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
