package org.sparkradiomics.stats;

/**
 * Welch's unequal-variance t test (two-sided): t = (m1 - m2) / sqrt(s1^2/n1 + s2^2/n2), with sample variances
 * (denominator n - 1) and Welch-Satterthwaite df = (s1^2/n1 + s2^2/n2)^2 / ((s1^2/n1)^2/(n1-1) + (s2^2/n2)^2/(n2-1)).
 */
public final class WelchT {
  private WelchT() {}

  public record Result(double t, double df, double p, double mean1, double mean2) {}

  public static Result test(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      throw new IllegalArgumentException("Welch t needs at least two values per group");
    }
    double m1 = mean(a);
    double m2 = mean(b);
    double v1 = var(a, m1) / a.length;
    double v2 = var(b, m2) / b.length;
    double se2 = v1 + v2;
    if (se2 == 0) {
      return new Result(m1 == m2 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, m1 - m2), Double.NaN,
          m1 == m2 ? 1 : 0, m1, m2);
    }
    double t = (m1 - m2) / Math.sqrt(se2);
    double df = se2 * se2 / (v1 * v1 / (a.length - 1) + v2 * v2 / (b.length - 1));
    return new Result(t, df, Distributions.studentTwoSided(t, df), m1, m2);
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static double var(double[] x, double m) {
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }
}
