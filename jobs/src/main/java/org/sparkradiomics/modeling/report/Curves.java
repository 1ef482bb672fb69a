package org.sparkradiomics.modeling.report;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sparkradiomics.stats.Calibration;

/**
 * The curves of the modelling report, computed from predicted probabilities p_i and outcomes y_i in {0, 1}.
 *
 * <ul>
 *   <li>{@link #roc}: the empirical ROC curve, one vertex per distinct score (score &gt;= threshold is positive).
 *   <li>{@link #rocBand}: a pointwise 95% band of sensitivity at fixed false-positive rates 0, 0.01, ..., 1 by the
 *       stratified bootstrap (positives and negatives resampled separately, as pROC's {@code ci.se}), percentile
 *       interval. It is a band for the curve; the AUC interval of the report is DeLong's, not this bootstrap.
 *   <li>{@link #calibration}: observed event rate against mean predicted probability in the deciles of p
 *       (groups of equal size after sorting by p; ties may split across groups).
 *   <li>{@link #decision}: net benefit of the model, of treating all and of treating none (0) at thresholds
 *       0.01 ... 0.99.
 * </ul>
 */
public final class Curves {
  private Curves() {}

  /** ROC vertices (fpr[k], tpr[k]) from (0, 0) to (1, 1). */
  public record Roc(double[] fpr, double[] tpr) {}

  /** Pointwise band: sensitivity at each fpr with its bootstrap percentile bounds. */
  public record RocBand(double[] fpr, double[] tpr, double[] low, double[] high, int replicates) {}

  /** Calibration groups: mean predicted, observed rate and size per group. */
  public record CalibrationCurve(double[] predicted, double[] observed, int[] size) {}

  /** Decision curve at thresholds pt. */
  public record DecisionCurve(double[] threshold, double[] model, double[] treatAll) {}

  public static Roc roc(double[] p, int[] y) {
    int n = p.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    int pos = 0;
    for (int v : y) {
      pos += v;
    }
    int neg = n - pos;
    double[] fpr = new double[n + 1];
    double[] tpr = new double[n + 1];
    int k = 1;
    int tp = 0;
    int fp = 0;
    int i = 0;
    while (i < n) {
      double t = p[order[i]];
      while (i < n && p[order[i]] == t) {
        if (y[order[i]] == 1) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      fpr[k] = fp / (double) neg;
      tpr[k] = tp / (double) pos;
      k++;
    }
    return new Roc(Arrays.copyOf(fpr, k), Arrays.copyOf(tpr, k));
  }

  /**
   * Highest sensitivity with false-positive rate &lt;= f, calling score &gt; t positive where t is the
   * (floor(f n) + 1)-th largest negative score. {@code posAsc} and {@code negDesc} are sorted.
   */
  static double sensitivityAt(double[] posAsc, double[] negDesc, double f) {
    int n = negDesc.length;
    int k = (int) Math.floor(f * n + 1e-9);
    if (k >= n) {
      return 1.0;
    }
    double t = negDesc[k];
    // positives strictly above t
    int lo = 0;
    int hi = posAsc.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (posAsc[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (posAsc.length - lo) / (double) posAsc.length;
  }

  public static RocBand rocBand(double[] p, int[] y, int replicates, long seed) {
    int pos = 0;
    for (int v : y) {
      pos += v;
    }
    double[] x = new double[pos];
    double[] z = new double[p.length - pos];
    for (int i = 0, a = 0, b = 0; i < p.length; i++) {
      if (y[i] == 1) {
        x[a++] = p[i];
      } else {
        z[b++] = p[i];
      }
    }
    int g = 101;
    double[] fpr = new double[g];
    for (int j = 0; j < g; j++) {
      fpr[j] = j / 100.0;
    }
    double[] posAsc = x.clone();
    Arrays.sort(posAsc);
    double[] negDesc = descending(z);
    double[] tpr = new double[g];
    for (int j = 0; j < g; j++) {
      tpr[j] = sensitivityAt(posAsc, negDesc, fpr[j]);
    }
    double[][] boot = new double[g][replicates];
    SplittableRandom r = new SplittableRandom(seed);
    double[] bx = new double[x.length];
    double[] bz = new double[z.length];
    for (int b = 0; b < replicates; b++) {
      for (int i = 0; i < bx.length; i++) {
        bx[i] = x[r.nextInt(x.length)];
      }
      for (int i = 0; i < bz.length; i++) {
        bz[i] = z[r.nextInt(z.length)];
      }
      Arrays.sort(bx);
      double[] bzDesc = descending(bz);
      for (int j = 0; j < g; j++) {
        boot[j][b] = sensitivityAt(bx, bzDesc, fpr[j]);
      }
    }
    double[] low = new double[g];
    double[] high = new double[g];
    for (int j = 0; j < g; j++) {
      Arrays.sort(boot[j]);
      low[j] = quantile(boot[j], 0.025);
      high[j] = quantile(boot[j], 0.975);
    }
    return new RocBand(fpr, tpr, low, high, replicates);
  }

  private static double[] descending(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    for (int i = 0, j = s.length - 1; i < j; i++, j--) {
      double t = s[i];
      s[i] = s[j];
      s[j] = t;
    }
    return s;
  }

  /** Quantile of sorted values with linear interpolation (type 7, R's default). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  public static CalibrationCurve calibration(double[] p, int[] y, int groups) {
    int n = p.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
    int g = Math.min(groups, n);
    double[] pred = new double[g];
    double[] obs = new double[g];
    int[] size = new int[g];
    for (int k = 0; k < g; k++) {
      int from = (int) ((long) k * n / g);
      int to = (int) ((long) (k + 1) * n / g);
      double sp = 0;
      double sy = 0;
      for (int i = from; i < to; i++) {
        sp += p[order[i]];
        sy += y[order[i]];
      }
      size[k] = to - from;
      pred[k] = sp / size[k];
      obs[k] = sy / size[k];
    }
    return new CalibrationCurve(pred, obs, size);
  }

  public static DecisionCurve decision(double[] p, int[] y) {
    double[] t = new double[99];
    double[] m = new double[99];
    double[] all = new double[99];
    for (int k = 0; k < 99; k++) {
      t[k] = (k + 1) / 100.0;
      m[k] = Calibration.netBenefit(p, y, t[k]);
      all[k] = Calibration.netBenefitTreatAll(y, t[k]);
    }
    return new DecisionCurve(t, m, all);
  }

  /** Wilson score interval for k successes out of n at 95%. */
  public static double[] wilson(int k, int n) {
    if (n == 0) {
      throw new IllegalArgumentException("Wilson interval of an empty group");
    }
    double z = 1.959963984540054;
    double ph = k / (double) n;
    double d = 1 + z * z / n;
    double c = (ph + z * z / (2 * n)) / d;
    double h = z * Math.sqrt(ph * (1 - ph) / n + z * z / (4.0 * n * n)) / d;
    return new double[] {Math.max(0, c - h), Math.min(1, c + h)};
  }
}
