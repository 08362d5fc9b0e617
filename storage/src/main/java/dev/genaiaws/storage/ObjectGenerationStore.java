package dev.genaiaws.storage;

import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.storage.internal.GenerationSaver;
import dev.genaiaws.storage.internal.RecordJson;
import dev.genaiaws.storage.internal.StorageKeys;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one implementation of what a {@link GenerationStore} does with generations (save under a
 * generated or chosen key, load, list under the prefix), written over the object operations a
 * concrete store supplies ({@code putBytes}, {@code getBytes}, {@code head}, {@code delete}, {@code
 * list(prefix)}, {@code uri}): {@link S3GenerationStore} over S3 and {@link FileGenerationStore}
 * over a folder add only those.
 */
abstract class ObjectGenerationStore implements GenerationStore {
  private final String prefix;
  private final GenerationSaver saver;

  /**
   * @param prefix the prefix of generated keys, or {@code null}/empty for none
   * @param keyStrategy how keys are generated, or {@code null} for date-partitioned keys
   * @param clock the clock of {@code createdAt} and generated keys, or {@code null} for UTC system
   *     time
   */
  ObjectGenerationStore(String prefix, KeyStrategy keyStrategy, Clock clock) {
    this.prefix = StorageKeys.normalizePrefix(prefix);
    Clock c = clock == null ? Clock.systemUTC() : clock;
    KeyStrategy strategy = keyStrategy == null ? KeyStrategy.datePartitioned(c) : keyStrategy;
    this.saver = new GenerationSaver(this, strategy, this.prefix, c);
  }

  /** The prefix generated keys start with (no trailing '/'), possibly empty. */
  public final String prefix() {
    return prefix;
  }

  @Override
  public final StoredGeneration save(GenerationRecord record, List<ImageBlock> images) {
    return saver.save(record, images);
  }

  @Override
  public final StoredGeneration saveAs(
      String key, GenerationRecord record, List<ImageBlock> images) {
    return saver.saveAs(key, record, images);
  }

  @Override
  public final GenerationRecord load(String key) {
    return RecordJson.read(getBytes(key), key);
  }

  @Override
  public final Stream<StoredObject> list() {
    return list(prefix.isEmpty() ? "" : prefix + "/");
  }
}
