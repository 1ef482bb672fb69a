package org.sparkradiomics.features.families;

import java.util.List;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.families.IntensityStatisticsMath.Sample;

/**
 * Intensity histogram features (IBSI-1 section 3.4, tags {@code ih_*}) on the discretised grey levels
 * {@code X_d = roi.ihBins} (1..N_g, {@code N_g = roi.ihNBins}) of the N_v intensity-mask voxels.
 *
 * <p>{@link #compute} prepares the ROI once ({@link #prepare}, {@link Prepared}): the histogram {@code n_i} (count
 * of grey level i) in one pass over the voxels, the sorted sample rebuilt from it by counting sort with its sums,
 * central moments and percentiles ({@link IntensityStatisticsMath.Sample}), and the histogram gradient. It then calls
 * one method per feature; each method's Javadoc gives the IBSI-1 formula and code. {@code p_i = n_i / N_v}; mu =
 * mean, sigma^2 = biased variance, P_q = percentile by linear interpolation between closest ranks.
 */
public final class IntensityHistogramFamily implements FeatureFamily {
  /** The feature tags, in IBSI order. */
  public static final List<String> FEATURES = List.of("ih_mean", "ih_var", "ih_skew", "ih_kurt", "ih_median",
      "ih_min", "ih_p10", "ih_p90", "ih_max", "ih_mode", "ih_iqr", "ih_range", "ih_mad", "ih_rmad", "ih_medad",
      "ih_cov", "ih_qcod", "ih_entropy", "ih_uniformity", "ih_max_grad", "ih_max_grad_g", "ih_min_grad",
      "ih_min_grad_g");

  public IntensityHistogramFamily() {}

  @Override
  public String name() {
    return "ih";
  }

  /**
   * The prepared histogram: counts {@code hist[i]} of grey level i = 1..N_g (index 0 unused), the sample of X_d, and
   * the histogram gradient {@code grad[i]} (null when N_g &lt; 2).
   */
  static final class Prepared {
    final int ng;
    final long[] hist;
    final int n;
    final Sample sample;
    final double[] grad;

