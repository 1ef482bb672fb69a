package org.sparkradiomics.features.families;

import java.util.Arrays;
import java.util.List;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.families.IntensityStatisticsMath.Sample;

/**
 * Intensity statistics (IBSI-1 section 3.3, tags {@code stat_*}): first-order statistics of the raw intensities X of
 * the N voxels in the intensity mask (after resegmentation, before discretisation). All features are defined for a
 * single voxel (skewness and kurtosis are 0 at zero variance, as IBSI-1 specifies); only an empty ROI, a zero mean
 * (coefficient of variation) or {@code P75 + P25 = 0} (quartile coefficient of dispersion) leave features undefined.
 *
 * <p>{@link #compute} prepares the ROI once ({@link #prepare}: the intensities sorted, their sums, central moments
 * and percentiles) and then calls one method per feature; each method's Javadoc gives the IBSI-1 formula and code.
 * mu = mean, sigma^2 = biased variance, P_q = percentile by linear interpolation between closest ranks (see
 * {@link IntensityStatisticsMath#percentile}).
 */
public final class IntensityStatisticsFamily implements FeatureFamily {
  /** The feature tags, in IBSI order. */
  public static final List<String> FEATURES = List.of("stat_mean", "stat_var", "stat_skew", "stat_kurt",
      "stat_median", "stat_min", "stat_p10", "stat_p90", "stat_max", "stat_iqr", "stat_range", "stat_mad",
      "stat_rmad", "stat_medad", "stat_cov", "stat_qcod", "stat_energy", "stat_rms");

  public IntensityStatisticsFamily() {}

