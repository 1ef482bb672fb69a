package org.sparkradiomics.features;

import java.io.Serializable;

/**
 * Intensity discretisation (IBSI-1 section 2.7).
 *
 * <ul>
 *   <li>{@link Method#FIXED_BIN_NUMBER} (FBN): {@code X_d = floor(N_g (X - X_min) / (X_max - X_min)) + 1}, with
 *       {@code X_d = N_g} at {@code X = X_max}; X_min/X_max are the ROI's intensity-mask extremes.
 *   <li>{@link Method#FIXED_BIN_SIZE} (FBS): {@code X_d = floor((X - X_min) / w_b) + 1}, where X_min is the lower
 *       bound of the resegmentation range when one is set, else the ROI minimum.
 *   <li>{@link Method#NONE}: already-discrete integer intensities are used as grey levels, shifted so that the ROI
 *       minimum is level 1 (the IBSI digital phantom, whose levels start at 1, keeps its values; IVH on integer
 *       CT data uses the intensities themselves, see the IVH family).
 * </ul>
 */
public final class Discretisation implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Method { NONE, FIXED_BIN_NUMBER, FIXED_BIN_SIZE }

  private final Method method;
  private final int binCount;
  private final double binWidth;

  private Discretisation(Method method, int binCount, double binWidth) {
    this.method = method;
    this.binCount = binCount;
    this.binWidth = binWidth;
  }

  public static Discretisation none() {
    return new Discretisation(Method.NONE, 0, Double.NaN);
  }

  public static Discretisation fixedBinNumber(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("fixed bin number must be >= 1, got " + bins);
    }
    return new Discretisation(Method.FIXED_BIN_NUMBER, bins, Double.NaN);
  }

  public static Discretisation fixedBinSize(double width) {
    if (!(width > 0) || Double.isInfinite(width)) {
      throw new IllegalArgumentException("fixed bin size must be positive and finite, got " + width);
    }
    return new Discretisation(Method.FIXED_BIN_SIZE, 0, width);
  }

  public Method method() {
    return method;
  }

  public int binCount() {
    return binCount;
  }

  public double binWidth() {
    return binWidth;
  }

  /**
   * Discretises the voxels inside {@code mask}; outside voxels get 0.
   *
   * @param lowerBound X_min for FBS (the resegmentation lower bound), or NaN to use the ROI minimum
   * @return the number of grey levels N_g (FBN: the bin count; FBS: the highest bin present)
   */
  public int apply(float[] intensity, boolean[] mask, double lowerBound, int[] out) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < intensity.length; i++) {
      if (mask[i]) {
        min = Math.min(min, intensity[i]);
        max = Math.max(max, intensity[i]);
      }
    }
    if (min > max) { // empty mask
      java.util.Arrays.fill(out, 0);
      return 0;
    }
    switch (method) {
      case FIXED_BIN_NUMBER: {
        double range = max - min;
        for (int i = 0; i < intensity.length; i++) {
          if (!mask[i]) {
            out[i] = 0;
          } else if (range == 0) {
            out[i] = 1;
          } else {
            int b = (int) Math.floor(binCount * (intensity[i] - min) / range) + 1;
            out[i] = Math.min(b, binCount);
          }
        }
        return binCount;
      }
      case FIXED_BIN_SIZE: {
        double lo = Double.isNaN(lowerBound) ? min : lowerBound;
        int ng = 0;
        for (int i = 0; i < intensity.length; i++) {
          if (!mask[i]) {
            out[i] = 0;
          } else {
            int b = (int) Math.floor((intensity[i] - lo) / binWidth) + 1;
            out[i] = Math.max(b, 1);
            ng = Math.max(ng, out[i]);
          }
        }
        return ng;
      }
      default: {
        // No discretisation: integer intensities shifted so that the ROI minimum maps to 1.
        int ng = 0;
        for (int i = 0; i < intensity.length; i++) {
          if (!mask[i]) {
            out[i] = 0;
          } else {
            out[i] = (int) Math.round(intensity[i] - min) + 1;
            ng = Math.max(ng, out[i]);
          }
        }
        return ng;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Discretisation)) {
      return false;
    }
    Discretisation d = (Discretisation) o;
    return method == d.method && binCount == d.binCount
        && Double.doubleToLongBits(binWidth) == Double.doubleToLongBits(d.binWidth);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(method, binCount, binWidth);
  }

  @Override
  public String toString() {
    switch (method) {
      case FIXED_BIN_NUMBER: return "FBN(" + binCount + ")";
      case FIXED_BIN_SIZE: return "FBS(" + binWidth + ")";
      default: return "none";
    }
  }
}
