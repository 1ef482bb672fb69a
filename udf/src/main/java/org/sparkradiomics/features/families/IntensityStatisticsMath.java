package org.sparkradiomics.features.families;

import java.util.List;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;

/**
 * Descriptive statistics shared by the intensity-statistics (stat_*) and intensity-histogram (ih_*) families
 * (IBSI-1 sections 3.3 and 3.4, whose definitions coincide apart from the input: raw intensities X vs discretised
 * grey levels X_d). Works on an ascending-sorted {@code double[]}; no object per voxel.
 *
 * <p>{@link Sample} is the per-ROI preparation: one pass for the sums and one for the central moments, plus the
 * percentiles read from the sorted array. The static formula methods below read a Sample; the families expose them
 * as one documented method per feature (with the family's IBSI code).
 */
final class IntensityStatisticsMath {
  private IntensityStatisticsMath() {}

  /** Reason for an undefined robust mean absolute deviation. */
  static final String RMAD_UNDEFINED = "no voxel lies between the 10th and 90th percentiles";
  /** Reason for an undefined coefficient of variation. */
  static final String COV_UNDEFINED = "mean is 0 (coefficient of variation sigma/mu divides by zero)";
  /** Reason for an undefined quartile coefficient of dispersion. */
  static final String QCOD_UNDEFINED = "P75 + P25 is 0 (quartile coefficient of dispersion divides by zero)";

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
   * The prepared sample x_1..x_N (ascending, non-empty): N, mean mu, the biased central moments
   * {@code m_k = (1/N) sum (x - mu)^k} for k = 2, 3, 4, {@code sum |x - mu|}, {@code sum x^2}, and the percentiles
   * P10, P25, P50 (median), P75, P90 ({@link #percentile}).
   */
  static final class Sample {
    final double[] sorted;
    final int n;
    final double mean;
    final double m2;
    final double m3;
    final double m4;
    final double sumAbsDev;
    final double sumSquares;
    final double p10;
    final double p25;
    final double median;
    final double p75;
    final double p90;

    Sample(double[] sorted) {
      this.sorted = sorted;
      int n = sorted.length;
      this.n = n;
      double sum = 0;
      double energy = 0;
      for (double x : sorted) {
        sum += x;
        energy += x * x;
      }
      double mu = sum / n;
      double s2 = 0;
      double s3 = 0;
      double s4 = 0;
      double absDev = 0;
      for (double x : sorted) {
        double dv = x - mu;
        double dv2 = dv * dv;
        s2 += dv2;
        s3 += dv2 * dv;
        s4 += dv2 * dv2;
        absDev += Math.abs(dv);
      }
      this.mean = mu;
      this.m2 = s2 / n;
      this.m3 = s3 / n;
      this.m4 = s4 / n;
      this.sumAbsDev = absDev;
      this.sumSquares = energy;
      this.median = percentile(sorted, 0.5);
      this.p10 = percentile(sorted, 0.10);
      this.p25 = percentile(sorted, 0.25);
      this.p75 = percentile(sorted, 0.75);
      this.p90 = percentile(sorted, 0.90);
    }

    double min() {
      return sorted[0];
    }

    double max() {
      return sorted[n - 1];
    }
  }

  /** Skewness {@code m_3 / m_2^(3/2)}, 0 when the variance is 0 (IBSI-1). */
  static double skewness(Sample s) {
    return s.m2 > 0 ? s.m3 / Math.pow(s.m2, 1.5) : 0.0;
  }

  /** Excess kurtosis {@code m_4 / m_2^2 - 3}, 0 when the variance is 0 (IBSI-1). */
  static double kurtosis(Sample s) {
    return s.m2 > 0 ? s.m4 / (s.m2 * s.m2) - 3.0 : 0.0;
  }

  /** Mean absolute deviation {@code (1/N) sum |x - mu|}. */
  static double meanAbsDev(Sample s) {
    return s.sumAbsDev / s.n;
  }

  /**
   * Robust mean absolute deviation {@code (1/N_1090) sum |x_1090 - mu_1090|} over the values with
   * {@code P10 <= x <= P90}, mu_1090 their mean; NaN ({@link #RMAD_UNDEFINED}) when there is none. Two passes
   * over the sample (mean, then deviations).
   */
  static double robustMeanAbsDev(Sample s) {
    double rSum = 0;
    int rN = 0;
    for (double x : s.sorted) {
      if (x >= s.p10 && x <= s.p90) {
        rSum += x;
        rN++;
      }
    }
    if (rN == 0) {
      return Double.NaN;
    }
    double rMu = rSum / rN;
    double rDev = 0;
    for (double x : s.sorted) {
      if (x >= s.p10 && x <= s.p90) {
        rDev += Math.abs(x - rMu);
      }
    }
    return rDev / rN;
  }

  /** Median absolute deviation {@code (1/N) sum |x - median|} (one pass). */
  static double medianAbsDev(Sample s) {
    double medDev = 0;
    for (double x : s.sorted) {
      medDev += Math.abs(x - s.median);
    }
    return medDev / s.n;
  }

  /** Coefficient of variation {@code sigma / mu}; NaN ({@link #COV_UNDEFINED}) when mu = 0. */
  static double coefficientOfVariation(Sample s) {
    return s.mean == 0 ? Double.NaN : Math.sqrt(s.m2) / s.mean;
  }

  /** Quartile coefficient of dispersion {@code (P75 - P25) / (P75 + P25)}; NaN ({@link #QCOD_UNDEFINED}) at 0. */
  static double quartileCoefficientOfDispersion(Sample s) {
    double qs = s.p75 + s.p25;
    return qs == 0 ? Double.NaN : (s.p75 - s.p25) / qs;
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
