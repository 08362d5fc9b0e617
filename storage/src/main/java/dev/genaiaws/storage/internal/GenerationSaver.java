package dev.genaiaws.storage.internal;

import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.storage.GenerationRecord;
import dev.genaiaws.storage.GenerationStore;
import dev.genaiaws.storage.KeyStrategy;
import dev.genaiaws.storage.StorageConflictException;
import dev.genaiaws.storage.StorageNotFoundException;
import dev.genaiaws.storage.StoredGeneration;
import dev.genaiaws.storage.StoredImage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The save procedure every store shares: images first, then the record (the record is the commit:
 * once it exists, everything it references exists too), each write create-only. A generated key
 * that turns out to be taken is replaced by a fresh one (up to {@value #ATTEMPTS} tries); images
 * already written for a failed attempt are deleted again. A record write whose answer was lost is
 * checked: if the record is there, the save succeeded; if the check fails too, the images are kept
 * (orphans are harmless, a record without its images is not). Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class GenerationSaver {
  static final int ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(GenerationSaver.class);

  private final GenerationStore store;
  private final KeyStrategy keyStrategy;
  private final String prefix;
  private final Clock clock;

  public GenerationSaver(
      GenerationStore store, KeyStrategy keyStrategy, String prefix, Clock clock) {
    this.store = store;
    this.keyStrategy = Objects.requireNonNull(keyStrategy, "keyStrategy");
    this.prefix = prefix;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Saves under a key from the strategy. */
  public StoredGeneration save(GenerationRecord record, List<ImageBlock> images) {
    return save(false, null, record, images);
  }

  /** Saves under exactly {@code key}: a taken key is a conflict. */
  public StoredGeneration saveAs(String key, GenerationRecord record, List<ImageBlock> images) {
    return save(true, key, record, images);
  }

  private StoredGeneration save(
      boolean explicit, @Nullable String key, GenerationRecord record, List<ImageBlock> images) {
    if (explicit) {
      StorageKeys.validate(key);
    }
    Objects.requireNonNull(record, "record");
    List<ImageBlock> toWrite = images == null ? List.of() : List.copyOf(images);
    GenerationRecord stamped =
        record.createdAt() == null ? record.withCreatedAt(clock.instant()) : record;
    if (explicit) {
      return attempt(key, stamped, toWrite);
    }
    for (int attempt = 1; ; attempt++) {
      String generated =
          StorageKeys.validate(StorageKeys.join(prefix, keyStrategy.recordKey(stamped)));
      try {
        return attempt(generated, stamped, toWrite);
      } catch (StorageConflictException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        LOG.debug("generated key {} is taken; trying a new one", generated);
      }
    }
  }

  private StoredGeneration attempt(String key, GenerationRecord record, List<ImageBlock> images) {
    List<String> written = new ArrayList<>();
    try {
      List<StoredImage> refs = new ArrayList<>(record.images());
      for (int i = 0; i < images.size(); i++) {
        ImageBlock image = images.get(i);
        String imageKey = StorageKeys.validate(keyStrategy.imageKey(key, i + 1, image.mediaType()));
        store.putBytes(
            imageKey,
            image.bytes(),
            image.mediaType(),
            isAscii(key) ? Map.of("genai-record-key", key) : Map.of());
        written.add(imageKey);
        refs.add(new StoredImage(imageKey, image.mediaType(), image.size(), image.seed()));
      }
      GenerationRecord complete = record.withImages(refs);
      byte[] json = RecordJson.write(complete);
      try {
        store.putBytes(key, json, MediaTypes.JSON, objectMetadata(complete));
      } catch (StorageConflictException e) {
        throw e;
      } catch (RuntimeException e) {
        // The answer was lost, not necessarily the write (a dropped connection after S3 stored the
        // object):
        // if our exact record is there, the save succeeded; if we cannot tell, keep the images,
        // since deleting
        // them under a record that may exist would publish a record whose parts are missing.
        if (landed(key, json, e)) {
          return new StoredGeneration(key, store.uri(key), complete);
        }
        throw e;
      }
      return new StoredGeneration(key, store.uri(key), complete);
    } catch (KeptImagesException e) {
      throw e.failure;
    } catch (RuntimeException e) {
      for (String orphan : written) {
        try {
          store.delete(orphan);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
  }

  /**
   * Whether the record write that failed with {@code failure} did land: true if the key holds
   * exactly {@code json}; false if the key is absent or holds another record (the caller then
   * cleans up its images); throws {@link KeptImagesException} when the check itself fails, so that
   * the images are kept.
   */
  private boolean landed(String key, byte[] json, RuntimeException failure) {
    try {
      return java.util.Arrays.equals(store.getBytes(key), json);
    } catch (StorageNotFoundException absent) {
      return false;
    } catch (RuntimeException unknown) {
      failure.addSuppressed(unknown);
      throw new KeptImagesException(failure);
    }
  }

  /**
   * Carries a save failure past the image cleanup: the record's state is unknown, so its images
   * stay.
   */
  private static final class KeptImagesException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RuntimeException failure;

    KeptImagesException(RuntimeException failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  /**
   * The object metadata of a record: the schema version, the model id and your labels, where they
   * fit in HTTP headers (S3 {@code x-amz-meta-*}: ASCII, 2 KB in all). The JSON always holds
   * everything.
   */
  static Map<String, String> objectMetadata(GenerationRecord record) {
    Map<String, String> meta = new java.util.LinkedHashMap<>();
    meta.put("genai-schema-version", String.valueOf(RecordJson.SCHEMA_VERSION));
    if (isAscii(record.modelId())) {
      meta.put("genai-model-id", record.modelId());
    }
    int size =
        meta.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
    for (Map.Entry<String, String> e : record.metadata().entrySet()) {
      int entry = e.getKey().length() + e.getValue().length();
      if (e.getKey().matches("[a-z0-9][a-z0-9._-]*")
          && isAscii(e.getValue())
          && size + entry <= 1800
          && !meta.containsKey(e.getKey())) {
        meta.put(e.getKey(), e.getValue());
        size += entry;
      }
    }
    return meta;
  }

  /** S3 user metadata travels in HTTP headers: keep it ASCII. */
  private static boolean isAscii(String value) {
    return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
