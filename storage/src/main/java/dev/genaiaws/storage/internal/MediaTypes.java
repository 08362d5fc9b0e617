package dev.genaiaws.storage.internal;

import java.util.Locale;
import java.util.Map;

/** File extensions for media types and back. Internal. */
public final class MediaTypes {
  public static final String JSON = "application/json; charset=utf-8";
  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String OCTET_STREAM = "application/octet-stream";

  private static final Map<String, String> EXTENSIONS =
      Map.of(
          "image/png",
          "png",
          "image/jpeg",
          "jpg",
          "image/jpg",
          "jpg",
          "image/webp",
          "webp",
          "image/gif",
          "gif",
          "image/tiff",
          "tiff",
          "image/bmp",
          "bmp",
          "image/svg+xml",
          "svg");

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("webp", "image/webp"),
          Map.entry("gif", "image/gif"),
          Map.entry("json", JSON),
          Map.entry("txt", TEXT),
          Map.entry("md", "text/markdown; charset=utf-8"),
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("csv", "text/csv; charset=utf-8"),
          Map.entry("pdf", "application/pdf"));

  private MediaTypes() {}

  /** {@code png} for {@code image/png}; a safe lowercase subtype, or {@code bin}, for others. */
  public static String extension(String mediaType) {
    if (mediaType == null) {
      return "bin";
    }
    String type = mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    String known = EXTENSIONS.get(type);
    if (known != null) {
      return known;
    }
    int slash = type.indexOf('/');
    String sub = slash < 0 ? "" : type.substring(slash + 1);
    return sub.matches("[a-z0-9]{1,10}") ? sub : "bin";
  }

  /** The media type for a key's extension, or {@code application/octet-stream}. */
  public static String fromKey(String key) {
    int dot = key.lastIndexOf('.');
    int slash = key.lastIndexOf('/');
    if (dot <= slash + 1) {
      return OCTET_STREAM;
    }
    return TYPES.getOrDefault(key.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
  }
}
