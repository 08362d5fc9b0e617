package dev.genaiaws.benchmarks;

import java.util.Arrays;

final class Stats {
  private Stats() {}

  static double median(double[] sorted) {
    return quantile(sorted, 0.5);
  }

  static double quantile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    if (s.length == 0) {
      return Double.NaN;
    }
    double pos = q * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  }

  static double median(long[] values) {
    return median(Arrays.stream(values).asDoubleStream().toArray());
  }
}
