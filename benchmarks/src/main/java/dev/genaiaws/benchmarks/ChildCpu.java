package dev.genaiaws.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU a cold-start child has used so far, all its threads (JIT and GC included), as {@code
 * CPU_MS=...}: user + system time from {@code /proc/self/stat} (10 ms ticks). Read once the request
 * is answered. Unlike wall time it hardly moves when other processes load the machine, so it is the
 * figure to compare variants by on a busy one; work done in parallel shows in it as work, not as
 * time saved.
 */
final class ChildCpu {
  private static final double MS_PER_TICK = 10;

  private ChildCpu() {}

  static String line() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
      // fields after the ")" that closes the command name: state is field 3, utime 14, stime 15
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return "CPU_MS=" + (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return "CPU_MS=NaN";
    }
  }
}
