package dev.genaiaws.testkit.internal.sagemaker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts a byte stream into PayloadPart payloads at arbitrary byte offsets (deliberately ignoring
 * line and UTF-8 character boundaries): either a fixed part size, or seeded random sizes in {@code
 * [1, maxPart]} (the same seed always cuts the same bytes at the same places).
 *
 * @param fixedSize the part size, or 0 for seeded random sizes
 * @param seed the random seed (used when {@code fixedSize == 0})
 * @param maxPart the largest random part
 */
public record PayloadSplitter(int fixedSize, long seed, int maxPart) {

  public PayloadSplitter {
    if (fixedSize < 0 || maxPart < 1) {
      throw new IllegalArgumentException("part sizes must be positive");
    }
  }

  /** Parts of exactly {@code size} bytes (the last may be shorter). */
  public static PayloadSplitter fixed(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be >= 1 but was " + size);
    }
    return new PayloadSplitter(size, 0, 1);
  }

  /** Seeded random parts of 1 to {@code maxPart} bytes. */
  public static PayloadSplitter random(long seed, int maxPart) {
    return new PayloadSplitter(0, seed, maxPart);
  }

  /** Splits {@code bytes}; never returns an empty part. */
  public List<byte[]> split(byte[] bytes) {
    List<byte[]> parts = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(seed);
    int pos = 0;
    while (pos < bytes.length) {
      int n = fixedSize > 0 ? fixedSize : 1 + r.nextInt(maxPart);
      int end = Math.min(bytes.length, pos + n);
      parts.add(Arrays.copyOfRange(bytes, pos, end));
      pos = end;
    }
    return parts;
  }
}
