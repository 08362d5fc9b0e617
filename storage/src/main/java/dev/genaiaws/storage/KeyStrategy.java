package dev.genaiaws.storage;

import dev.genaiaws.storage.internal.DatePartitionedKeyStrategy;
import dev.genaiaws.storage.internal.MediaTypes;
import java.time.Clock;

/**
 * Chooses the key a generation is saved under. The store puts its prefix in front ({@code
 * <prefix>/<recordKey>}), validates the result, and never overwrites: if the key is taken, the
 * store asks again (a random part makes the next key differ) and gives up with a {@link
 * StorageConflictException} after three tries.
 *
 * <p>The default, {@link #datePartitioned()}, gives keys such as {@code
 * 2026/11/23/20261123T075900123Z-3f9a1c0b7d2e.json}: UTC date folders (cheap to list one day), a
 * sortable timestamp, and 12 random hex digits so concurrent saves never collide. Images saved with
 * the record get the record's name plus {@code -<n>.<ext>}: {@code ...-3f9a1c0b7d2e-1.png}.
 *
 * <p>Your own strategy, e.g. one folder per user:
 *
 * <pre>{@code
 * KeyStrategy perUser = record -> record.metadata().get("user") + "/" + UUID.randomUUID() + ".json";
 * }</pre>
 *
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface KeyStrategy {

  /**
   * The key of a record, relative to the store's prefix. The record's {@code createdAt} is already
   * set (by the store's clock).
   */
  String recordKey(GenerationRecord record);

  /**
   * The key of the {@code index}-th image (from 1) of the record saved under {@code recordKey} (the
   * full key, prefix included). By default the record key without {@code .json}, then {@code
   * -<index>.<ext>} with the extension from the media type ({@code image/jpeg} gives {@code jpg}).
   */
  default String imageKey(String recordKey, int index, String mediaType) {
    String base =
        recordKey.endsWith(".json") ? recordKey.substring(0, recordKey.length() - 5) : recordKey;
    return base + "-" + index + "." + MediaTypes.extension(mediaType);
  }

  /** {@code yyyy/MM/dd/<timestamp>-<id>.json} in UTC, from the record's {@code createdAt}. */
  static KeyStrategy datePartitioned() {
    return new DatePartitionedKeyStrategy(Clock.systemUTC());
  }

  /**
   * {@code yyyy/MM/dd/<timestamp>-<id>.json} in UTC, from the record's {@code createdAt}, or from
   * {@code clock} when a record has none (a fixed clock makes keys predictable in tests, all but
   * the id).
   */
  static KeyStrategy datePartitioned(Clock clock) {
    return new DatePartitionedKeyStrategy(clock);
  }
}
