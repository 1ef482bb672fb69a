package org.sparkradiomics.filters;

/**
 * IBSI-2 Laplacian of Gaussian. With the Gaussian {@code G(x) = (sigma*sqrt(2 pi))^-d exp(-|x|^2 / (2 sigma^2))},
 * the kernel is {@code LoG(x) = G(x) (|x|^2/sigma^4 - d/sigma^2)}, sampled at voxel centres in voxel units
 * ({@code sigma_i = sigma_mm / spacing_i}) and truncated at {@code |x_i| <= ceil(truncate * sigma_i)}.
 *
 * <p>It is computed exactly as a sum of {@code d} separable terms, {@code LoG = sum_a g''(x_a) prod_{b != a} g(x_b)}
 * with the 1D Gaussian {@code g} and {@code g''(x) = g(x) (x^2/sigma^4 - 1/sigma^2)}. d = 2 filters in-plane.
 */
public final class LogFilter implements ImageFilter {
  private static final long serialVersionUID = 1L;

  private final double sigmaMm;
  private final double truncate;
  private final BoundaryMode mode;
  private final boolean threeD;

  public LogFilter(double sigmaMm, double truncate, BoundaryMode mode, boolean threeD) {
    if (!(sigmaMm > 0) || Double.isInfinite(sigmaMm)) {
      throw new IllegalArgumentException("LoG sigma must be positive: " + sigmaMm);
    }
    if (!(truncate > 0) || Double.isInfinite(truncate)) {
      throw new IllegalArgumentException("LoG truncation must be positive: " + truncate);
    }
    this.sigmaMm = sigmaMm;
    this.truncate = truncate;
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    this.threeD = threeD;
  }

  /** Sampled 1D Gaussian (derivative order 0) or its second derivative (order 2), sigma in voxels. */
  static double[] gauss(double sigma, double truncate, int order) {
    int r = (int) Math.ceil(truncate * sigma - 1e-9);
    double[] k = new double[2 * r + 1];
    double norm = 1.0 / (sigma * Math.sqrt(2 * Math.PI));
    for (int i = -r; i <= r; i++) {
      double g = norm * Math.exp(-i * (double) i / (2 * sigma * sigma));
      k[i + r] = order == 0 ? g : g * (i * (double) i / Math.pow(sigma, 4) - 1 / (sigma * sigma));
    }
    return k;
  }

  @Override
  public double[] response(double[] data, int nx, int ny, int nz, double[] spacing) {
    int[] axes = Conv.axes(threeD);
    double[] sum = new double[data.length];
    for (int a : axes) {
      double[][] ks = new double[axes.length][];
      for (int b = 0; b < axes.length; b++) {
        double s = sigmaMm / spacing[axes[b]];
        ks[b] = gauss(s, truncate, axes[b] == a ? 2 : 0);
      }
      double[] term = Conv.separable(data, nx, ny, nz, axes, ks, mode);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += term[i];
      }
    }
    return sum;
  }
}
