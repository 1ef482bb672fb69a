package org.sparkradiomics.stats;

import java.util.Arrays;

/**
 * Benjamini-Hochberg false discovery rate: with p-values sorted ascending p_(1) &lt;= ... &lt;= p_(m), the adjusted
 * value is q_(i) = min_{k &gt;= i} min(1, m p_(k) / k) (R's {@code p.adjust(method = "BH")}).
 */
public final class Fdr {
  private Fdr() {}

  /** BH-adjusted p-values in the input order. NaN p-values are treated as 1. */
  public static double[] benjaminiHochberg(double[] p) {
    int m = p.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    double[] pp = new double[m];
    for (int i = 0; i < m; i++) {
      pp[i] = Double.isNaN(p[i]) ? 1.0 : p[i];
    }
    Arrays.sort(order, (a, b) -> Double.compare(pp[a], pp[b]));
    double[] q = new double[m];
    double running = 1.0;
    for (int k = m; k >= 1; k--) {
      int idx = order[k - 1];
      running = Math.min(running, Math.min(1.0, pp[idx] * m / k));
      q[idx] = running;
    }
    return q;
  }
}
