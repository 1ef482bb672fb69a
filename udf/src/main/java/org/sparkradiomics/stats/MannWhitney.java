package org.sparkradiomics.stats;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) test with the normal approximation, tie-corrected variance and
 * continuity correction (as R's {@code wilcox.test(exact = FALSE, correct = TRUE)} and scipy's
 * {@code mannwhitneyu(method="asymptotic")}).
 *
 * <p>U1 = R1 - n1(n1+1)/2 with R1 the sum of mid-ranks of group 1 in the pooled sample; E[U] = n1 n2 / 2;
 * Var[U] = n1 n2 / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1))), N = n1 + n2, t = tie-group sizes;
 * z = (|U1 - E[U]| - 1/2) / sqrt(Var[U]); p = 2 (1 - Phi(z)). U1 / (n1 n2) is the AUC of group 1 versus group 2.
 */
public final class MannWhitney {
  private MannWhitney() {}

  /** Test result; {@code u} is U of the first group, {@code auc} = u / (n1 n2). */
  public record Result(double u, double z, double p, double auc, int n1, int n2) {}

  public static Result test(double[] group1, double[] group2) {
    int n1 = group1.length;
    int n2 = group2.length;
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("both groups need at least one value");
    }
    double[] all = new double[n1 + n2];
    System.arraycopy(group1, 0, all, 0, n1);
    System.arraycopy(group2, 0, all, n1, n2);
    double[] r = Ranks.midRanks(all);
    double r1 = 0;
    for (int i = 0; i < n1; i++) {
      r1 += r[i];
    }
    return fromRankSum(r1, n1, n2, Ranks.tieTerm(all));
  }

  /**
   * The test from sufficient statistics: rank sum of group 1 and the tie term sum(t^3 - t) of the pooled sample.
   * The distributed univariate filter computes these per feature and calls this.
   */
  public static Result fromRankSum(double rankSum1, long n1, long n2, double tieTerm) {
    double u = rankSum1 - n1 * (n1 + 1) / 2.0;
    double mu = n1 * (double) n2 / 2.0;
    double nn = n1 + n2;
    double var = n1 * (double) n2 / 12.0 * ((nn + 1) - tieTerm / (nn * (nn - 1)));
    double z;
    double p;
    if (var <= 0) {
      z = 0;
      p = 1;
    } else {
      double d = Math.abs(u - mu) - 0.5;
      z = Math.max(d, 0) / Math.sqrt(var);
      p = Math.min(1, Distributions.normalTwoSided(z));
    }
    return new Result(u, z, p, u / (n1 * (double) n2), (int) n1, (int) n2);
  }
}
