package dev.genaiaws.core.testing;

import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.exception.GenAiException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Hostile inputs for the decoders' fuzz properties (issue #19), and the one rule they check. Inputs
 * are realistic bodies (golden files) broken in every way a network, a proxy or a model can break
 * them: truncated, bytes flipped, inserted or deleted, invalid UTF-8 spliced in, numbers replaced
 * by huge, negative or fractional ones, wrapped in deep nesting, repeated to a large size; plus
 * pure garbage. Shipped in core's test-jar. The number of inputs per property is {@code
 * jqwik.tries.default} (the build's {@code fuzz.tries}: a short run always, a long campaign with
 * {@code -Plong}).
 */
public final class Fuzz {
  /**
   * Byte sequences that are not valid UTF-8: stray continuation, overlong, surrogate, truncated,
   * 0xFF.
   */
  private static final List<byte[]> INVALID_UTF8 =
      List.of(
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xC0, (byte) 0xAF},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          new byte[] {(byte) 0xE2, (byte) 0x82},
          new byte[] {(byte) 0xFF},
          new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});

  private static final List<String> BAD_NUMBERS =
      List.of(
          "-1",
          "1e38",
          "2147483648",
          "-2147483649",
          "12.5",
          "1E400",
          "-0.0",
          "9223372036854775808",
          "NaN",
          "\"many\"",
          "null",
          "[]",
          "{}",
          "1" + "0".repeat(400));

  private Fuzz() {}

  /** Broken variants of the given realistic bodies, and now and then pure garbage. */
  public static Arbitrary<byte[]> broken(List<byte[]> seeds) {
    Arbitrary<byte[]> seed = Arbitraries.of(seeds);
    // The mutation branches go without jqwik's edge cases: a flat-mapped arbitrary recomputes the
    // edge cases of
    // every inner arbitrary for every value it generates (each seed and mutation is a new
    // arbitrary, so nothing
    // is memoized), and seeds x mutations x boundaries made more edge cases than tries: every input
    // of a run was
    // an edge case (mostly the largest of each range), and generating them cost more than decoding.
    // Random
    // mutations are the point here; hostile() keeps its boundaries.
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, seed.flatMap(Fuzz::mutated).withoutEdgeCases()),
        net.jqwik.api.Tuple.of(
            2,
            Combinators.combine(seed, Arbitraries.integers().between(0, 3))
                .as(Fuzz::mutateTwice)
                .flatMap(a -> a)
                .withoutEdgeCases()),
        net.jqwik.api.Tuple.of(1, hostile()),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(512)));
  }

  private static Arbitrary<byte[]> mutateTwice(byte[] seed, int extra) {
    Arbitrary<byte[]> a = mutated(seed).withoutEdgeCases();
    for (int i = 0; i < extra; i++) {
      a = a.flatMap(b -> mutated(b).withoutEdgeCases()).withoutEdgeCases();
    }
    return a;
  }

  /** One mutation of {@code b}. */
  public static Arbitrary<byte[]> mutated(byte[] b) {
    int n = Math.max(1, b.length);
    Arbitrary<Integer> at = Arbitraries.integers().between(0, n - 1);
    return Arbitraries.oneOf(
        at.map(i -> Arrays.copyOf(b, Math.min(i, b.length))), // truncated
        Combinators.combine(at, Arbitraries.bytes()).as((i, x) -> set(b, i, x)), // byte flipped
        Combinators.combine(at, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
            .as((i, x) -> insert(b, i, x)), // bytes inserted
        Combinators.combine(at, Arbitraries.integers().between(1, 16))
            .as((i, k) -> delete(b, i, k)),
        Combinators.combine(at, Arbitraries.of(INVALID_UTF8)).as((i, x) -> insert(b, i, x)),
        Combinators.combine(Arbitraries.integers().between(0, 64), Arbitraries.of(BAD_NUMBERS))
            .as((k, x) -> replaceNumber(b, k, x)), // counts broken
        Arbitraries.integers().between(1, 3000).map(d -> nest(b, d)), // deep nesting
        Arbitraries.integers().between(2, 200).map(k -> repeat(b, k))); // large
  }

  /** Bodies that are hostile on their own: deep nesting, huge numbers and strings, lone tokens. */
  public static Arbitrary<byte[]> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.integers()
            .between(1, 100_000)
            .map(d -> "[".repeat(d).getBytes(StandardCharsets.UTF_8)),
        Arbitraries.integers()
            .between(1, 20_000)
            .map(d -> "{\"a\":".repeat(d).getBytes(StandardCharsets.UTF_8)),
        Arbitraries.integers()
            .between(1, 1_000_000)
            .map(d -> ("{\"text\":\"" + "x".repeat(d) + "\"}").getBytes(StandardCharsets.UTF_8)),
        Arbitraries.of(
                "",
                " ",
                "null",
                "true",
                "0",
                "\"\"",
                "[]",
                "{}",
                "{\"",
                "\u0000",
                "1e999999",
                "-",
                "[1,2,3]",
                "{\"outputs\":null}",
                "{\"generation\":{}}")
            .map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Runs {@code decode} on one input: it may return, or fail with the SDK's own exception carrying
   * a message; anything else (an {@code IllegalArgumentException}, an {@code NPE}, a stack
   * overflow) fails the property.
   */
  public static void onlyOwnExceptions(Runnable decode) {
    try {
      decode.run();
    } catch (GenAiException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("a " + e.getClass().getSimpleName() + " without a message", e);
      }
    } catch (Throwable t) { // NOPMD: the point is to catch everything else
      throw new AssertionError("escaped the SDK's exception family: " + t, t);
    }
  }

  // ---- linear growth (issue #19 item 3: "within a time bound linear in the input") ----

  /**
   * Ways to make a realistic body larger, each at a scale: the work to decode it must grow
   * linearly.
   */
  public enum Growth {
    /** The first string value made {@code 64 × scale} characters longer. */
    LONG_STRING,
    /** {@code 8 × scale} unknown fields added at the start of the first object. */
    MANY_FIELDS,
    /** The body repeated {@code scale} times. */
    REPEATED,
    /**
     * The body wrapped in {@code 4 × scale} arrays (below the JSON parser's nesting limit at the
     * base scale).
     */
    NESTED
  }

  /** How many times larger the big input of {@link #growsLinearly} is than the small one. */
  public static final int GROWTH = 16;

  /** {@code seed} grown in one {@link Growth} way at {@code scale}. */
  public static byte[] grown(byte[] seed, Growth growth, int scale) {
    String s = new String(seed, StandardCharsets.UTF_8);
    return switch (growth) {
      case LONG_STRING -> {
        int at = s.indexOf("\":\"");
        int i = at >= 0 ? at + 3 : Math.max(0, s.indexOf('"') + 1);
        yield (s.substring(0, i) + "x".repeat(64 * scale) + s.substring(i))
            .getBytes(StandardCharsets.UTF_8);
      }
      case MANY_FIELDS -> {
        int i = s.indexOf('{') + 1;
        StringBuilder fields = new StringBuilder();
        for (int k = 0; k < 8 * scale; k++) {
          fields.append("\"unknown").append(k).append("\":[").append(k).append(",\"v\"],");
        }
        yield (s.substring(0, i) + fields + s.substring(i)).getBytes(StandardCharsets.UTF_8);
      }
      case REPEATED -> repeat(seed, scale);
      case NESTED -> nest(seed, 4 * scale);
    };
  }

  /**
   * Checks that the work of {@code decode} grows linearly with its input: decodes the input at
   * {@code scale} and at {@link #GROWTH} times that scale, and fails when the big one costs more
   * than {@code 3 × GROWTH} times the small one (linear is {@code GROWTH} times, quadratic {@code
   * GROWTH²}), beyond a fixed 512 KiB. Work is counted as the bytes this thread allocates while
   * decoding (the JVM's own per-thread counter), not as time, so the check does not depend on the
   * machine's load. Both inputs are decoded once before they are measured (class loading, first
   * compilation). Decoders may fail with the SDK's exceptions.
   */
  public static void growsLinearly(
      java.util.function.IntFunction<byte[]> atScale,
      int scale,
      java.util.function.Consumer<byte[]> decode) {
    byte[] small = atScale.apply(scale);
    byte[] big = atScale.apply(scale * GROWTH);
    long[] work = new long[2];
    for (int round = 0; round < 2; round++) {
      work[0] = allocatedBy(() -> onlyOwnExceptions(() -> decode.accept(small)));
      work[1] = allocatedBy(() -> onlyOwnExceptions(() -> decode.accept(big)));
    }
    if (work[1] > 3L * GROWTH * work[0] + 512 * 1024) {
      throw new AssertionError(
          "decoding grows faster than linear: "
              + small.length
              + " bytes cost "
              + work[0]
              + " bytes of allocation, "
              + big.length
              + " bytes cost "
              + work[1]
              + " ("
              + (work[1] / Math.max(1, work[0]))
              + "x for "
              + GROWTH
              + "x the input)");
    }
  }

  /**
   * {@link #growsLinearly} for every text and embedding decoder, on {@code body} grown the {@code
   * growth} way.
   */
  public static void decodersGrowLinearly(
      byte[] body,
      Growth growth,
      List<dev.genaiaws.core.codec.ModelCodec> codecs,
      List<dev.genaiaws.core.codec.EmbeddingCodec> embedders,
      GenerationRequest request) {
    for (dev.genaiaws.core.codec.ModelCodec codec : codecs) {
      growsLinearly(scale -> grown(body, growth, scale), 8, b -> codec.decode(b, request));
    }
    for (dev.genaiaws.core.codec.EmbeddingCodec codec : embedders) {
      growsLinearly(scale -> grown(body, growth, scale), 8, codec::decode);
    }
  }

  /** The bytes the current thread allocates while {@code r} runs. */
  public static long allocatedBy(Runnable r) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = mx.getCurrentThreadAllocatedBytes();
    r.run();
    return mx.getCurrentThreadAllocatedBytes() - before;
  }

  private static byte[] set(byte[] b, int i, byte x) {
    if (b.length == 0) {
      return new byte[] {x};
    }
    byte[] c = b.clone();
    c[i] = x;
    return c;
  }

  private static byte[] insert(byte[] b, int i, byte[] x) {
    int at = Math.min(i, b.length);
    byte[] c = new byte[b.length + x.length];
    System.arraycopy(b, 0, c, 0, at);
    System.arraycopy(x, 0, c, at, x.length);
    System.arraycopy(b, at, c, at + x.length, b.length - at);
    return c;
  }

  private static byte[] delete(byte[] b, int i, int k) {
    int at = Math.min(i, b.length);
    int end = Math.min(b.length, at + k);
    byte[] c = new byte[b.length - (end - at)];
    System.arraycopy(b, 0, c, 0, at);
    System.arraycopy(b, end, c, at, b.length - end);
    return c;
  }

  /** Replaces the k-th number (modulo their count) of a JSON text with {@code x}. */
  private static byte[] replaceNumber(byte[] b, int k, String x) {
    String s = new String(b, StandardCharsets.UTF_8);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?<=[:\\[,]\\s?)-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")
            .matcher(s);
    List<int[]> spans = new java.util.ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return b;
    }
    int[] span = spans.get(k % spans.size());
    return (s.substring(0, span[0]) + x + s.substring(span[1])).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] nest(byte[] b, int depth) {
    return ("[".repeat(depth) + new String(b, StandardCharsets.UTF_8) + "]".repeat(depth))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The most a repeated body may grow to: repeats of repeats (mutateTwice) would otherwise
   * overflow.
   */
  private static final int MAX_REPEATED_BYTES = 8 << 20;

  private static byte[] repeat(byte[] b, int times) {
    int k = (int) Math.min(times, Math.max(1L, MAX_REPEATED_BYTES / Math.max(1, b.length)));
    byte[] c = new byte[b.length * k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(b, 0, c, i * b.length, b.length);
    }
    return c;
  }
}
