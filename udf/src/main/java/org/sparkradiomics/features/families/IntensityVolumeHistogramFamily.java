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
 * <p>{@code nu_i = 1 - (1/N) sum_k [X_k < i]} is the fraction of the volume at or above level i and
 * {@code gamma_i = (i - X_lo) / (X_hi - X_lo)} the intensity fraction of level i. {@link #compute} prepares the ROI
 * once ({@link #prepare}: the voxels mapped onto the level grid and sorted, {@link Levels}) and then calls one method
 * per feature; each method's Javadoc gives the IBSI-1 formula and code.
 *
 * <p>The histogram is never materialised level by level (a 16-bit range would not fit a ROI budget): the voxels'
 * levels are sorted once and every feature is read from the sorted array (binary searches; the AUC takes one pass).
 */
public final class IntensityVolumeHistogramFamily implements FeatureFamily {
  /** The feature tags, in IBSI order. */
  public static final List<String> FEATURES = List.of("ivh_v10", "ivh_v90", "ivh_i10", "ivh_i90",
      "ivh_diff_v10_v90", "ivh_diff_i10_i90", "ivh_auc");

  private static final double EPS = 1e-9;

  public IntensityVolumeHistogramFamily() {}

  @Override
  public String name() {
    return "ivh";
  }

  /**
   * The prepared IVH: the voxels mapped onto the level grid, sorted ascending, with the grid step ({@code NaN} when
   * the levels are the distinct values present) and the intensity-fraction range [lo, hi].
   */
  static final class Levels {
    double[] sorted;
    double step;
    double lo;
    double hi;

    /** {@code X_hi - X_lo}. */
    double span() {
      return hi - lo;
    }

    /** Tolerance for comparing levels with intensity-fraction thresholds. */
    double tol() {
      return EPS * Math.max(1.0, Math.abs(lo) + Math.abs(hi));
    }

    /** Why the volume-fraction features are undefined (when {@code X_hi = X_lo}). */
    String spanUndefinedReason() {
      return "the intensity range is a single value (X_hi = X_lo = " + lo + "): intensity fraction undefined";
    }
  }

  /** Why the intensity-at-volume-fraction features are undefined. */
  static final String I_UNDEFINED = "no level has at most that volume fraction at or above it";

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    Levels p = prepare(roi, settings, out);
    if (p == null) {
      return;
    }
    writeFeatures(p, out);
  }

  /**
   * Per-ROI preparation: the intensity-mask intensities mapped onto the level grid of {@code settings.ivh()} and
   * sorted once. Null (every feature marked undefined) when the intensity mask is empty.
   */
  static Levels prepare(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    double[] x = IntensityStatisticsMath.maskedIntensities(roi, FEATURES, out);
    if (x == null) {
      return null;
    }
    return levels(x, settings.ivh(), settings.resegMin(), settings.resegMax());
  }

  /** Maps the intensities {@code x} (overwritten) onto the level grid of the discretisation (class comment). */
  static Levels levels(double[] x, Discretisation disc, double resegMin, double resegMax) {
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
    Levels g = new Levels();
    switch (disc.method()) {
      case FIXED_BIN_NUMBER: {
        int ng = disc.binCount();
        double range = max - min;
        for (int i = 0; i < x.length; i++) {
          x[i] = range == 0 ? 1 : Math.min(ng, (int) Math.floor(ng * (x[i] - min) / range) + 1);
        }
        g.step = 1;
        g.lo = 1;
        g.hi = ng;
        break;
      }
      case FIXED_BIN_SIZE: {
        double w = disc.binWidth();
        double lo = hasLo ? resegMin : min;
        int maxBin = 1;
        for (int i = 0; i < x.length; i++) {
          int d = Math.max(1, (int) Math.floor((x[i] - lo) / w) + 1);
          maxBin = Math.max(maxBin, d);
          x[i] = lo + (d - 0.5) * w;
        }
        int top = hasHi ? Math.max(1, (int) Math.ceil((resegMax - lo) / w)) : maxBin;
        g.step = w;
        g.lo = lo + 0.5 * w;
        g.hi = lo + (top - 0.5) * w;
        break;
      }
      default:
        g.step = integral ? 1 : Double.NaN;
        g.lo = hasLo ? resegMin : min;
        g.hi = hasHi ? resegMax : max;
        break;
    }
    Arrays.sort(x);
    g.sorted = x;
    return g;
  }

  /** Fraction of the voxels whose level is at least {@code t}: nu(t). */
  static double fractionAtLeast(double[] sorted, double t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (double) (sorted.length - lo) / sorted.length;
  }

  /** Writes every IVH feature of the prepared levels, one method per feature. */
  static void writeFeatures(Levels p, FeatureVector out) {
    String vWhy = p.spanUndefinedReason();
    IntensityStatisticsMath.put(out, "ivh_v10", volumeAt10(p), vWhy);
    IntensityStatisticsMath.put(out, "ivh_v90", volumeAt90(p), vWhy);
    IntensityStatisticsMath.put(out, "ivh_i10", intensityAt10(p), I_UNDEFINED);
    IntensityStatisticsMath.put(out, "ivh_i90", intensityAt90(p), I_UNDEFINED);
    IntensityStatisticsMath.put(out, "ivh_diff_v10_v90", volumeDifference(p), vWhy);
    IntensityStatisticsMath.put(out, "ivh_diff_i10_i90", intensityDifference(p), I_UNDEFINED);
    if (!(p.span() > 0)) {
      out.putUndefined("ivh_auc", vWhy);
      return;
    }
    IntensityStatisticsMath.put(out, "ivh_auc", areaUnderCurve(p),
        "fewer than two grid levels inside the intensity range");
  }

  /**
   * Volume fraction at intensity fraction x: {@code V_x = nu_i} at the lowest level i with {@code gamma_i >= x},
   * i.e. the fraction of voxels at or above {@code X_lo + x (X_hi - X_lo)} (binary search); NaN when
   * {@code X_hi = X_lo}.
   */
  static double volumeAt(Levels p, double x) {
    double span = p.span();
    return span > 0 ? fractionAtLeast(p.sorted, p.lo + x * span - p.tol()) : Double.NaN;
  }

  /** Volume at 10% intensity, IBSI BC2M: {@code V_10} ({@link #volumeAt}); undefined when X_hi = X_lo. Tag ivh_v10. */
  static double volumeAt10(Levels p) {
    return volumeAt(p, 0.10);
  }

  /** Volume at 90% intensity, IBSI BC2M: {@code V_90} ({@link #volumeAt}); undefined when X_hi = X_lo. Tag ivh_v90. */
  static double volumeAt90(Levels p) {
    return volumeAt(p, 0.90);
  }

  /**
   * Intensity at 10% volume, IBSI GBPN: {@code I_10 = min { i : nu_i <= 0.10 }} ({@link #intensityAt}). Tag
   * ivh_i10.
   */
  static double intensityAt10(Levels p) {
    return intensityAt(p, 0.10);
  }

  /**
   * Intensity at 90% volume, IBSI GBPN: {@code I_90 = min { i : nu_i <= 0.90 }} ({@link #intensityAt}). Tag
   * ivh_i90.
   */
  static double intensityAt90(Levels p) {
    return intensityAt(p, 0.90);
  }

  /**
   * Volume fraction difference between 10% and 90% intensity, IBSI code: see tag ivh_diff_v10_v90.
   * {@code V_10 - V_90}; undefined when X_hi = X_lo.
   */
  static double volumeDifference(Levels p) {
    return volumeAt10(p) - volumeAt90(p);
  }

  /**
   * Intensity difference between 10% and 90% volume, IBSI code: see tag ivh_diff_i10_i90. {@code I_10 - I_90}.
   */
  static double intensityDifference(Levels p) {
    return intensityAt10(p) - intensityAt90(p);
  }

  /**
   * Area under the IVH curve, IBSI 9CMM: {@code integral_0^1 nu(gamma) d gamma} by the trapezoidal rule over the
   * grid levels with {@code 0 <= gamma_i <= 1} (over the distinct levels present when the levels are not a grid);
   * not standardised by IBSI. NaN with fewer than two levels in range. Needs {@code X_hi > X_lo}. Tag ivh_auc.
   */
  static double areaUnderCurve(Levels p) {
    double span = p.span();
    return Double.isNaN(p.step) ? aucDistinct(p, span) : aucGrid(p, span, p.tol());
  }

  /**
   * I_x = min { i : nu_i <= x }: with v* the highest level present whose nu exceeds x, the next grid level
   * {@code v* + step}, or the next distinct level present (NaN when there is none). v* is found by binary search:
   * {@code (N - i) / N} is non-increasing in the sorted index i.
   */
  static double intensityAt(Levels g, double x) {
    double[] s = g.sorted;
    int n = s.length;
    double t = x + EPS;
    // smallest index i0 with (n - i0) / n <= t; v* is at i0 - 1
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if ((double) (n - mid) / n <= t) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int i = lo - 1;
    if (i < 0) {
      return s[0];
    }
    double vStar = s[i];
    if (!Double.isNaN(g.step)) {
      return vStar + g.step;
    }
    int j = i + 1;
    while (j < n && s[j] == vStar) {
      j++;
    }
    return j < n ? s[j] : Double.NaN;
  }

  /**
   * Trapezoidal AUC over the grid levels g_0 &lt; ... &lt; g_K (step h) inside [lo, hi], without materialising the
   * grid: {@code (h / span) [sum_k nu(g_k) - (nu(g_0) + nu(g_K)) / 2]}, where
   * {@code sum_k nu(g_k) = (1/N) sum_voxels #{k : g_k <= X}}.
   */
  static double aucGrid(Levels g, double span, double tol) {
    double h = g.step;
    // Grid levels are anchored on the voxel levels (every voxel level is a grid level).
    double anchor = g.sorted[0];
    double g0 = anchor + Math.ceil((g.lo - anchor) / h - EPS) * h;
    double gk = anchor + Math.floor((g.hi - anchor) / h + EPS) * h;
    long kk = Math.round((gk - g0) / h);
    if (kk < 1) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : g.sorted) {
      long c = Math.round((v - g0) / h) + 1;
      sum += Math.max(0, Math.min(kk + 1, c));
    }
    sum /= g.sorted.length;
    double nu0 = fractionAtLeast(g.sorted, g0 - tol);
    double nuK = fractionAtLeast(g.sorted, gk - tol);
    return h / span * (sum - (nu0 + nuK) / 2);
  }

  /** Trapezoidal AUC over the distinct levels present (non-integer data without discretisation). */
  static double aucDistinct(Levels g, double span) {
    double[] s = g.sorted;
    int n = s.length;
    double auc = 0;
    double prevGamma = Double.NaN;
    double prevNu = Double.NaN;
    for (int i = 0; i < n; i++) {
      if (i > 0 && s[i] == s[i - 1]) {
        continue;
      }
      double gamma = (s[i] - g.lo) / span;
      double nu = (double) (n - i) / n;
      if (gamma < -EPS || gamma > 1 + EPS) {
        continue;
      }
      if (!Double.isNaN(prevGamma)) {
        auc += (gamma - prevGamma) * (nu + prevNu) / 2;
      }
      prevGamma = gamma;
      prevNu = nu;
    }
    return Double.isNaN(prevGamma) ? Double.NaN : auc;
  }
}
