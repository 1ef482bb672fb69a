package org.sparkradiomics.features.preprocess;

/**
 * Resegmentation of the intensity mask (IBSI-1 section 2.5). The morphological mask is never changed.
 *
 * <ul>
 *   <li>Range: keep voxels with {@code min <= X <= max} (a NaN bound is open).
 *   <li>Outlier filtering: keep voxels with {@code mu - k sigma <= X <= mu + k sigma}, where mu and sigma are the
 *       mean and population standard deviation (denominator N) of the intensity-mask voxels; IBSI uses k = 3.
 * </ul>
 * When both are configured, the range is applied first and the outlier statistics are computed on the voxels it
 * kept (this order reproduces IBSI config E's reference counts: 44484 voxels).
 */
public final class Resegmentation {
  private Resegmentation() {}

  /** Returns a new mask: {@code mask} restricted to intensities in {@code [min, max]} (NaN bounds are open). */
  public static boolean[] range(float[] intensity, boolean[] mask, double min, double max) {
    boolean[] out = new boolean[mask.length];
    double lo = Double.isNaN(min) ? Double.NEGATIVE_INFINITY : min;
    double hi = Double.isNaN(max) ? Double.POSITIVE_INFINITY : max;
    for (int i = 0; i < mask.length; i++) {
      out[i] = mask[i] && intensity[i] >= lo && intensity[i] <= hi;
    }
    return out;
  }

  /**
   * Returns a new mask without the outliers of {@code mask}: voxels outside {@code mu +/- k sigma} (population
   * sigma). An empty mask stays empty.
   */
  public static boolean[] outliers(float[] intensity, boolean[] mask, double k) {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        sum += intensity[i];
        n++;
      }
    }
    if (n == 0) {
      return mask.clone();
    }
    double mu = sum / n;
    double ss = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        double d = intensity[i] - mu;
        ss += d * d;
      }
    }
    double sigma = Math.sqrt(ss / n);
    return range(intensity, mask, mu - k * sigma, mu + k * sigma);
  }

  /** Range then outlier resegmentation as configured; returns {@code mask} itself when neither is set. */
  public static boolean[] apply(float[] intensity, boolean[] mask, double min, double max, double outlierSigma) {
    boolean[] m = mask;
    if (!Double.isNaN(min) || !Double.isNaN(max)) {
      m = range(intensity, m, min, max);
    }
    if (!Double.isNaN(outlierSigma)) {
      m = outliers(intensity, m, outlierSigma);
    }
    return m;
  }
}
