package dev.genaiaws.storage;

import dev.genaiaws.core.exception.GenAiClientException;
import org.jspecify.annotations.Nullable;

/**
 * A failure to store or read a generation, text or bytes: the bucket or folder could not be
 * reached, access was denied, or what was read could not be understood. The message names the key
 * and says what to do.
 *
 * <p>Three subclasses are worth catching on their own: {@link StorageConflictException} (the key
 * already exists: nothing was overwritten), {@link StorageNotFoundException} (no object under the
 * key) and {@link InvalidStorageKeyException} (the key breaks a rule; nothing was sent).
 */
public class StorageException extends GenAiClientException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public StorageException(String key, String message) {
    this(key, message, null, false);
  }

  public StorageException(String key, String message, @Nullable Throwable cause) {
    this(key, message, cause, false);
  }

  public StorageException(
      String key, String message, @Nullable Throwable cause, boolean retryable) {
    super(message, cause, retryable);
    this.key = key;
  }

  /**
   * The key the operation was about, or {@code null} when it was about no single key (a listing).
   */
  public String key() {
    return key;
  }
}
