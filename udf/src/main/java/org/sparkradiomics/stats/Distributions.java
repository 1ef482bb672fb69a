package org.sparkradiomics.stats;

/** Standard normal and Student t distribution functions (pure Java, double precision). */
public final class Distributions {
  private Distributions() {}

  /** Standard normal CDF Phi(z) = erfc(-z / sqrt 2) / 2. */
  public static double normalCdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2.0));
  }

  /** Two-sided normal p-value 2 * (1 - Phi(|z|)). */
  public static double normalTwoSided(double z) {
    return erfc(Math.abs(z) / Math.sqrt(2.0));
  }

  /**
   * Complementary error function, Chebyshev fit (Numerical Recipes erfcc): fractional error below 1.2e-7 everywhere,
   * which is ample for p-values and confidence limits.
   */
  public static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? ans : 2.0 - ans;
  }

  /**
   * Standard normal quantile Phi^-1(p) by Acklam's rational approximation (relative error below 1.15e-9).
   */
  public static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      if (p == 0) {
        return Double.NEGATIVE_INFINITY;
      }
      if (p == 1) {
        return Double.POSITIVE_INFINITY;
      }
      throw new IllegalArgumentException("p must be in [0, 1], got " + p);
    }
    final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    double x;
    if (p < 0.02425) {
      double q = Math.sqrt(-2 * Math.log(p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p > 1 - 0.02425) {
      double q = Math.sqrt(-2 * Math.log(1 - p));
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else {
      double q = p - 0.5;
      double r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
          / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    return x;
  }

  /** ln Gamma(x) for x > 0 (Lanczos, g = 7, n = 9). */
  public static double logGamma(double x) {
    final double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double a = g[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += g[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** Regularized incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes betai). */
  public static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double bt = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
    if (x < (a + 1) / (a + b + 2)) {
      return bt * betaCf(x, a, b) / a;
    }
    return 1 - bt * betaCf(1 - x, b, a) / b;
  }

  private static double betaCf(double x, double a, double b) {
    final double fpmin = 1e-300;
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = 1 - qab * x / qap;
    if (Math.abs(d) < fpmin) {
      d = fpmin;
    }
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10000; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      if (Math.abs(d) < fpmin) {
        d = fpmin;
      }
      c = 1 + aa / c;
      if (Math.abs(c) < fpmin) {
        c = fpmin;
      }
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      if (Math.abs(d) < fpmin) {
        d = fpmin;
      }
      c = 1 + aa / c;
      if (Math.abs(c) < fpmin) {
        c = fpmin;
      }
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-15) {
        break;
      }
    }
    return h;
  }

  /** Two-sided Student t p-value P(|T_df| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2). */
  public static double studentTwoSided(double t, double df) {
    if (Double.isNaN(t) || Double.isNaN(df)) {
      return Double.NaN;
    }
    if (Double.isInfinite(t)) {
      return 0;
    }
    return regularizedBeta(df / (df + t * t), df / 2, 0.5);
  }
}
