package dev.genaiaws.storage;

import org.jspecify.annotations.Nullable;

/** No object exists under the key: check the key (as returned by {@code save} or {@code list}). */
public class StorageNotFoundException extends StorageException {
  private static final long serialVersionUID = 1L;

  public StorageNotFoundException(String key, String location, @Nullable Throwable cause) {
    super(key, "no object at " + location + " (key '" + key + "')", cause);
  }
}