  @Override
  public String name() {
    return "stat";
  }

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    Sample p = prepare(roi, out);
    if (p == null) {
      return;
    }
    out.put("stat_mean", mean(p));
    out.put("stat_var", variance(p));
    out.put("stat_skew", skewness(p));
    out.put("stat_kurt", kurtosis(p));
    out.put("stat_median", median(p));
    out.put("stat_min", minimum(p));
    out.put("stat_p10", percentile10(p));
    out.put("stat_p90", percentile90(p));
    out.put("stat_max", maximum(p));
    out.put("stat_iqr", interquartileRange(p));
    out.put("stat_range", range(p));
    out.put("stat_mad", meanAbsoluteDeviation(p));
    IntensityStatisticsMath.put(out, "stat_rmad", robustMeanAbsoluteDeviation(p),
        IntensityStatisticsMath.RMAD_UNDEFINED);
    out.put("stat_medad", medianAbsoluteDeviation(p));
    IntensityStatisticsMath.put(out, "stat_cov", coefficientOfVariation(p), IntensityStatisticsMath.COV_UNDEFINED);
    IntensityStatisticsMath.put(out, "stat_qcod", quartileCoefficientOfDispersion(p),
        IntensityStatisticsMath.QCOD_UNDEFINED);
    out.put("stat_energy", energy(p));
    out.put("stat_rms", rootMeanSquare(p));
  }

  /**
   * Per-ROI preparation: the intensities X of the intensity mask, sorted once, with their sums, central moments and
   * percentiles ({@link Sample}). Null (every feature marked undefined) when the intensity mask is empty.
   */
  static Sample prepare(RoiImage roi, FeatureVector out) {
    double[] x = IntensityStatisticsMath.maskedIntensities(roi, FEATURES, out);
    if (x == null) {
      return null;
    }
    Arrays.sort(x);
    return new Sample(x);
  }

  /** Mean intensity, IBSI Q4LE: {@code mu = (1/N_v) sum_k X_k}. Tag stat_mean. */
  static double mean(Sample p) {
    return p.mean;
  }

  /** Intensity variance, IBSI ECT3: {@code sigma^2 = (1/N_v) sum_k (X_k - mu)^2} (biased). Tag stat_var. */
  static double variance(Sample p) {
    return p.m2;
  }

  /**
   * Intensity skewness, IBSI KE2A: {@code ((1/N_v) sum_k (X_k - mu)^3) / ((1/N_v) sum_k (X_k - mu)^2)^(3/2)}, 0 when
   * the variance is 0. Tag stat_skew.
   */
  static double skewness(Sample p) {
    return IntensityStatisticsMath.skewness(p);
  }

  /**
   * (Excess) intensity kurtosis, IBSI IPH6: {@code ((1/N_v) sum_k (X_k - mu)^4) / ((1/N_v) sum_k (X_k - mu)^2)^2 -
   * 3}, 0 when the variance is 0. Tag stat_kurt.
   */
  static double kurtosis(Sample p) {
    return IntensityStatisticsMath.kurtosis(p);
  }

  /** Median intensity, IBSI Y12H: P50 of X (linear interpolation between closest ranks). Tag stat_median. */
  static double median(Sample p) {
    return p.median;
  }

  /** Minimum intensity, IBSI 1GSF: {@code min_k X_k}. Tag stat_min. */
  static double minimum(Sample p) {
    return p.min();
  }

  /** 10th intensity percentile, IBSI QG58: P10 of X. Tag stat_p10. */
  static double percentile10(Sample p) {
    return p.p10;
  }

  /** 90th intensity percentile, IBSI 8DWT: P90 of X. Tag stat_p90. */
  static double percentile90(Sample p) {
    return p.p90;
  }

  /** Maximum intensity, IBSI 84IY: {@code max_k X_k}. Tag stat_max. */
  static double maximum(Sample p) {
    return p.max();
  }

  /** Intensity interquartile range, IBSI SALO: {@code P75 - P25}. Tag stat_iqr. */
  static double interquartileRange(Sample p) {
    return p.p75 - p.p25;
  }

  /** Intensity range, IBSI 2OJQ: {@code max X - min X}. Tag stat_range. */
  static double range(Sample p) {
    return p.max() - p.min();
  }

  /** Intensity-based mean absolute deviation, IBSI 4FUA: {@code (1/N_v) sum_k |X_k - mu|}. Tag stat_mad. */
  static double meanAbsoluteDeviation(Sample p) {
    return IntensityStatisticsMath.meanAbsDev(p);
  }

  /**
   * Intensity-based robust mean absolute deviation, IBSI 1128: {@code (1/N_1090) sum_k |X_1090,k - mu_1090|} over
   * the voxels with {@code P10 <= X <= P90}, mu_1090 their mean; NaN (undefined) when there is none. Tag stat_rmad.
   */
  static double robustMeanAbsoluteDeviation(Sample p) {
    return IntensityStatisticsMath.robustMeanAbsDev(p);
  }

  /**
   * Intensity-based median absolute deviation, IBSI N72L: {@code (1/N_v) sum_k |X_k - M|}, M the median. Tag
   * stat_medad.
   */
  static double medianAbsoluteDeviation(Sample p) {
    return IntensityStatisticsMath.medianAbsDev(p);
  }

  /**
   * Intensity-based coefficient of variation, IBSI 7TET: {@code sigma / mu}; NaN (undefined) when mu = 0. Tag
   * stat_cov.
   */
  static double coefficientOfVariation(Sample p) {
    return IntensityStatisticsMath.coefficientOfVariation(p);
  }

  /**
   * Intensity-based quartile coefficient of dispersion, IBSI 9S40: {@code (P75 - P25) / (P75 + P25)}; NaN
   * (undefined) when P75 + P25 = 0. Tag stat_qcod.
   */
  static double quartileCoefficientOfDispersion(Sample p) {
    return IntensityStatisticsMath.quartileCoefficientOfDispersion(p);
  }

  /** Intensity-based energy, IBSI N8CA: {@code sum_k X_k^2}. Tag stat_energy. */
  static double energy(Sample p) {
    return p.sumSquares;
  }

  /** Root mean square intensity, IBSI 5ZWQ: {@code sqrt((1/N_v) sum_k X_k^2)}. Tag stat_rms. */
  static double rootMeanSquare(Sample p) {
    return Math.sqrt(p.sumSquares / p.n);
  }
}
