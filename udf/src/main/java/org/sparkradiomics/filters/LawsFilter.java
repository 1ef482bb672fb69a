package org.sparkradiomics.filters;

import java.util.Locale;

/**
 * IBSI-2 Laws kernels. A kernel name such as {@code E5L5S5} lists the 1D kernel along x, then y, then z (2D names
 * such as {@code L5S5} list x then y). The normalised 1D kernels are
 * L3 = [1 2 1]/sqrt6, E3 = [-1 0 1]/sqrt2, S3 = [-1 2 -1]/sqrt6, L5 = [1 4 6 4 1]/sqrt70, E5 = [-1 -2 0 2 1]/sqrt10,
 * S5 = [-1 0 2 0 -1]/sqrt6, W5 = [-1 2 0 -2 1]/sqrt10, R5 = [1 -4 6 -4 1]/sqrt70, applied by separable convolution.
 *
 * <p>Optional rotation invariance pools the responses of the kernel under the 24 right-angle 3D rotations (4
 * in-plane rotations in 2D). The optional energy map is {@code E(x) = 1/(2 delta + 1)^d sum_{|y_i - x_i| <= delta}
 * |h(y)|}, computed on the (pooled) response with the same boundary mode.
 */
public final class LawsFilter implements ImageFilter {
  private static final long serialVersionUID = 1L;

  private final String kernel;
  private final double[][] kernels;
  private final BoundaryMode mode;
  private final boolean threeD;
  private final Pooling rotationPooling;
  private final int energyDistance;

  /**
   * @param kernel e.g. "E5L5S5" (3D) or "L5S5" (2D)
   * @param rotationPooling null for no rotation invariance
   * @param energyDistance delta in voxels, or a negative value for the plain response (no energy map)
   */
  public LawsFilter(String kernel, BoundaryMode mode, Pooling rotationPooling, int energyDistance) {
    String k = kernel.trim().toUpperCase(Locale.ROOT);
    if (k.length() != 4 && k.length() != 6) {
      throw new IllegalArgumentException("Laws kernel must name 2 or 3 1D kernels, e.g. L5S5 or E5L5S5: " + kernel);
    }
    this.kernel = k;
    this.threeD = k.length() == 6;
    this.kernels = new double[k.length() / 2][];
    for (int i = 0; i < kernels.length; i++) {
      kernels[i] = oneD(k.substring(2 * i, 2 * i + 2));
    }
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    this.rotationPooling = rotationPooling;
    this.energyDistance = energyDistance;
  }

  /** The normalised 1D Laws kernel (L3, E3, S3, L5, E5, S5, W5, R5). */
  static double[] oneD(String name) {
    double[] v;
    switch (name) {
      case "L3": v = new double[] {1, 2, 1}; break;
      case "E3": v = new double[] {-1, 0, 1}; break;
      case "S3": v = new double[] {-1, 2, -1}; break;
      case "L5": v = new double[] {1, 4, 6, 4, 1}; break;
      case "E5": v = new double[] {-1, -2, 0, 2, 1}; break;
      case "S5": v = new double[] {-1, 0, 2, 0, -1}; break;
      case "W5": v = new double[] {-1, 2, 0, -2, 1}; break;
      case "R5": v = new double[] {1, -4, 6, -4, 1}; break;
      default: throw new IllegalArgumentException("unknown Laws 1D kernel " + name);
    }
    double n = 0;
    for (double x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    for (int i = 0; i < v.length; i++) {
      v[i] /= n;
    }
    return v;
  }

  public String kernel() {
    return kernel;
  }

  @Override
  public double[] response(double[] data, int nx, int ny, int nz, double[] spacing) {
    int[] d = {nx, ny, nz};
    int[] axes = Conv.axes(threeD);
    Rotation.GridFilter plain = (a, dims, sp) -> Conv.separable(a, dims[0], dims[1], dims[2], axes, kernels, mode);
    double[] r = rotationPooling == null ? plain.apply(data, d, spacing)
        : Rotation.pool(threeD ? Rotation.cube() : Rotation.square(), rotationPooling, data, d, spacing, plain);
    if (energyDistance < 0) {
      return r;
    }
    double[][] box = new double[axes.length][];
    for (int a = 0; a < axes.length; a++) {
      box[a] = Conv.ones(2 * energyDistance + 1);
    }
    return Conv.separable(Conv.abs(r), nx, ny, nz, axes, box, mode);
  }
}
