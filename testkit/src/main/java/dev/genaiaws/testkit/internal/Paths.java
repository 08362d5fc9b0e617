package dev.genaiaws.testkit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Path-segment helpers. */
public final class Paths {
  private Paths() {}

  /** Percent-decodes one path segment as UTF-8 ({@code +} stays a plus). */
  public static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
