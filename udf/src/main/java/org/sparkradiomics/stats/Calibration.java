package org.sparkradiomics.stats;

/**
 * Probability calibration and clinical utility of predicted risks p_i for outcomes y_i in {0, 1}.
 *
 * <ul>
 *   <li>Brier score: (1/n) sum (p_i - y_i)^2.
 *   <li>Calibration slope: b in logit P(y = 1) = a + b * logit(p_i) (logistic recalibration, maximum likelihood).
 *   <li>Calibration intercept (calibration-in-the-large): a in logit P(y = 1) = a + 1 * logit(p_i), i.e. logistic
 *       regression with logit(p_i) as an offset. Perfect calibration gives intercept 0 and slope 1.
 *   <li>Decision-curve net benefit at threshold probability pt: TP/n - FP/n * pt / (1 - pt), where p_i &gt;= pt is
 *       treated; "treat all" is prevalence - (1 - prevalence) * pt / (1 - pt).
 * </ul>
 * Predictions are clipped to [1e-12, 1 - 1e-12] before the logit.
 */
public final class Calibration {
  private Calibration() {}

  /** Intercept (with offset, slope fixed at 1) and slope (free intercept) of the logistic recalibration. */
  public record Result(double intercept, double slope, double slopeIntercept) {}

  public static double brier(double[] p, int[] y) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double d = p[i] - y[i];
      s += d * d;
    }
    return s / p.length;
  }

  static double logit(double p) {
    double q = Math.min(1 - 1e-12, Math.max(1e-12, p));
    return Math.log(q / (1 - q));
  }

  public static Result recalibration(double[] p, int[] y) {
    int n = p.length;
    double[] lp = new double[n];
    for (int i = 0; i < n; i++) {
      lp[i] = logit(p[i]);
    }
    // Intercept only with offset: Newton on a, score = sum(y - s(a + lp)), information = sum s(1-s).
    double a = 0;
    for (int it = 0; it < 100; it++) {
      double g = 0;
      double h = 0;
      for (int i = 0; i < n; i++) {
        double s = sigmoid(a + lp[i]);
        g += y[i] - s;
        h += s * (1 - s);
      }
      double step = g / h;
      a += step;
      if (Math.abs(step) < 1e-12) {
        break;
      }
    }
    // Two-parameter logistic regression y ~ c + b lp by Newton-Raphson.
    double c = 0;
    double b = 1;
    for (int it = 0; it < 200; it++) {
      double g0 = 0;
      double g1 = 0;
      double h00 = 0;
      double h01 = 0;
      double h11 = 0;
      for (int i = 0; i < n; i++) {
        double s = sigmoid(c + b * lp[i]);
        double r = y[i] - s;
        double w = s * (1 - s);
        g0 += r;
        g1 += r * lp[i];
        h00 += w;
        h01 += w * lp[i];
        h11 += w * lp[i] * lp[i];
      }
      double det = h00 * h11 - h01 * h01;
      if (det <= 0) {
        break;
      }
      double dc = (h11 * g0 - h01 * g1) / det;
      double db = (-h01 * g0 + h00 * g1) / det;
      c += dc;
      b += db;
      if (Math.abs(dc) + Math.abs(db) < 1e-12) {
        break;
      }
    }
    return new Result(a, b, c);
  }

  static double sigmoid(double t) {
    return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
  }

  /** Net benefit of the model at threshold probability pt in (0, 1). */
  public static double netBenefit(double[] p, int[] y, double pt) {
    int tp = 0;
    int fp = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] >= pt) {
        if (y[i] == 1) {
          tp++;
        } else {
          fp++;
        }
      }
    }
    return tp / (double) p.length - fp / (double) p.length * pt / (1 - pt);
  }

  /** Net benefit of treating everyone at threshold pt. */
  public static double netBenefitTreatAll(int[] y, double pt) {
    double prev = 0;
    for (int v : y) {
      prev += v;
    }
    prev /= y.length;
    return prev - (1 - prev) * pt / (1 - pt);
  }
}
