package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;

/**
 * A document to put in a knowledge base's data source: its key (relative to the ingestion's
 * prefix), its bytes, and the metadata attributes that go in its {@code <key>.metadata.json}
 * sidecar, which the knowledge base attaches to every chunk for {@link MetadataFilter}s.
 *
 * <pre>{@code
 * SourceDocument doc = SourceDocument.text("pumps/atlas.txt", "The Atlas pump moves 40 litres per minute.")
 *     .withMetadata(Map.of("category", "pump", "year", 2019, "tags", List.of("water", "garden")));
 * }</pre>
 *
 * @param key where it goes, relative to the ingestion's prefix ({@code /}-separated, not ending in
 *     {@code .metadata.json})
 * @param content the bytes
 * @param contentType its media type, or {@code null} to derive it from the key's extension
 * @param metadata attribute values: strings, numbers, booleans or lists of strings (at most 50
 *     attributes here)
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record SourceDocument(
    String key, byte[] content, String contentType, Map<String, Object> metadata) {
  public SourceDocument {
    Checks.notBlank(key, "key");
    if (key.endsWith(".metadata.json")) {
      throw new InvalidRequestException(
          "a document key must not end in .metadata.json (that is its sidecar): " + key);
    }
    Checks.notNull(content, "content");
    content = content.clone();
    metadata = metadata == null ? Map.of() : new LinkedHashMap<>(metadata);
    if (metadata.size() > 50) {
      throw new InvalidRequestException(
          "a document may have at most 50 metadata attributes but had " + metadata.size());
    }
    for (Map.Entry<String, Object> e : metadata.entrySet()) {
      Object v = e.getValue();
      boolean ok =
          v instanceof String
              || v instanceof Number
              || v instanceof Boolean
              || (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String));
      if (e.getKey() == null || e.getKey().isEmpty() || !ok) {
        throw new InvalidRequestException(
            "metadata attribute '"
                + e.getKey()
                + "' must have a non-empty name and"
                + " a string, number, boolean or list-of-strings value");
      }
    }
    metadata = java.util.Collections.unmodifiableMap(metadata);
  }

  /** A UTF-8 text document without metadata. */
  public static SourceDocument text(String key, String text) {
    return new SourceDocument(
        key, Checks.notNull(text, "text").getBytes(StandardCharsets.UTF_8), null, Map.of());
  }

  /** A document from bytes without metadata. */
  public static SourceDocument of(String key, byte[] content) {
    return new SourceDocument(key, content, null, Map.of());
  }

  /** A copy with these metadata attributes. */
  public SourceDocument withMetadata(Map<String, Object> attributes) {
    return new SourceDocument(key, content, contentType, attributes);
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceDocument d
        && key.equals(d.key)
        && java.util.Arrays.equals(content, d.content)
        && java.util.Objects.equals(contentType, d.contentType)
        && metadata.equals(d.metadata);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + java.util.Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "SourceDocument["
        + key
        + ", "
        + content.length
        + " bytes, metadata keys="
        + metadata.keySet()
        + "]";
  }
}
