package dev.genaiaws.benchmarks;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live objects of the heap in bytes, by the package of each object's class, from the JVM's
 * class histogram of live objects (the diagnostic command {@code GC.class_histogram}, which runs a
 * full GC first). Exact to the byte, unlike the heap's "used" figure, which G1 counts in whole
 * regions (1 MB in a 2 GB heap) for every array of half a region or more, so that one large buffer
 * coming or going moved a per-stream figure by ~7 KB. Arrays are counted by their element class
 * ({@code [Lio.netty...;} is Netty's), and {@code byte[]}, {@code String} and the like under
 * "other", whoever holds them.
 *
 * @param genaiAws objects of genai-aws classes (the emulator's left out)
 * @param awsSdk objects of the AWS SDK's classes
 * @param netty objects of Netty's classes
 * @param emulator objects of the emulator's classes and of the JDK's HTTP server under it
 * @param other everything else: the JDK's classes, arrays of primitives, the harness's own
 */
record LiveHeap(long genaiAws, long awsSdk, long netty, long emulator, long other) {

  long total() {
    return genaiAws + awsSdk + netty + emulator + other;
  }

  LiveHeap minus(LiveHeap before) {
    return new LiveHeap(
        genaiAws - before.genaiAws,
        awsSdk - before.awsSdk,
        netty - before.netty,
        emulator - before.emulator,
        other - before.other);
  }

  /**
   * The live heap once it has settled: streams closed just before are torn down on the SDK's
   * threads for a while (measured: ~20 KB a stream still held 1 s after cancelling 150 raw
   * streams), so read it until two readings half a second apart differ by less than 4 KB (at most
   * 10 s).
   */
  static LiveHeap settled() throws InterruptedException {
    LiveHeap last = now();
    for (int i = 0; i < 20; i++) {
      Thread.sleep(500);
      LiveHeap next = now();
      if (Math.abs(next.total() - last.total()) < 4 * 1024) {
        return next;
      }
      last = next;
    }
    return last;
  }

  /** One class histogram of the live objects, summed by owner. */
  static LiveHeap now() {
    String histogram;
    try {
      histogram =
          (String)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "gcClassHistogram",
                      new Object[] {new String[0]},
                      new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IllegalStateException("the JVM's class histogram is not available", e);
    }
    long[] bytes = new long[5];
    for (String line : histogram.split("\n")) {
      // "   1:          9668         446704  [B (java.base@17.0.15)"
      String[] cols = line.trim().split("\\s+");
      if (cols.length < 4 || !cols[0].endsWith(":")) {
        continue;
      }
      bytes[owner(cols[3])] += Long.parseLong(cols[2]);
    }
    return new LiveHeap(bytes[0], bytes[1], bytes[2], bytes[3], bytes[4]);
  }

  /** The column of a class name: 0 genai-aws, 1 AWS SDK, 2 Netty, 3 emulator, 4 other. */
  static int owner(String className) {
    String name = className.replaceFirst("^\\[+L", "");
    if (name.startsWith("dev.genaiaws.testkit.")
        || name.startsWith("sun.net.httpserver.")
        || name.startsWith("com.sun.net.httpserver.")) {
      return 3;
    }
    if (name.startsWith("dev.genaiaws.benchmarks.")) {
      return 4;
    }
    if (name.startsWith("dev.genaiaws.")) {
      return 0;
    }
    if (name.startsWith("software.amazon.awssdk.")) {
      return 1;
    }
    if (name.startsWith("io.netty.")) {
      return 2;
    }
    return 4;
  }
}