    Prepared(int ng, long[] hist, int n, Sample sample, double[] grad) {
      this.ng = ng;
      this.hist = hist;
      this.n = n;
      this.sample = sample;
      this.grad = grad;
    }
  }

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    Prepared p = prepare(roi, out);
    if (p == null) {
      return;
    }
    out.put("ih_mean", mean(p));
    out.put("ih_var", variance(p));
    out.put("ih_skew", skewness(p));
    out.put("ih_kurt", kurtosis(p));
    out.put("ih_median", median(p));
    out.put("ih_min", minimum(p));
    out.put("ih_p10", percentile10(p));
    out.put("ih_p90", percentile90(p));
    out.put("ih_max", maximum(p));
    out.put("ih_mode", mode(p));
    out.put("ih_iqr", interquartileRange(p));
    out.put("ih_range", range(p));
    out.put("ih_mad", meanAbsoluteDeviation(p));
    IntensityStatisticsMath.put(out, "ih_rmad", robustMeanAbsoluteDeviation(p),
        IntensityStatisticsMath.RMAD_UNDEFINED);
    out.put("ih_medad", medianAbsoluteDeviation(p));
    IntensityStatisticsMath.put(out, "ih_cov", coefficientOfVariation(p), IntensityStatisticsMath.COV_UNDEFINED);
    IntensityStatisticsMath.put(out, "ih_qcod", quartileCoefficientOfDispersion(p),
        IntensityStatisticsMath.QCOD_UNDEFINED);
    out.put("ih_entropy", entropy(p));
    out.put("ih_uniformity", uniformity(p));
    if (p.grad == null) {
      String why = "histogram has a single bin (N_g = " + p.ng + "): gradient needs two";
      out.putUndefined("ih_max_grad", why);
      out.putUndefined("ih_max_grad_g", why);
      out.putUndefined("ih_min_grad", why);
      out.putUndefined("ih_min_grad_g", why);
      return;
    }
    out.put("ih_max_grad", maximumGradient(p));
    out.put("ih_max_grad_g", maximumGradientGreyLevel(p));
    out.put("ih_min_grad", minimumGradient(p));
    out.put("ih_min_grad_g", minimumGradientGreyLevel(p));
  }

  /**
   * Per-ROI preparation (one pass over the voxels): the histogram, the counting-sorted sample with its moments and
   * percentiles, the gradient. Null (every feature marked undefined with the reason) when the intensity mask is
   * empty or a voxel's grey level lies outside 1..N_g.
   */
  static Prepared prepare(RoiImage roi, FeatureVector out) {
    int ng = roi.ihNBins;
    long[] hist = new long[Math.max(ng, 0) + 1];
    int n = 0;
    int bad = 0;
    for (int i = 0; i < roi.ihBins.length; i++) {
      if (roi.intensityMask[i]) {
        int b = roi.ihBins[i];
        if (b >= 1 && b <= ng) {
          hist[b]++;
          n++;
        } else {
          bad++;
        }
      }
    }
    if (bad > 0) {
      IntensityStatisticsMath.putAllUndefined(out, FEATURES,
          bad + " intensity-mask voxels have a histogram grey level outside 1.." + ng);
      return null;
    }
    if (n == 0) {
      IntensityStatisticsMath.putAllUndefined(out, FEATURES, "empty intensity mask");
      return null;
    }
    double[] sorted = new double[n];
    int k = 0;
    for (int g = 1; g <= ng; g++) {
      for (long c = 0; c < hist[g]; c++) {
        sorted[k++] = g;
      }
    }
    double[] grad = null;
    if (ng >= 2) {
      grad = new double[ng + 1];
      for (int g = 1; g <= ng; g++) {
        grad[g] = gradient(hist, ng, g);
      }
    }
    return new Prepared(ng, hist, n, new Sample(sorted), grad);
  }

  /**
   * Histogram gradient {@code H'(i) = (n_(i+1) - n_(i-1)) / 2} for 1 &lt; i &lt; N_g, {@code H'(1) = n_2 - n_1},
   * {@code H'(N_g) = n_(N_g) - n_(N_g - 1)} (N_g &gt;= 2).
   */
  static double gradient(long[] hist, int ng, int g) {
    if (g == 1) {
      return hist[2] - hist[1];
    }
    if (g == ng) {
      return hist[ng] - hist[ng - 1];
    }
    return (hist[g + 1] - hist[g - 1]) / 2.0;
  }

  /** Mean discretised intensity, IBSI X6K6: {@code mu = (1/N_v) sum_k X_d,k}. Tag ih_mean. */
  static double mean(Prepared p) {
    return p.sample.mean;
  }

  /** Discretised intensity variance, IBSI CH89: {@code sigma^2 = (1/N_v) sum_k (X_d,k - mu)^2}. Tag ih_var. */
  static double variance(Prepared p) {
    return p.sample.m2;
  }

  /**
   * Discretised intensity skewness, IBSI 88K1: {@code ((1/N_v) sum_k (X_d,k - mu)^3) / sigma^3}, 0 when sigma = 0.
   * Tag ih_skew.
   */
  static double skewness(Prepared p) {
    return IntensityStatisticsMath.skewness(p.sample);
  }

  /**
   * (Excess) discretised intensity kurtosis, IBSI C3I7: {@code ((1/N_v) sum_k (X_d,k - mu)^4) / sigma^4 - 3}, 0 when
   * sigma = 0. Tag ih_kurt.
   */
  static double kurtosis(Prepared p) {
    return IntensityStatisticsMath.kurtosis(p.sample);
  }

  /** Median discretised intensity, IBSI WIFQ: P50 of X_d. Tag ih_median. */
  static double median(Prepared p) {
    return p.sample.median;
  }

  /** Minimum discretised intensity, IBSI 1PR8: {@code min_k X_d,k}. Tag ih_min. */
  static double minimum(Prepared p) {
    return p.sample.min();
  }

  /** 10th discretised intensity percentile, IBSI GPMT: P10 of X_d. Tag ih_p10. */
  static double percentile10(Prepared p) {
    return p.sample.p10;
  }

  /** 90th discretised intensity percentile, IBSI OZ0C: P90 of X_d. Tag ih_p90. */
  static double percentile90(Prepared p) {
    return p.sample.p90;
  }

  /** Maximum discretised intensity, IBSI 3NCY: {@code max_k X_d,k}. Tag ih_max. */
  static double maximum(Prepared p) {
    return p.sample.max();
  }

  /**
   * Intensity histogram mode, IBSI AMMC: the grey level i with the highest count n_i; on ties the one closest to the
   * mean, and of two equidistant ones the lower. Tag ih_mode.
   */
  static double mode(Prepared p) {
    return mode(p.hist, p.sample.mean);
  }

  /** Mode of {@code hist} (index 0 unused): ties go to the level closest to {@code mean}, then to the lower one. */
  static int mode(long[] hist, double mean) {
    int best = 0;
    for (int g = 1; g < hist.length; g++) {
      if (best == 0 || hist[g] > hist[best]
          || (hist[g] == hist[best] && Math.abs(g - mean) < Math.abs(best - mean))) {
        best = g;
      }
    }
    return best;
  }

  /** Discretised intensity interquartile range, IBSI WR0O: {@code P75 - P25}. Tag ih_iqr. */
  static double interquartileRange(Prepared p) {
    return p.sample.p75 - p.sample.p25;
  }

  /** Discretised intensity range, IBSI 5Z3W: {@code max X_d - min X_d}. Tag ih_range. */
  static double range(Prepared p) {
    return p.sample.max() - p.sample.min();
  }

  /** Intensity histogram mean absolute deviation, IBSI D2ZX: {@code (1/N_v) sum_k |X_d,k - mu|}. Tag ih_mad. */
  static double meanAbsoluteDeviation(Prepared p) {
    return IntensityStatisticsMath.meanAbsDev(p.sample);
  }

  /**
   * Intensity histogram robust mean absolute deviation, IBSI WRZB: {@code (1/N_1090) sum_k |X_d,1090,k -
   * mu_1090|} over the voxels with {@code P10 <= X_d <= P90}, mu_1090 their mean; NaN (undefined) when there is
   * none. Tag ih_rmad.
   */
  static double robustMeanAbsoluteDeviation(Prepared p) {
    return IntensityStatisticsMath.robustMeanAbsDev(p.sample);
  }

  /**
   * Intensity histogram median absolute deviation, IBSI 4RNL: {@code (1/N_v) sum_k |X_d,k - M|}, M the median. Tag
   * ih_medad.
   */
  static double medianAbsoluteDeviation(Prepared p) {
    return IntensityStatisticsMath.medianAbsDev(p.sample);
  }

  /**
   * Intensity histogram coefficient of variation, IBSI CWYJ: {@code sigma / mu}; NaN (undefined) when mu = 0. Tag
   * ih_cov.
   */
  static double coefficientOfVariation(Prepared p) {
    return IntensityStatisticsMath.coefficientOfVariation(p.sample);
  }

  /**
   * Intensity histogram quartile coefficient of dispersion, IBSI SLWD: {@code (P75 - P25) / (P75 + P25)}; NaN
   * (undefined) when P75 + P25 = 0. Tag ih_qcod.
   */
  static double quartileCoefficientOfDispersion(Prepared p) {
    return IntensityStatisticsMath.quartileCoefficientOfDispersion(p.sample);
  }

  /**
   * Intensity histogram entropy, IBSI TLU2: {@code -sum_i p_i log2 p_i} over the occupied grey levels. Tag
   * ih_entropy.
   */
  static double entropy(Prepared p) {
    double entropy = 0;
    for (int g = 1; g <= p.ng; g++) {
      if (p.hist[g] > 0) {
        double q = (double) p.hist[g] / p.n;
        entropy -= q * Math.log(q) / Math.log(2);
      }
    }
    return entropy;
  }

  /** Intensity histogram uniformity, IBSI BJ5W: {@code sum_i p_i^2}. Tag ih_uniformity. */
  static double uniformity(Prepared p) {
    double uniformity = 0;
    for (int g = 1; g <= p.ng; g++) {
      if (p.hist[g] > 0) {
        double q = (double) p.hist[g] / p.n;
        uniformity += q * q;
      }
    }
    return uniformity;
  }

  /**
   * Maximum histogram gradient, IBSI 12CE: {@code max_i H'(i)} ({@link #gradient}); needs N_g &gt;= 2. Tag
   * ih_max_grad.
   */
  static double maximumGradient(Prepared p) {
    return p.grad[maximumGradientGreyLevel(p)];
  }

  /**
   * Maximum histogram gradient grey level, IBSI code: see tag ih_max_grad_g. The grey level i where {@code H'(i)}
   * is largest (the lowest on ties); needs N_g &gt;= 2.
   */
  static int maximumGradientGreyLevel(Prepared p) {
    double maxG = Double.NEGATIVE_INFINITY;
    int maxAt = 0;
    for (int g = 1; g <= p.ng; g++) {
      if (p.grad[g] > maxG) {
        maxG = p.grad[g];
        maxAt = g;
      }
    }
    return maxAt;
  }

  /**
   * Minimum histogram gradient, IBSI VQB3: {@code min_i H'(i)} ({@link #gradient}); needs N_g &gt;= 2. Tag
   * ih_min_grad.
   */
  static double minimumGradient(Prepared p) {
    return p.grad[minimumGradientGreyLevel(p)];
  }

  /**
   * Minimum histogram gradient grey level, IBSI code: see tag ih_min_grad_g. The grey level i where {@code H'(i)}
   * is smallest (the lowest on ties); needs N_g &gt;= 2.
   */
  static int minimumGradientGreyLevel(Prepared p) {
    double minG = Double.POSITIVE_INFINITY;
    int minAt = 0;
    for (int g = 1; g <= p.ng; g++) {
      if (p.grad[g] < minG) {
        minG = p.grad[g];
        minAt = g;
      }
    }
    return minAt;
  }
}
