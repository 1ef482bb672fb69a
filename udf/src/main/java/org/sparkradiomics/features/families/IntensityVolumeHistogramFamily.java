package org.sparkradiomics.features.families;

import java.util.Arrays;
import java.util.List;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;

/**
 * Intensity-volume histogram features (IBSI-1 section 3.5, tags {@code ivh_*}) of the N intensity-mask voxels.
 *
 * <p>The intensities are first mapped onto a grid of levels according to {@code settings.ivh()}:
 * <ul>
 *   <li>{@code NONE}, integer-valued data (e.g. CT in HU): the levels are the integers themselves, step 1. When the
 *       data are not integer-valued the levels are the distinct intensities present;
 *   <li>{@code FIXED_BIN_SIZE} w: bin {@code d = floor((X - X_min) / w) + 1} with X_min the resegmentation lower
 *       bound (else the ROI minimum); the level's intensity is the bin centre {@code X_min + (d - 0.5) w};
 *   <li>{@code FIXED_BIN_NUMBER} N_g: the levels are the bin numbers 1..N_g (IBSI-1 2.7 FBN formula).
 * </ul>
 * The intensity range {@code [X_lo, X_hi]} used for the intensity fraction is: the resegmentation range when set
 * (for FBS the centres of the first and the last possible bin), else the ROI minimum and maximum (their bin centres
 * for FBS); for FBN it is [1, N_g].
 *
 * <p>With {@code nu_i = 1 - (1/N) sum_k [X_k < i]} the fraction of the volume at or above level i and
 * {@code gamma_i = (i - X_lo) / (X_hi - X_lo)} the intensity fraction of level i:
 * <ul>
 *   <li>{@code ivh_v10}, {@code ivh_v90}: volume fraction at intensity fraction x = 0.10, 0.90:
 *       {@code V_x = nu_i} at the lowest level i with {@code gamma_i >= x} (0 when no level reaches x);
 *       undefined when {@code X_hi = X_lo};
 *   <li>{@code ivh_i10}, {@code ivh_i90}: intensity at volume fraction x: {@code I_x = min { i : nu_i <= x }}; the
 *       integer and bin grids continue one level above the ROI maximum (where nu = 0);
 *   <li>{@code ivh_diff_v10_v90} = V10 - V90; {@code ivh_diff_i10_i90} = I10 - I90;
 *   <li>{@code ivh_auc}: area under the IVH curve, {@code integral_0^1 nu(gamma) d gamma} by the trapezoidal rule
 *       over the grid levels with {@code 0 <= gamma_i <= 1} (not standardised by IBSI).
 * </ul>
 */
public final class IntensityVolumeHistogramFamily implements FeatureFamily {
  /** The feature tags, in IBSI order. */
  public static final List<String> FEATURES = List.of("ivh_v10", "ivh_v90", "ivh_i10", "ivh_i90",
      "ivh_diff_v10_v90", "ivh_diff_i10_i90", "ivh_auc");

  /** Largest integer grid built for undiscretised data before falling back to the distinct values. */
  private static final long MAX_INTEGER_LEVELS = 1L << 24;

  private static final double EPS = 1e-12;

  public IntensityVolumeHistogramFamily() {}

  @Override
  public String name() {
    return "ivh";
  }

