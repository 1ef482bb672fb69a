package org.sparkradiomics.filters;

/**
 * IBSI-2 mean filter: the average over a cubic (3D) or square in-plane (2D) window of {@code M} voxels per side,
 * {@code h(x) = 1/M^d} for {@code |x_i| <= (M-1)/2}. Computed as {@code d} separable 1D box convolutions.
 */
public final class MeanFilter implements ImageFilter {
  private static final long serialVersionUID = 1L;

  private final int support;
  private final BoundaryMode mode;
  private final boolean threeD;

  /**
   * @param support window side M in voxels (odd, >= 1)
   */
  public MeanFilter(int support, BoundaryMode mode, boolean threeD) {
    if (support < 1 || support % 2 == 0) {
      throw new IllegalArgumentException("mean filter support must be odd and >= 1: " + support);
    }
    this.support = support;
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    this.threeD = threeD;
  }

  @Override
  public double[] response(double[] data, int nx, int ny, int nz, double[] spacing) {
    int[] axes = Conv.axes(threeD);
    double[][] ks = new double[axes.length][];
    for (int a = 0; a < axes.length; a++) {
      ks[a] = Conv.ones(support);
    }
    return Conv.separable(data, nx, ny, nz, axes, ks, mode);
  }
}
