package org.sparkradiomics.stats;

/**
 * DeLong, DeLong and Clarke-Pearson (1988) nonparametric AUC variance, with the O(n log n) mid-rank formulation of
 * Sun and Xu (2014).
 *
 * <p>For m positives X_i and n negatives Y_j, with psi(x, y) = 1 if x &gt; y, 1/2 if x = y, 0 otherwise:
 * AUC = (1/mn) sum_ij psi(X_i, Y_j); the structural components are V10(X_i) = (1/n) sum_j psi(X_i, Y_j) and
 * V01(Y_j) = (1/m) sum_i psi(X_i, Y_j); S10 and S01 are their sample (co)variances (denominator m-1, n-1) and
 * Var(AUC) = S10/m + S01/n. For two scores on the same cases, Cov(AUC1, AUC2) = S10_12/m + S01_12/n and
 * z = (AUC1 - AUC2) / sqrt(Var1 + Var2 - 2 Cov) is referred to the standard normal (two-sided p). The confidence
 * interval is AUC +- z_{1-alpha/2} * SE, clipped to [0, 1] (as pROC's "delong" method).
 *
 * <p>Mid-ranks give the components without the m*n double loop: V10(X_i) = (R_i - Rx_i) / n where R_i is the
 * mid-rank of X_i among all m+n scores and Rx_i among the positives only; V01(Y_j) = 1 - (R_j - Ry_j) / m.
 */
public final class DeLong {
  private DeLong() {}

  /** AUC with DeLong standard error and two-sided confidence interval. */
  public record Auc(double auc, double variance, double se, double ciLow, double ciHigh, int positives,
                    int negatives) {}

  /** Paired comparison of two correlated AUCs. */
  public record Comparison(double auc1, double auc2, double difference, double variance, double z, double p) {}

  /** Structural components of one score: v10 per positive, v01 per negative. */
  record Components(double auc, double[] v10, double[] v01) {}

  static Components components(double[] score, int[] label) {
    if (score.length != label.length) {
      throw new IllegalArgumentException("scores and labels differ in length");
    }
    int m = 0;
    for (int l : label) {
      if (l != 0 && l != 1) {
        throw new IllegalArgumentException("labels must be 0/1, got " + l);
      }
      m += l;
    }
    int n = label.length - m;
    if (m == 0 || n == 0) {
      throw new IllegalArgumentException("need at least one positive and one negative (positives=" + m + ")");
    }
    double[] x = new double[m];
    double[] y = new double[n];
    for (int i = 0, a = 0, b = 0; i < label.length; i++) {
      if (label[i] == 1) {
        x[a++] = score[i];
      } else {
        y[b++] = score[i];
      }
    }
    double[] all = new double[m + n];
    System.arraycopy(x, 0, all, 0, m);
    System.arraycopy(y, 0, all, m, n);
    double[] r = Ranks.midRanks(all);
    double[] rx = Ranks.midRanks(x);
    double[] ry = Ranks.midRanks(y);
    double[] v10 = new double[m];
    double[] v01 = new double[n];
    double sum = 0;
    for (int i = 0; i < m; i++) {
      v10[i] = (r[i] - rx[i]) / n;
      sum += v10[i];
    }
    for (int j = 0; j < n; j++) {
      v01[j] = 1.0 - (r[m + j] - ry[j]) / m;
    }
    return new Components(sum / m, v10, v01);
  }

  private static double cov(double[] a, double[] b) {
    int k = a.length;
    if (k < 2) {
      return 0;
    }
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < k; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= k;
    mb /= k;
    double s = 0;
    for (int i = 0; i < k; i++) {
      s += (a[i] - ma) * (b[i] - mb);
    }
    return s / (k - 1);
  }

  /** AUC with a 95% DeLong confidence interval. */
  public static Auc auc(double[] score, int[] label) {
    return auc(score, label, 0.95);
  }

  /** AUC with a DeLong confidence interval at the given level (e.g. 0.95). */
  public static Auc auc(double[] score, int[] label, double level) {
    Components c = components(score, label);
    int m = c.v10.length;
    int n = c.v01.length;
    double var = cov(c.v10, c.v10) / m + cov(c.v01, c.v01) / n;
    double se = Math.sqrt(var);
    double z = Distributions.normalQuantile(1 - (1 - level) / 2);
    return new Auc(c.auc, var, se, Math.max(0, c.auc - z * se), Math.min(1, c.auc + z * se), m, n);
  }

  /** Paired DeLong test of AUC(score1) = AUC(score2) on the same cases. */
  public static Comparison compare(double[] score1, double[] score2, int[] label) {
    if (score1.length != score2.length) {
      throw new IllegalArgumentException("the two scores must be on the same cases");
    }
    Components a = components(score1, label);
    Components b = components(score2, label);
    int m = a.v10.length;
    int n = a.v01.length;
    double var1 = cov(a.v10, a.v10) / m + cov(a.v01, a.v01) / n;
    double var2 = cov(b.v10, b.v10) / m + cov(b.v01, b.v01) / n;
    double cov12 = cov(a.v10, b.v10) / m + cov(a.v01, b.v01) / n;
    double v = var1 + var2 - 2 * cov12;
    double d = a.auc - b.auc;
    double z = v > 0 ? d / Math.sqrt(v) : (d == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, d));
    double p = v > 0 ? Distributions.normalTwoSided(z) : (d == 0 ? 1 : 0);
    return new Comparison(a.auc, b.auc, d, v, z, p);
  }
}
