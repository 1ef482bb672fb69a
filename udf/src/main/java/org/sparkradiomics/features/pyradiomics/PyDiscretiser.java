package org.sparkradiomics.features.pyradiomics;

/**
 * PyRadiomics' grey-level discretisation ({@code imageoperations.binImage}), which numpy reproduces bit for bit:
 *
 * <ul>
 *   <li><b>binWidth</b> w: edges anchored at 0, {@code lowBound = min - (min mod w)} (Python's floored modulo, i.e.
 *       {@code w * floor(min / w)}), edges {@code e_k = lowBound + k w} ({@code numpy.arange(lowBound, max + 2w, w)}),
 *       and {@code numpy.digitize}: bin {@code b} with {@code e_(b-1) <= x < e_b}. Hence
 *       {@code bin = floor(x / w) - floor(min / w) + 1} (edges at multiples of w), the ROI minimum is always bin 1.
 *   <li><b>binCount</b> N: {@code numpy.histogram(x, N)} edges, {@code e_k = min + k (max - min) / N}
 *       ({@code numpy.linspace}, last edge exactly max), last edge + 1 so that the maximum falls in bin N; a flat
 *       ROI (min = max) uses numpy's range {@code [min - 0.5, max + 0.5]}.
 * </ul>
 * The number of grey levels N_g used by the texture classes is the highest bin present in the ROI
 * (PyRadiomics: {@code Ng = max(discretised ROI)}).
 */
public final class PyDiscretiser {
  private PyDiscretiser() {}

  /**
   * Discretises the voxels inside {@code mask}; outside voxels get 0.
   *
   * @param binCount null for binWidth discretisation
   * @return N_g, the highest bin in the ROI (0 for an empty ROI)
   */
  public static int apply(float[] x, boolean[] mask, double binWidth, Integer binCount, int[] out) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      if (mask[i]) {
        min = Math.min(min, x[i]);
        max = Math.max(max, x[i]);
      }
    }
    java.util.Arrays.fill(out, 0);
    if (min > max) {
      return 0;
    }
    int ng = 0;
    if (binCount == null) {
      // Python's float modulo: fmod (exact), moved into [0, w) when the signs differ
      double mod = min % binWidth;
      if (mod != 0 && (mod < 0) != (binWidth < 0)) {
        mod += binWidth;
      }
      double low = min - mod;
      for (int i = 0; i < x.length; i++) {
        if (mask[i]) {
          double v = x[i];
          long k = (long) Math.floor((v - low) / binWidth);
          // numpy.digitize against e_k = low + k*w exactly as arange computes them
          while (k > 0 && v < low + k * binWidth) {
            k--;
          }
          while (v >= low + (k + 1) * binWidth) {
            k++;
          }
          out[i] = (int) (k + 1);
          ng = Math.max(ng, out[i]);
        }
      }
      return ng;
    }
    int n = binCount;
    double lo = min;
    double hi = max;
    if (lo == hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    double[] edges = new double[n + 1];
    double step = (hi - lo) / n;
    for (int k = 0; k <= n; k++) {
      edges[k] = lo + k * step;
    }
    edges[n] = hi + 1; // PyRadiomics: binEdges[-1] += 1 (numpy linspace sets the last edge to hi exactly)
    for (int i = 0; i < x.length; i++) {
      if (mask[i]) {
        double v = x[i];
        // digitize: number of edges <= v
        int a = 0;
        int b = n + 1;
        while (a < b) {
          int m = (a + b) >>> 1;
          if (edges[m] <= v) {
            a = m + 1;
          } else {
            b = m;
          }
        }
        out[i] = a;
        ng = Math.max(ng, a);
      }
    }
    return ng;
  }
}
