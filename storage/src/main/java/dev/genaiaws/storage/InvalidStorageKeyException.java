package dev.genaiaws.storage;

/**
 * A key broke one of the rules every store applies before touching S3 or the disk (see {@link
 * #rule()}). Nothing was read or written. The rules keep keys portable between S3 and a folder and
 * make sure no key can reach outside the store's bucket prefix or root folder.
 */
public class InvalidStorageKeyException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** The rules a key must follow. */
  public enum Rule {
    /** A key must not be null or empty. */
    EMPTY("must not be empty"),
    /** At most 1,024 bytes once encoded as UTF-8 (the S3 limit). */
    TOO_LONG("must be at most 1024 bytes in UTF-8"),
    /** No leading '/': keys are relative to the bucket or root folder. */
    LEADING_SLASH("must not start with '/'"),
    /** No control characters (U+0000–U+001F, U+007F–U+009F). */
    CONTROL_CHARACTER("must not contain control characters"),
    /** No backslash: it is a path separator on Windows. */
    BACKSLASH("must not contain '\\'"),
    /** No empty segments: no '//' and no trailing '/'. */
    EMPTY_SEGMENT("must not contain empty segments ('//' or a trailing '/')"),
    /** No '.' or '..' segments. */
    DOT_SEGMENT("must not contain '.' or '..' segments"),
    /** A name the store keeps for itself (the folder store's {@code .genai-} files). */
    RESERVED_NAME("must not use a segment starting with '.genai-' (reserved by the folder store)");

    private final String description;

    Rule(String description) {
      this.description = description;
    }

    /** The rule in words, e.g. "must not start with '/'". */
    public String description() {
      return description;
    }
  }

  private final Rule rule;

  public InvalidStorageKeyException(String key, Rule rule, String detail) {
    super(
        key,
        "invalid storage key "
            + quote(key)
            + ": a key "
            + rule.description()
            + (detail == null ? "" : " (" + detail + ")"));
    this.rule = rule;
  }

  /** Which rule the key broke. */
  public Rule rule() {
    return rule;
  }

  /** The key for a message: quoted, control characters escaped, long keys shortened. */
  static String quote(String key) {
    if (key == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("'");
    int limit = Math.min(key.length(), 200);
    for (int i = 0; i < limit; i++) {
      char c = key.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (key.length() > limit) {
      sb.append("...(").append(key.length()).append(" chars)");
    }
    return sb.append('\'').toString();
  }
}
