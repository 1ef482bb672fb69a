package org.sparkradiomics.features.families;

import java.util.Arrays;
import java.util.List;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.families.IntensityStatisticsMath.Descriptives;

/**
 * Intensity statistics (IBSI-1 section 3.3, tags {@code stat_*}): first-order statistics of the raw intensities X of
 * the N voxels in the intensity mask (after resegmentation, before discretisation). All features are defined for a
 * single voxel (skewness and kurtosis are 0 at zero variance, as IBSI-1 specifies); only an empty ROI, a zero mean
 * (coefficient of variation) or {@code P75 + P25 = 0} (quartile coefficient of dispersion) leave features undefined.
 *
 * <p>Features (mu = mean, sigma^2 = biased variance, P_q = percentile by linear interpolation between closest ranks,
 * see {@link IntensityStatisticsMath#percentile}):
 * <ul>
 *   <li>{@code stat_mean} (Q4LE): {@code mu = (1/N) sum X_k};
 *   <li>{@code stat_var} (ECT3): {@code sigma^2 = (1/N) sum (X_k - mu)^2};
 *   <li>{@code stat_skew} (KE2A): {@code (1/N) sum (X_k - mu)^3 / sigma^3}, 0 when sigma = 0;
 *   <li>{@code stat_kurt} (IPH6): {@code (1/N) sum (X_k - mu)^4 / sigma^4 - 3} (excess), 0 when sigma = 0;
 *   <li>{@code stat_median} (Y12H), {@code stat_min} (1GSF), {@code stat_p10} (QG58), {@code stat_p90} (8DWT),
 *       {@code stat_max} (84IY);
 *   <li>{@code stat_iqr} (SALO): {@code P75 - P25}; {@code stat_range} (2OJQ): {@code max - min};
 *   <li>{@code stat_mad} (4FUA): {@code (1/N) sum |X_k - mu|};
 *   <li>{@code stat_rmad} (1128): {@code (1/N_1090) sum |X_1090 - mu_1090|} over the voxels with
 *       {@code P10 <= X <= P90}, mu_1090 their mean;
 *   <li>{@code stat_medad} (N72L): {@code (1/N) sum |X_k - median|};
 *   <li>{@code stat_cov} (7TET): {@code sigma / mu};
 *   <li>{@code stat_qcod} (9S40): {@code (P75 - P25) / (P75 + P25)};
 *   <li>{@code stat_energy} (N8CA): {@code sum X_k^2}; {@code stat_rms} (5ZWQ): {@code sqrt(sum X_k^2 / N)}.
 * </ul>
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
    double[] x = IntensityStatisticsMath.maskedIntensities(roi, FEATURES, out);
    if (x == null) {
      return;
    }
    Arrays.sort(x);
    Descriptives d = IntensityStatisticsMath.describe(x);
    out.put("stat_mean", d.mean);
    out.put("stat_var", d.variance);
    out.put("stat_skew", d.skewness);
    out.put("stat_kurt", d.kurtosis);
    out.put("stat_median", d.median);
    out.put("stat_min", d.min);
    out.put("stat_p10", d.p10);
    out.put("stat_p90", d.p90);
    out.put("stat_max", d.max);
    out.put("stat_iqr", d.iqr);
    out.put("stat_range", d.range);
    out.put("stat_mad", d.mad);
    IntensityStatisticsMath.put(out, "stat_rmad", d.rmad, d.rmadReason);
    out.put("stat_medad", d.medad);
    IntensityStatisticsMath.put(out, "stat_cov", d.cov, d.covReason);
    IntensityStatisticsMath.put(out, "stat_qcod", d.qcod, d.qcodReason);
    out.put("stat_energy", d.energy);
    out.put("stat_rms", d.rms);
  }
}
