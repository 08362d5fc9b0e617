package dev.genaiaws.benchmarks;

import dev.genaiaws.testkit.BedrockEmulator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.NullUnmarked;

/**
 * Per-call time and bytes allocated on the calling thread, for every variant, side by side: each
 * round runs every variant (in a shuffled order) for the same number of calls, so a change in
 * machine load hits all of them alike. The result per variant is the median over rounds.
 */
@NullUnmarked // harness: reads back by key the samples it has just recorded (a missing one is a
// harness bug)
final class Overhead {
  record Row(
      String key,
      String label,
      String api,
      Workload.Size size,
      double microsPerCall,
      double bytesPerCall,
      double p25Micros,
      double p75Micros,
      double minMicros,
      double cpuMicrosPerCall) {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Calls every variant makes before any is measured (with the first prompt size). HotSpot compiles
   * a method with C2 only after some 5,000 to 15,000 calls ({@code Tier4InvocationThreshold},
   * {@code Tier4CompileThreshold}); until then it runs C1 code that also profiles, several times
   * slower. With the earlier 1.5 s warm-up (~700 calls) and ~2,000 measured calls a variant, each
   * variant's own code ran mostly as C1 code while the AWS SDK's, shared by all six variants, was
   * compiled six times sooner: a split of the calling thread's CPU showed ours' own work at 97 µs a
   * call after 3,000 calls and 51 µs after 25,000 (raw's hand-written code: 23 µs and 18 µs). A
   * service makes millions of calls: the steady state is what it runs in.
   */
  static final int WARM_CALLS = 12_000;

  /** Warm-up calls for the later prompt sizes: the code is compiled by then. */
  static final int SIZE_WARM_CALLS = 300;

  private Overhead() {}

  static List<Row> run(BedrockEmulator emulator, int rounds, long roundNanos, int warmCalls) {
    try (CallVariants cv = new CallVariants(emulator.endpoint(), Workload.MAX_TOKENS)) {
      return measure(
          emulator, cv.variants, List.of(Workload.Size.values()), rounds, roundNanos, warmCalls);
    }
  }

  /** Runs the given variants side by side, as {@link #run} does for the peer variants. */
  static List<Row> measure(
      BedrockEmulator emulator,
      List<CallVariants.Variant> variants,
      List<Workload.Size> sizes,
      int rounds,
      long roundNanos,
      int warmCalls) {
    List<Row> rows = new ArrayList<>();
    {
      for (Workload.Size size : sizes) {
        String prompt = size.prompt;
        Map<String, Integer> callsPerRound = new LinkedHashMap<>();
        // every variant to the JIT's steady state first (see WARM_CALLS), taking turns so that the
        // AWS SDK code all of them share is compiled seeing every one of them
        int warm = size == sizes.get(0) ? warmCalls : SIZE_WARM_CALLS;
        for (CallVariants.Variant v : variants) {
          check(v, v.call().apply(prompt));
        }
        for (int i = 0; i < warm; i++) {
          for (CallVariants.Variant v : variants) {
            var unused = v.call().apply(prompt);
          }
          if (i % 1000 == 999) {
            emulator.reset();
          }
        }
        // size the rounds so each takes about roundNanos
        for (CallVariants.Variant v : variants) {
          long t0 = System.nanoTime();
          int n = 0;
          while (System.nanoTime() - t0 < 500_000_000L) {
            var unused = v.call().apply(prompt);
            n++;
          }
          double perCall = (System.nanoTime() - t0) / (double) n;
          callsPerRound.put(v.key(), (int) Math.max(5, roundNanos / perCall));
          emulator.reset();
        }
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        List<CallVariants.Variant> order = new ArrayList<>(variants);
        Random random = new Random(42);
        for (int r = 0; r < rounds; r++) {
          Collections.shuffle(order, random);
          for (CallVariants.Variant v : order) {
            int n = callsPerRound.get(v.key());
            long tid = Thread.currentThread().getId();
            long a0 = THREADS.getThreadAllocatedBytes(tid);
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
              var unused = v.call().apply(prompt);
            }
            long t1 = System.nanoTime();
            long c1 = THREADS.getCurrentThreadCpuTime();
            long a1 = THREADS.getThreadAllocatedBytes(tid);
            samples
                .computeIfAbsent(v.key(), k -> new ArrayList<>())
                .add(
                    new double[] {
                      (t1 - t0) / 1000.0 / n, (a1 - a0) / (double) n, (c1 - c0) / 1000.0 / n
                    });
          }
          emulator.reset();
        }
        for (CallVariants.Variant v : variants) {
          List<double[]> s = samples.get(v.key());
          double[] times = s.stream().mapToDouble(x -> x[0]).sorted().toArray();
          double[] bytes = s.stream().mapToDouble(x -> x[1]).sorted().toArray();
          double[] cpu = s.stream().mapToDouble(x -> x[2]).sorted().toArray();
          rows.add(
              new Row(
                  v.key(),
                  v.label(),
                  v.api(),
                  size,
                  Stats.median(times),
                  Stats.median(bytes),
                  Stats.quantile(times, 0.25),
                  Stats.quantile(times, 0.75),
                  times[0],
                  Stats.median(cpu)));
        }
        Log.log("overhead %s: %s", size, rows.subList(rows.size() - variants.size(), rows.size()));
      }
    }
    return rows;
  }

  private static void check(CallVariants.Variant v, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalStateException(v.label() + " returned no text");
    }
  }
}
