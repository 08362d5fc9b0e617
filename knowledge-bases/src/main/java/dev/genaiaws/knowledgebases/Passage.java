package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.internal.Checks;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;

/**
 * One retrieved chunk of a document: its text, its relevance score, where it came from and its
 * metadata (the document's sidecar attributes and the service's {@code
 * x-amz-bedrock-kb-source-uri}, {@code x-amz-bedrock-kb-chunk-id}, {@code
 * x-amz-bedrock-kb-data-source-id}). {@code toString()} shows sizes and the location, never the
 * text.
 *
 * @param text the chunk's text
 * @param score relevance, higher is better, or {@code null} where the service gives none
 *     (citations)
 * @param location the source document
 * @param metadata attribute values: strings, numbers, booleans or lists of strings
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record Passage(
    String text, Double score, SourceLocation location, Map<String, Object> metadata) {
  public Passage {
    text = text == null ? "" : text;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** The source URI ({@link SourceLocation#uri()}), or {@code null}. */
  public String sourceUri() {
    return location == null ? null : location.uri();
  }

  /** The chunk id the service gives ({@code x-amz-bedrock-kb-chunk-id}), or {@code null}. */
  public String chunkId() {
    Object v = metadata.get("x-amz-bedrock-kb-chunk-id");
    return v == null ? null : v.toString();
  }

  @Override
  public String toString() {
    return "Passage["
        + Checks.describe(text)
        + ", score="
        + score
        + ", location="
        + location
        + ", metadata keys="
        + metadata.keySet()
        + "]";
  }
}
