package dev.genaiaws.benchmarks;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

final class Log {
  private Log() {}

  @SuppressWarnings(
      "AnnotateFormatMethod") // @FormatMethod would need the errorprone annotations jar here
  static void log(String format, Object... args) {
    System.out.println(
        "["
            + LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
            + "] "
            + String.format(format, args));
    System.out.flush();
  }
}
