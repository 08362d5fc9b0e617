package dev.genaiaws.storage;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.storage.internal.StorageKeys;

/**
 * A reference from a {@link GenerationRecord} to one image saved beside it as its own object. Read
 * the image with {@code store.getBytes(image.key())}.
 *
 * @param key the image object's key in the same store
 * @param mediaType its content type, e.g. {@code image/png}
 * @param sizeBytes its size in bytes
 * @param seed the seed the model reported for it, or {@code null}
 */
public record StoredImage(String key, String mediaType, long sizeBytes, Long seed) {
  public StoredImage {
    StorageKeys.validate(key);
    Checks.notNull(mediaType, "mediaType");
    if (sizeBytes < 0) {
      throw new InvalidRequestException("sizeBytes must be >= 0 but was " + sizeBytes);
    }
  }
}
