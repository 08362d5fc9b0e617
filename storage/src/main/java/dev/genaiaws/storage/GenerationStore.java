package dev.genaiaws.storage;

import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps generations, text and bytes: in S3 ({@link S3GenerationStore}) or a local folder ({@link
 * FileGenerationStore}), with the same behaviour.
 *
 * <pre>{@code
 * try (GenerationStore store = S3GenerationStore.builder().bucket("my-blogs").prefix("blogs").build()) {
 *   GenerationResponse response = client.generate(request);
 *   StoredGeneration saved = store.save(request, response);   // blogs/2026/11/23/20261123T075900123Z-....json
 *   GenerationRecord again = store.load(saved.key());
 *   store.list("blogs/2026/11/").forEach(o -> System.out.println(o.key()));
 * }
 * }</pre>
 *
 * <p><b>Nothing is ever overwritten.</b> Every write creates a new object or fails with a {@link
 * StorageConflictException} naming the key, leaving the existing object intact, even when two
 * processes write the same key at the same moment. To replace an object, {@link #delete(String)
 * delete} it first.
 *
 * <p><b>Keys</b> are {@code /}-separated, relative to the bucket or root folder, and checked before
 * any I/O: not empty, no leading {@code /}, no empty, {@code .} or {@code ..} segments, no control
 * characters or backslashes, at most 1,024 UTF-8 bytes ({@link InvalidStorageKeyException} names
 * the rule broken). The keys {@link #save} returns are full keys (prefix included): pass them to
 * {@link #load} as they are.
 *
 * <p><b>Records</b> are UTF-8 JSON with {@code "schemaVersion": 1} (see {@link GenerationRecord}
 * and {@code docs/storage.md}); each image is its own object with its content type, referenced from
 * the record.
 *
 * <p>Failures are unchecked {@link StorageException}s; a missing key is a {@link
 * StorageNotFoundException}, never {@code null}. Stores are thread-safe: build one and share it.
 * {@link #close()} frees only what the store built itself.
 */
public interface GenerationStore extends AutoCloseable {

  /**
   * Saves a record and its images under a new key from the store's {@link KeyStrategy}: the images
   * first (each under {@link KeyStrategy#imageKey}, with its media type as content type), then the
   * record with references to them appended to {@link GenerationRecord#images()}. The record's
   * {@code createdAt} is set from the store's clock when it has none. If a write fails, the images
   * already written are deleted again.
   *
   * @return where it was saved, and the record as written
   */
  StoredGeneration save(GenerationRecord record, List<ImageBlock> images);

  /** Saves a record that has no images of its own to write. */
  default StoredGeneration save(GenerationRecord record) {
    return save(record, List.of());
  }

  /** Saves a call: {@code save(GenerationRecord.of(request, response), response.images())}. */
  default StoredGeneration save(GenerationRequest request, GenerationResponse response) {
    return save(GenerationRecord.of(request, response), response.images());
  }

  /**
   * Saves a record and its images under the key you choose (the full key; the store's prefix is not
   * added).
   *
   * @throws StorageConflictException if an object already exists under the key (or an image's key)
   */
  StoredGeneration saveAs(String key, GenerationRecord record, List<ImageBlock> images);

  /**
   * Reads a record saved by {@link #save}.
   *
   * @throws StorageNotFoundException if there is no object under the key
   * @throws StorageException if the object is not a generation record, or has a newer schema
   *     version
   */
  GenerationRecord load(String key);

  /**
   * Every object whose key starts with {@code prefix} (records, images, text), in key order. The
   * stream is lazy: S3 pages of 1,000 keys and folder directories are read as the stream is
   * consumed, so stopping early ({@code limit}, {@code findFirst}) reads no more. An empty prefix
   * lists everything.
   */
  Stream<StoredObject> list(String prefix);

  /** Everything under the store's configured prefix. */
  Stream<StoredObject> list();

  /** The object's size, content type and user metadata, or empty when there is none. */
  Optional<StoredObject> head(String key);

  /** Whether an object exists under the key. */
  default boolean exists(String key) {
    return head(key).isPresent();
  }

  /**
   * Deletes one object. Deleting a key that does not exist is not an error (as in S3). Deleting a
   * record does not delete its images: use {@link #delete(StoredGeneration)} for both.
   */
  void delete(String key);

  /** Deletes a saved generation: its images, then its record. */
  default void delete(StoredGeneration generation) {
    generation.imageKeys().forEach(this::delete);
    delete(generation.key());
  }

  /** Writes text as UTF-8 with content type {@code text/plain; charset=utf-8}; never overwrites. */
  default URI putText(String key, String text) {
    return putText(key, text, "text/plain; charset=utf-8");
  }

  /**
   * Writes text as UTF-8 with the given content type, e.g. {@code text/markdown; charset=utf-8}.
   */
  default URI putText(String key, String text, String contentType) {
    if (text == null) {
      throw new InvalidRequestException("text must not be null (key '" + key + "')");
    }
    return putBytes(key, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType);
  }

  /** Writes bytes with a content type; never overwrites. */
  default URI putBytes(String key, byte[] bytes, String contentType) {
    return putBytes(key, bytes, contentType, Map.of());
  }

  /**
   * Writes bytes with a content type and user metadata (S3 object metadata, {@code x-amz-meta-*}:
   * keep names lowercase ASCII and the whole under 2 KB); never overwrites.
   *
   * @return the object's URI
   * @throws StorageConflictException if an object already exists under the key
   */
  URI putBytes(String key, byte[] bytes, String contentType, Map<String, String> metadata);

  /** Reads an object as UTF-8 text. */
  default String getText(String key) {
    return new String(getBytes(key), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Reads an object's bytes.
   *
   * @throws StorageNotFoundException if there is no object under the key
   */
  byte[] getBytes(String key);

  /** The URI of a key in this store ({@code s3://bucket/key} or {@code file:/...}); no I/O. */
  URI uri(String key);

  /**
   * Frees what the store built (an S3 client it created); never a client you passed in. Idempotent.
   */
  @Override
  void close();
}
