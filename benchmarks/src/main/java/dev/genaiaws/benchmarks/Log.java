package dev.genaiaws.benchmarks;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

final class Log {
  private Log() {}

  static void log(String format, Object... args) {
    System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(format, args));
    System.out.flush();
  }
}
