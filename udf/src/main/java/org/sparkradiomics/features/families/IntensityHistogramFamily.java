package org.sparkradiomics.features.families;

import java.util.List;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.families.IntensityStatisticsMath.Descriptives;

/**
 * Intensity histogram features (IBSI-1 section 3.4, tags {@code ih_*}) on the discretised grey levels
 * {@code X_d = roi.ihBins} (1..N_g, {@code N_g = roi.ihNBins}) of the N intensity-mask voxels. The histogram
 * {@code n_i} (count of grey level i) is built in one pass; the sorted sample is rebuilt from it by counting sort.
 *
 * <p>Features shared with {@link IntensityStatisticsFamily}, with X replaced by X_d (same formulas, see there):
 * {@code ih_mean, ih_var, ih_skew, ih_kurt, ih_median, ih_min, ih_p10, ih_p90, ih_max, ih_iqr, ih_range, ih_mad,
 * ih_rmad, ih_medad, ih_cov, ih_qcod}. Histogram-specific features, with {@code p_i = n_i / N}:
 * <ul>
 *   <li>{@code ih_mode}: the grey level i with the highest count n_i; on ties the one closest to the mean, and of
 *       two equidistant ones the lower (IBSI-1);
 *   <li>{@code ih_entropy}: {@code -sum_i p_i log2 p_i};
 *   <li>{@code ih_uniformity}: {@code sum_i p_i^2};
 *   <li>histogram gradient {@code H'(i) = (n_(i+1) - n_(i-1)) / 2} for 1 &lt; i &lt; N_g, {@code H'(1) = n_2 - n_1},
 *       {@code H'(N_g) = n_(N_g) - n_(N_g - 1)}; {@code ih_max_grad} = max H', {@code ih_max_grad_g} = the grey level
 *       where it is reached (the lowest on ties), {@code ih_min_grad} = min H', {@code ih_min_grad_g} likewise.
 *       Undefined when N_g &lt; 2.
 * </ul>
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

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
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
      return;
    }
    if (n == 0) {
      IntensityStatisticsMath.putAllUndefined(out, FEATURES, "empty intensity mask");
      return;
    }
    double[] sorted = new double[n];
    int k = 0;
    for (int g = 1; g <= ng; g++) {
      for (long c = 0; c < hist[g]; c++) {
        sorted[k++] = g;
      }
    }
    Descriptives d = IntensityStatisticsMath.describe(sorted);
    out.put("ih_mean", d.mean);
    out.put("ih_var", d.variance);
    out.put("ih_skew", d.skewness);
    out.put("ih_kurt", d.kurtosis);
    out.put("ih_median", d.median);
    out.put("ih_min", d.min);
    out.put("ih_p10", d.p10);
    out.put("ih_p90", d.p90);
    out.put("ih_max", d.max);
    out.put("ih_mode", mode(hist, d.mean));
    out.put("ih_iqr", d.iqr);
    out.put("ih_range", d.range);
    out.put("ih_mad", d.mad);
    IntensityStatisticsMath.put(out, "ih_rmad", d.rmad, d.rmadReason);
    out.put("ih_medad", d.medad);
    IntensityStatisticsMath.put(out, "ih_cov", d.cov, d.covReason);
    IntensityStatisticsMath.put(out, "ih_qcod", d.qcod, d.qcodReason);
    double entropy = 0;
    double uniformity = 0;
    for (int g = 1; g <= ng; g++) {
      if (hist[g] > 0) {
        double p = (double) hist[g] / n;
        entropy -= p * Math.log(p) / Math.log(2);
        uniformity += p * p;
      }
    }
    out.put("ih_entropy", entropy);
    out.put("ih_uniformity", uniformity);
    if (ng < 2) {
      String why = "histogram has a single bin (N_g = " + ng + "): gradient needs two";
      out.putUndefined("ih_max_grad", why);
      out.putUndefined("ih_max_grad_g", why);
      out.putUndefined("ih_min_grad", why);
      out.putUndefined("ih_min_grad_g", why);
      return;
    }
    double maxG = Double.NEGATIVE_INFINITY;
    double minG = Double.POSITIVE_INFINITY;
    int maxAt = 0;
    int minAt = 0;
    for (int g = 1; g <= ng; g++) {
      double grad = gradient(hist, ng, g);
      if (grad > maxG) {
        maxG = grad;
        maxAt = g;
      }
      if (grad < minG) {
        minG = grad;
        minAt = g;
      }
    }
    out.put("ih_max_grad", maxG);
    out.put("ih_max_grad_g", maxAt);
    out.put("ih_min_grad", minG);
    out.put("ih_min_grad_g", minAt);
  }

  /** Histogram gradient H'(g): central difference inside, one-sided at the first and last bin (N_g &gt;= 2). */
  static double gradient(long[] hist, int ng, int g) {
    if (g == 1) {
      return hist[2] - hist[1];
    }
    if (g == ng) {
      return hist[ng] - hist[ng - 1];
    }
    return (hist[g + 1] - hist[g - 1]) / 2.0;
  }

  /** Mode: the most frequent grey level; ties go to the one closest to the mean, then to the lower one. */
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
}