  /** The level grid: ascending level intensities, voxel count per level, and the intensity-fraction range. */
  static final class Grid {
    double[] value;
    long[] count;
    long n;
    double lo;
    double hi;
  }

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    int n = roi.intensityMaskCount();
    if (n == 0) {
      for (String f : FEATURES) {
        out.putUndefined(f, "empty intensity mask");
      }
      return;
    }
    double[] x = new double[n];
    int k = 0;
    for (int i = 0; i < roi.intensity.length; i++) {
      if (roi.intensityMask[i]) {
        x[k++] = roi.intensity[i];
      }
    }
    Grid g = grid(x, settings.ivh(), settings.resegMin(), settings.resegMax());
    writeFeatures(g, out);
  }

  /** Builds the level grid for the given discretisation (see the class comment). */
  static Grid grid(double[] x, Discretisation disc, double resegMin, double resegMax) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    boolean integral = true;
    for (double v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      integral &= v == Math.rint(v);
    }
    boolean hasLo = !Double.isNaN(resegMin) && !Double.isInfinite(resegMin);
    boolean hasHi = !Double.isNaN(resegMax) && !Double.isInfinite(resegMax);
    Grid g = new Grid();
    g.n = x.length;
    switch (disc.method()) {
      case FIXED_BIN_NUMBER: {
        int ng = disc.binCount();
        g.value = new double[ng + 1];
        g.count = new long[ng + 1];
        for (int d = 1; d <= ng + 1; d++) {
          g.value[d - 1] = d;
        }
        double range = max - min;
        for (double v : x) {
          int b = range == 0 ? 1 : Math.min(ng, (int) Math.floor(ng * (v - min) / range) + 1);
          g.count[b - 1]++;
        }
        g.lo = 1;
        g.hi = ng;
        return g;
      }
      case FIXED_BIN_SIZE: {
        double w = disc.binWidth();
        double lo = hasLo ? resegMin : min;
        int maxBin = 1;
        for (double v : x) {
          maxBin = Math.max(maxBin, bin(v, lo, w));
        }
        int topPossible = hasHi ? Math.max(1, (int) Math.ceil((resegMax - lo) / w)) : maxBin;
        int levels = Math.max(maxBin, topPossible) + 1;
        g.value = new double[levels];
        g.count = new long[levels];
        for (int d = 1; d <= levels; d++) {
          g.value[d - 1] = lo + (d - 0.5) * w;
        }
        for (double v : x) {
          g.count[bin(v, lo, w) - 1]++;
        }
        g.lo = lo + 0.5 * w;
        g.hi = lo + (topPossible - 0.5) * w;
        return g;
      }
      default: {
        g.lo = hasLo ? resegMin : min;
        g.hi = hasHi ? resegMax : max;
        double base = Math.floor(Math.min(g.lo, min));
        double top = Math.ceil(Math.max(g.hi, max)) + 1;
        if (integral && top - base + 1 <= MAX_INTEGER_LEVELS) {
          int levels = (int) (top - base + 1);
          g.value = new double[levels];
          g.count = new long[levels];
          for (int i = 0; i < levels; i++) {
            g.value[i] = base + i;
          }
          for (double v : x) {
            g.count[(int) (v - base)]++;
          }
        } else {
          double[] s = x.clone();
          Arrays.sort(s);
          int distinct = 0;
          for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
              distinct++;
            }
          }
          g.value = new double[distinct];
          g.count = new long[distinct];
          int j = -1;
          for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
              g.value[++j] = s[i];
            }
            g.count[j]++;
          }
        }
        return g;
      }
    }
  }

  private static int bin(double v, double lo, double w) {
    return Math.max(1, (int) Math.floor((v - lo) / w) + 1);
  }

  /** Computes the IVH features from a level grid (see the class comment for the formulas). */
  static void writeFeatures(Grid g, FeatureVector out) {
    int levels = g.value.length;
    double[] nu = new double[levels];
    long below = 0;
    for (int i = 0; i < levels; i++) {
      nu[i] = (double) (g.n - below) / g.n;
      below += g.count[i];
    }
    double span = g.hi - g.lo;
    double v10 = Double.NaN;
    double v90 = Double.NaN;
    String vWhy = "the intensity range is a single value (X_hi = X_lo = " + g.lo + "): intensity fraction undefined";
    if (span > 0) {
      v10 = volumeAt(g, nu, 0.10);
      v90 = volumeAt(g, nu, 0.90);
    }
    double i10 = intensityAt(g, nu, 0.10);
    double i90 = intensityAt(g, nu, 0.90);
    String iWhy = "no grid level has at most that volume fraction above it";
    IntensityStatisticsMath.put(out, "ivh_v10", v10, vWhy);
    IntensityStatisticsMath.put(out, "ivh_v90", v90, vWhy);
    IntensityStatisticsMath.put(out, "ivh_i10", i10, iWhy);
    IntensityStatisticsMath.put(out, "ivh_i90", i90, iWhy);
    IntensityStatisticsMath.put(out, "ivh_diff_v10_v90", v10 - v90, vWhy);
    IntensityStatisticsMath.put(out, "ivh_diff_i10_i90", i10 - i90, iWhy);
    if (!(span > 0)) {
      out.putUndefined("ivh_auc", vWhy);
      return;
    }
    double auc = 0;
    int prev = -1;
    for (int i = 0; i < levels; i++) {
      double gamma = (g.value[i] - g.lo) / span;
      if (gamma < -EPS || gamma > 1 + EPS) {
        continue;
      }
      if (prev >= 0) {
        double gp = (g.value[prev] - g.lo) / span;
        auc += (gamma - gp) * (nu[i] + nu[prev]) / 2;
      }
      prev = i;
    }
    out.put("ivh_auc", auc);
  }

  /** V_x: nu at the lowest level whose intensity fraction is at least x; 0 when none is. */
  static double volumeAt(Grid g, double[] nu, double x) {
    double span = g.hi - g.lo;
    for (int i = 0; i < g.value.length; i++) {
      if ((g.value[i] - g.lo) / span >= x - EPS) {
        return nu[i];
      }
    }
    return 0.0;
  }

  /** I_x: the lowest level whose volume fraction nu is at most x; NaN when none is. */
  static double intensityAt(Grid g, double[] nu, double x) {
    for (int i = 0; i < g.value.length; i++) {
      if (nu[i] <= x + EPS) {
        return g.value[i];
      }
    }
    return Double.NaN;
  }
}
