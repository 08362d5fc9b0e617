package dev.genaiaws.storage;

import org.jspecify.annotations.Nullable;

/**
 * An object already exists under the key: the write was refused and the existing object is intact.
 * Stores never overwrite; save under another key (the default {@link KeyStrategy} never repeats
 * one), or {@link GenerationStore#delete(String) delete} the old object first if replacing it is
 * really meant.
 */
public class StorageConflictException extends StorageException {
  private static final long serialVersionUID = 1L;

  public StorageConflictException(String key, String location, @Nullable Throwable cause) {
    super(
        key,
        "an object already exists at "
            + location
            + " (key '"
            + key
            + "'): it was not overwritten. Save under a new key, or delete the existing object first",
        cause);
  }
}
