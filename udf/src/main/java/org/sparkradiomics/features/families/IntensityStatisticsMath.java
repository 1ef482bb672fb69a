package org.sparkradiomics.features.families;

import java.util.List;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;

/**
 * Descriptive statistics shared by the intensity-statistics (stat_*) and intensity-histogram (ih_*) families
 * (IBSI-1 sections 3.3 and 3.4, whose definitions coincide apart from the input: raw intensities X vs discretised
 * grey levels X_d). Works on an ascending-sorted {@code double[]}; no object per voxel.
 */
final class IntensityStatisticsMath {
  private IntensityStatisticsMath() {}

  /**
   * Percentile with linear interpolation between closest ranks (Hyndman-Fan type 7, numpy's default, as in the
   * IBSI reference implementations): {@code h = (N - 1) p}, {@code P = x_(floor h) + (h - floor h)(x_(floor h + 1) -
   * x_(floor h))} on 0-based sorted values. Requires a non-empty array.
   */
  static double percentile(double[] sorted, double p) {
    int n = sorted.length;
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double frac = h - lo;
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
  }

  /**
   * The descriptive features of a non-empty sorted sample; a value is NaN where the feature is undefined and the
   * matching {@code *Reason} field says why.
   */
  static final class Descriptives {
    int n;
    double mean;
    double variance;
    double skewness;
    double kurtosis;
    double median;
    double min;
    double p10;
    double p25;
    double p75;
    double p90;
    double max;
    double iqr;
    double range;
    double mad;
    double rmad;
    String rmadReason;
    double medad;
    double cov;
    String covReason;
    double qcod;
    String qcodReason;
    double energy;
    double rms;
  }

  /**
   * Computes, for sorted values x_1..x_N (IBSI-1 3.3):
   *
   * <ul>
   *   <li>mean {@code mu = (1/N) sum x}; variance {@code sigma^2 = (1/N) sum (x - mu)^2} (biased);
   *   <li>skewness {@code (1/N) sum (x - mu)^3 / sigma^3}, excess kurtosis {@code (1/N) sum (x - mu)^4 / sigma^4 - 3}
   *       (both 0 when sigma = 0, as IBSI-1 specifies);
   *   <li>median, min, P10, P25, P75, P90, max ({@link #percentile}); IQR {@code P75 - P25}; range {@code max - min};
   *   <li>mean absolute deviation {@code (1/N) sum |x - mu|}; robust MAD: the same on the voxels with
   *       {@code P10 <= x <= P90}, around their own mean; median absolute deviation {@code (1/N) sum |x - median|};
   *   <li>coefficient of variation {@code sigma / mu}; quartile coefficient of dispersion
   *       {@code (P75 - P25)/(P75 + P25)}; energy {@code sum x^2}; RMS {@code sqrt(energy / N)}.
   * </ul>
   */
  static Descriptives describe(double[] sorted) {
    Descriptives d = new Descriptives();
    int n = sorted.length;
    d.n = n;
    double sum = 0;
    double energy = 0;
    for (double x : sorted) {
      sum += x;
      energy += x * x;
    }
    double mu = sum / n;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    double absDev = 0;
    for (double x : sorted) {
      double dv = x - mu;
      double dv2 = dv * dv;
      m2 += dv2;
      m3 += dv2 * dv;
      m4 += dv2 * dv2;
      absDev += Math.abs(dv);
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    d.mean = mu;
    d.variance = m2;
    if (m2 > 0) {
      d.skewness = m3 / Math.pow(m2, 1.5);
      d.kurtosis = m4 / (m2 * m2) - 3.0;
    } else {
      d.skewness = 0.0;
      d.kurtosis = 0.0;
    }
    d.min = sorted[0];
    d.max = sorted[n - 1];
    d.median = percentile(sorted, 0.5);
    d.p10 = percentile(sorted, 0.10);
    d.p25 = percentile(sorted, 0.25);
    d.p75 = percentile(sorted, 0.75);
    d.p90 = percentile(sorted, 0.90);
    d.iqr = d.p75 - d.p25;
    d.range = d.max - d.min;
    d.mad = absDev / n;

    double rSum = 0;
    int rN = 0;
    for (double x : sorted) {
      if (x >= d.p10 && x <= d.p90) {
        rSum += x;
        rN++;
      }
    }
    if (rN == 0) {
      d.rmad = Double.NaN;
      d.rmadReason = "no voxel lies between the 10th and 90th percentiles";
    } else {
      double rMu = rSum / rN;
      double rDev = 0;
      for (double x : sorted) {
        if (x >= d.p10 && x <= d.p90) {
          rDev += Math.abs(x - rMu);
        }
      }
      d.rmad = rDev / rN;
    }
    double medDev = 0;
    for (double x : sorted) {
      medDev += Math.abs(x - d.median);
    }
    d.medad = medDev / n;
    double sigma = Math.sqrt(m2);
    if (mu == 0) {
      d.cov = Double.NaN;
      d.covReason = "mean is 0 (coefficient of variation sigma/mu divides by zero)";
    } else {
      d.cov = sigma / mu;
    }
    double qs = d.p75 + d.p25;
    if (qs == 0) {
      d.qcod = Double.NaN;
      d.qcodReason = "P75 + P25 is 0 (quartile coefficient of dispersion divides by zero)";
    } else {
      d.qcod = (d.p75 - d.p25) / qs;
    }
    d.energy = energy;
    d.rms = Math.sqrt(energy / n);
    return d;
  }

  /** Writes {@code value}, or marks {@code name} undefined with {@code reason} when the value is NaN. */
  static void put(FeatureVector out, String name, double value, String reason) {
    if (Double.isNaN(value)) {
      out.putUndefined(name, reason == null ? "undefined for this ROI" : reason);
    } else {
      out.put(name, value);
    }
  }

  /** Marks every feature of {@code features} undefined with {@code reason}. */
  static void putAllUndefined(FeatureVector out, List<String> features, String reason) {
    for (String f : features) {
      out.putUndefined(f, reason);
    }
  }

  /**
   * The intensities X of the intensity-mask voxels of {@code roi}, in box order (shared by the stat_* and ivh_*
   * families). When the mask is empty, marks every feature of {@code features} undefined ("empty intensity mask")
   * and returns null.
   */
  static double[] maskedIntensities(RoiImage roi, List<String> features, FeatureVector out) {
    int n = roi.intensityMaskCount();
    if (n == 0) {
      putAllUndefined(out, features, "empty intensity mask");
      return null;
    }
    double[] x = new double[n];
    int k = 0;
    for (int i = 0; i < roi.intensity.length; i++) {
      if (roi.intensityMask[i]) {
        x[k++] = roi.intensity[i];
      }
    }
    return x;
  }
}
