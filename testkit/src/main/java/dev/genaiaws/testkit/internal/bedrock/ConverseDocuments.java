package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Documents in Converse user messages: the text the emulated model reads from them. */
final class ConverseDocuments {
  /**
   * Formats whose bytes are text the emulator can read (pdf, doc(x) and xls(x) are opaque to it).
   */
  private static final Set<String> TEXT_FORMATS = Set.of("txt", "md", "csv", "html");

  /** A sentence: up to and including its end mark, or to the end of a line or of the text. */
  private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]?");

  private ConverseDocuments() {}

  /**
   * The readable text of a document block: text source, content chunks, or UTF-8 bytes of a text
   * format.
   */
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
        return new String(
            Base64.getDecoder().decode(source.get("bytes").asText("")), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    return document.path("name").asText("");
  }

  /**
   * A cited span of one document.
   *
   * @param documentIndex the document's index among all documents of the request
   * @param title the document name
   * @param text the cited text, exactly as it appears in the document
   * @param location the {@code location} object ({@code documentChar} or {@code documentChunk})
   */
  record Span(int documentIndex, String title, String text, ObjectNode location) {}

  /**
   * The span the answer cites: among the citable documents of the last user message, the sentence
   * (or content chunk) sharing the most words with the question, the first one on a tie; empty when
   * no document there has citations enabled and readable text.
   */
  static Optional<Span> citation(JsonNode messages) {
    int index = 0;
    Span best = null;
    int bestScore = -1;
    JsonNode last = messages.get(messages.size() - 1);
    StringBuilder question = new StringBuilder();
    last.path("content").forEach(c -> question.append(c.path("text").asText("")).append(' '));
    Set<String> asked = words(question.toString());
    for (int i = 0; i < messages.size(); i++) {
      for (JsonNode c : messages.get(i).path("content")) {
        if (!c.has("document")) {
          continue;
        }
        JsonNode doc = c.get("document");
        int docIndex = index++;
        if (i != messages.size() - 1 || !doc.path("citations").path("enabled").asBoolean(false)) {
          continue;
        }
        for (Span candidate : spans(doc, docIndex)) {
          Set<String> w = words(candidate.text());
          w.retainAll(asked);
          if (w.size() > bestScore) {
            best = candidate;
            bestScore = w.size();
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static List<Span> spans(JsonNode doc, int docIndex) {
    List<Span> out = new ArrayList<>();
    String title = doc.path("name").asText("");
    JsonNode source = doc.path("source");
    if (source.has("content")) {
      JsonNode chunks = source.get("content");
      for (int k = 0; k < chunks.size(); k++) {
        String t = chunks.get(k).path("text").asText("");
        if (!t.isBlank()) {
          ObjectNode loc = Json.object();
          loc.putObject("documentChunk")
              .put("documentIndex", docIndex)
              .put("start", k)
              .put("end", k);
          out.add(new Span(docIndex, title, t, loc));
        }
      }
      return out;
    }
    if (!source.has("text") && !TEXT_FORMATS.contains(doc.path("format").asText("txt"))) {
      return out;
    }
    String text = text(doc);
    Matcher m = SENTENCE.matcher(text);
    while (m.find()) {
      String sentence = m.group().strip();
      if (sentence.isEmpty()) {
        continue;
      }
      int start = text.indexOf(sentence, m.start());
      ObjectNode loc = Json.object();
      loc.putObject("documentChar")
          .put("documentIndex", docIndex)
          .put("start", start)
          .put("end", start + sentence.length());
      out.add(new Span(docIndex, title, sentence, loc));
    }
    return out;
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 4) {
        out.add(w);
      }
    }
    return out;
  }
}
