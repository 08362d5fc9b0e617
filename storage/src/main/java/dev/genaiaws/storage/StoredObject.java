package dev.genaiaws.storage;

import dev.genaiaws.core.internal.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * One object in a store, as {@link GenerationStore#list(String) listed} or {@link
 * GenerationStore#head(String) looked up}.
 *
 * @param key its key
 * @param uri where it lives ({@code s3://bucket/key} or {@code file:/...})
 * @param size its size in bytes
 * @param lastModified when it was written, or {@code null} when unknown
 * @param contentType its content type; {@code null} in listings (S3 lists no content types), set by
 *     {@code head}
 * @param metadata its user metadata; empty in listings, set by {@code head}
 */
public record StoredObject(
    String key,
    URI uri,
    long size,
    Instant lastModified,
    String contentType,
    Map<String, String> metadata) {
  public StoredObject {
    Checks.notNull(key, "key");
    Checks.notNull(uri, "uri");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
