package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/** Documents in Converse user messages: the text the emulated model reads from them. */
final class ConverseDocuments {
  /** Formats whose bytes are text the emulator can read (pdf, doc(x) and xls(x) are opaque to it). */
  private static final Set<String> TEXT_FORMATS = Set.of("txt", "md", "csv", "html");

  private ConverseDocuments() {}

  /** The readable text of a document block: text source, content chunks, or UTF-8 bytes of a text format. */
  static String text(JsonNode document) {
    JsonNode source = document.path("source");
    if (source.has("text")) {
      return source.get("text").asText("");
    }
    if (source.has("content")) {
      StringBuilder b = new StringBuilder();
      source.get("content").forEach(c -> b.append(c.path("text").asText("")).append('\n'));
      return b.toString();
    }
    if (source.has("bytes") && TEXT_FORMATS.contains(document.path("format").asText("txt"))) {
      try {
        return new String(Base64.getDecoder().decode(source.get("bytes").asText("")), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    return document.path("name").asText("");
  }
}
