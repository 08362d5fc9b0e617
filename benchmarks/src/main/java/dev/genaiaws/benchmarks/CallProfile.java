package dev.genaiaws.benchmarks;

import dev.genaiaws.testkit.BedrockEmulator;
import java.lang.management.ManagementFactory;

/**
 * A profiling driver, not a stage: runs one call variant in a loop for a while on the calling
 * thread, for a JFR recording ({@code -XX:StartFlightRecording}) to attribute its CPU and
 * allocation. Arguments: the variant key (see {@link CallVariants}: raw, ours, rawConverse,
 * oursConverse, ...) and the seconds to run; prints caller CPU and bytes per call at the end.
 */
public final class CallProfile {
  private CallProfile() {}

  /**
   * Sockets in TIME_WAIT on the emulator's port (each closed connection leaves one for a while).
   */
  private static long timeWait(int port) throws java.io.IOException {
    String hexPort = String.format(":%04X", port);
    long n = 0;
    for (String f : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(f))) {
        String[] c = line.trim().split("\\s+");
        if (c.length > 3
            && (c[1].endsWith(hexPort) || c[2].endsWith(hexPort))
            && c[3].equals("06")) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Variants side by side in alternating rounds of 400 calls: median caller CPU and bytes per call,
   * ratios.
   */
  private static void interleaved(
      BedrockEmulator emulator, CallVariants cv, String[] keys, int rounds) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    java.util.List<CallVariants.Variant> vs = new java.util.ArrayList<>();
    for (String k : keys) {
      vs.add(
          cv.variants.stream()
              .filter(x -> x.key().equals(k))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no variant " + k)));
    }
    String prompt = Workload.Size.SMALL.prompt;
    for (CallVariants.Variant v : vs) {
      for (int i = 0; i < 3000; i++) {
        var unused = v.call().apply(prompt);
      }
    }
    double[][] cpu = new double[vs.size()][rounds];
    double[][] bytes = new double[vs.size()][rounds];
    long tid = Thread.currentThread().getId();
    for (int r = 0; r < rounds; r++) {
      emulator.reset();
      for (int j = 0; j < vs.size(); j++) {
        int idx = (j + r) % vs.size();
        CallVariants.Variant v = vs.get(idx);
        long a0 = threads.getThreadAllocatedBytes(tid);
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 400; i++) {
          var unused = v.call().apply(prompt);
        }
        cpu[idx][r] = (threads.getCurrentThreadCpuTime() - c0) / 1000.0 / 400;
        bytes[idx][r] = (threads.getThreadAllocatedBytes(tid) - a0) / 400.0;
      }
    }
    for (int j = 0; j < vs.size(); j++) {
      double[] c = cpu[j].clone();
      double[] b = bytes[j].clone();
      java.util.Arrays.sort(c);
      java.util.Arrays.sort(b);
      double[] ratio = new double[rounds];
      double[] bratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = cpu[j][r] / cpu[0][r];
        bratio[r] = bytes[j][r] / bytes[0][r];
      }
      java.util.Arrays.sort(ratio);
      java.util.Arrays.sort(bratio);
      Log.log(
          "%s: caller CPU %.1f us/call (x %s: %.3f per-round median), %.0f B/call (x %.3f)",
          keys[j],
          Stats.median(c),
          keys[0],
          Stats.median(ratio),
          Stats.median(b),
          Stats.median(bratio));
    }
  }

  public static void main(String[] args) throws Exception {
    String key = args.length > 0 ? args[0] : "ours";
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (BedrockEmulator emulator = BedrockEmulator.start();
        CallVariants cv = new CallVariants(emulator.endpoint(), Workload.MAX_TOKENS)) {
      if (key.startsWith("conns:")) {
        for (String k : key.substring(6).split(",")) {
          CallVariants.Variant v =
              cv.variants.stream().filter(x -> x.key().equals(k)).findFirst().orElseThrow();
          long before = timeWait(emulator.port());
          for (int i = 0; i < seconds; i++) {
            var unused = v.call().apply(Workload.Size.SMALL.prompt);
          }
          Log.log(
              "%s: %d calls, %d new TIME_WAIT sockets to the emulator",
              k, seconds, timeWait(emulator.port()) - before);
        }
        return;
      }
      if (key.startsWith(
          "pool:")) { // pool:variant,threads: that variant on a fixed pool for the given seconds
        String[] a = key.substring(5).split(",");
        CallVariants.Variant v =
            cv.variants.stream().filter(x -> x.key().equals(a[0])).findFirst().orElseThrow();
        double[] r =
            Scale.pool(
                () -> {
                  var unused = v.call().apply(Workload.Size.SMALL.prompt);
                },
                Integer.parseInt(a[1]),
                seconds * 1000);
        Log.log(
            "%s on %s threads: %.0f calls/s, %.0f us CPU/call, %.0f B/call",
            a[0], a[1], r[0], r[1], r[2]);
        return;
      }
      if (key.equals("inprocess")) {
        InProcess.run(emulator, (int) seconds);
        return;
      }
      if (key.contains(",")) {
        interleaved(emulator, cv, key.split(","), (int) seconds);
        return;
      }
      CallVariants.Variant v =
          cv.variants.stream()
              .filter(x -> x.key().equals(key))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no variant " + key));
      String prompt = Workload.Size.SMALL.prompt;
      for (int i = 0; i < 3000; i++) {
        var unused = v.call().apply(prompt);
      }
      emulator.reset();
      long tid = Thread.currentThread().getId();
      long a0 = threads.getThreadAllocatedBytes(tid);
      long c0 = threads.getCurrentThreadCpuTime();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      int n = 0;
      while (System.nanoTime() < end) {
        var unused = v.call().apply(prompt);
        if (++n % 5000 == 0) {
          emulator.reset();
        }
      }
      Log.log(
          "%s: %d calls, caller CPU %.1f us/call, %.0f B/call",
          key,
          n,
          (threads.getCurrentThreadCpuTime() - c0) / 1000.0 / n,
          (threads.getThreadAllocatedBytes(tid) - a0) / (double) n);
    }
  }
}
