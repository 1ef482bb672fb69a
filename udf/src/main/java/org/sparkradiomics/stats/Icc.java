package org.sparkradiomics.stats;

/**
 * Intraclass correlation ICC(3,1) (Shrout and Fleiss 1979; two-way mixed, consistency, single measurement; McGraw
 * and Wong's ICC(C,1)) for an n subjects x k raters/repeats table: ICC = (MSR - MSE) / (MSR + (k - 1) MSE), with
 * MSR = k * sum_i (mean_i. - mean)^2 / (n - 1) and MSE = SSE / ((n - 1)(k - 1)),
 * SSE = sum_ij (x_ij - mean_i. - mean_.j + mean)^2.
 */
public final class Icc {
  private Icc() {}

  /** @param x x[i][j] = measurement of subject i by rater j; every row has the same length k &gt;= 2, n &gt;= 2 */
  public static double icc31(double[][] x) {
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("ICC needs at least two subjects");
    }
    int k = x[0].length;
    if (k < 2) {
      throw new IllegalArgumentException("ICC needs at least two measurements per subject");
    }
    double[] rowMean = new double[n];
    double[] colMean = new double[k];
    double grand = 0;
    for (int i = 0; i < n; i++) {
      if (x[i].length != k) {
        throw new IllegalArgumentException("ragged table");
      }
      for (int j = 0; j < k; j++) {
        rowMean[i] += x[i][j];
        colMean[j] += x[i][j];
        grand += x[i][j];
      }
    }
    for (int i = 0; i < n; i++) {
      rowMean[i] /= k;
    }
    for (int j = 0; j < k; j++) {
      colMean[j] /= n;
    }
    grand /= n * (double) k;
    double ssr = 0;
    for (int i = 0; i < n; i++) {
      ssr += (rowMean[i] - grand) * (rowMean[i] - grand);
    }
    ssr *= k;
    double sse = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        double e = x[i][j] - rowMean[i] - colMean[j] + grand;
        sse += e * e;
      }
    }
    double msr = ssr / (n - 1);
    double mse = sse / ((n - 1) * (double) (k - 1));
    return (msr - mse) / (msr + (k - 1) * mse);
  }
}
