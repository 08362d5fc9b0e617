package dev.genaiaws.storage;

import dev.genaiaws.core.internal.Checks;
import java.net.URI;
import java.util.List;

/**
 * Where a generation was saved: the record's key and URI ({@code s3://bucket/key} or {@code
 * file:/...}), and the record as written, with its {@linkplain GenerationRecord#images() image
 * references} filled in.
 *
 * <pre>{@code
 * StoredGeneration saved = store.save(request, response);
 * log.info("saved blog to {}", saved.uri());
 * GenerationRecord again = store.load(saved.key());   // equals saved.record()
 * }</pre>
 *
 * @param key the record's key, to {@link GenerationStore#load(String) load} it again
 * @param uri where it lives, e.g. {@code s3://my-bucket/generations/2026/11/23/...json}
 * @param record the record as stored
 */
public record StoredGeneration(String key, URI uri, GenerationRecord record) {
  public StoredGeneration {
    Checks.notNull(key, "key");
    Checks.notNull(uri, "uri");
    Checks.notNull(record, "record");
  }

  /** The keys of the images saved with the record, in order. */
  public List<String> imageKeys() {
    return record.images().stream().map(StoredImage::key).toList();
  }

  @Override
  public String toString() {
    return "StoredGeneration[" + uri + ", images=" + record.images().size() + "]";
  }
}
