package dev.genaiaws.storage.internal;

import dev.genaiaws.storage.InvalidStorageKeyException;
import dev.genaiaws.storage.InvalidStorageKeyException.Rule;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.NullUnmarked;

/**
 * Validates keys against the rules of {@link Rule}; every store calls it before any I/O. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class StorageKeys {
  /** Longest key S3 accepts, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  private StorageKeys() {}

  /**
   * Returns the key, or throws {@link InvalidStorageKeyException} naming the key and the broken
   * rule.
   */
  public static String validate(String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidStorageKeyException(key, Rule.EMPTY, null);
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw new InvalidStorageKeyException(key, Rule.TOO_LONG, "it has " + bytes + " bytes");
    }
    if (key.charAt(0) == '/') {
      throw new InvalidStorageKeyException(key, Rule.LEADING_SLASH, null);
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        throw new InvalidStorageKeyException(
            key, Rule.CONTROL_CHARACTER, String.format("U+%04X at index %d", (int) c, i));
      }
      if (c == '\\') {
        throw new InvalidStorageKeyException(key, Rule.BACKSLASH, "at index " + i);
      }
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new InvalidStorageKeyException(key, Rule.EMPTY_SEGMENT, null);
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new InvalidStorageKeyException(key, Rule.DOT_SEGMENT, null);
      }
    }
    return key;
  }

  /**
   * Validates a listing prefix: empty is allowed (everything), and a trailing '/' is allowed;
   * otherwise the same rules as a key.
   */
  public static String validatePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (body.isEmpty()) {
      throw new InvalidStorageKeyException(prefix, Rule.LEADING_SLASH, null);
    }
    validate(body);
    return prefix;
  }

  /** {@code prefix/key}, or {@code key} when there is no prefix. */
  public static String join(String prefix, String key) {
    if (prefix == null || prefix.isEmpty()) {
      return key;
    }
    return prefix.endsWith("/") ? prefix + key : prefix + "/" + key;
  }

  /** The prefix a builder was given, without trailing '/', validated. */
  public static String normalizePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return validate(p);
  }
}
