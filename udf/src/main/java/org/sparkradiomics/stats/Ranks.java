package org.sparkradiomics.stats;

import java.util.Arrays;

/** Mid-ranks (average ranks for ties), 1-based, by one sort: O(n log n). */
public final class Ranks {
  private Ranks() {}

  /** Mid-ranks of {@code x}: rank of x_i = 1 + #{x_j < x_i} + (#{x_j == x_i} - 1) / 2. */
  public static double[] midRanks(double[] x) {
    int n = x.length;
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Double.compare(x[a], x[b]));
    double[] r = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && x[boxed[j + 1]] == x[boxed[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1.0;
      for (int k = i; k <= j; k++) {
        r[boxed[k]] = mid;
      }
      i = j + 1;
    }
    return r;
  }

  /** Tie term sum over tie groups of (t^3 - t), used by the Mann-Whitney variance correction. */
  public static double tieTerm(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    double sum = 0;
    int i = 0;
    while (i < s.length) {
      int j = i;
      while (j + 1 < s.length && s[j + 1] == s[i]) {
        j++;
      }
      double t = j - i + 1;
      sum += t * t * t - t;
      i = j + 1;
    }
    return sum;
  }
}
