package org.sparkradiomics.filters;

/**
 * Package-private 1D convolution along one axis of a flat volume, the building block of every separable filter.
 *
 * <p>True convolution with the kernel centre at index {@code c = floor(L/2)} (as scipy.ndimage.convolve1d):
 * {@code out[i] = sum_m k[m] * in[i + c - m]}, where out-of-range samples come from the {@link BoundaryMode}. Each
 * line is copied once into a padded buffer, so the cost is {@code O(N * L)} and the extra memory one line.
 */
final class Conv {
  private Conv() {}

  /** Convolves along {@code axis} (0 = x, 1 = y, 2 = z); returns a new array. */
  static double[] along(double[] in, int nx, int ny, int nz, int axis, double[] k, BoundaryMode mode) {
    int[] dims = {nx, ny, nz};
    int n = dims[axis];
    int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
    int len = k.length;
    int c = len / 2;
    // padded line: buf[j] = in[j - (len - 1 - c)], j in [0, n + len - 1)
    int before = len - 1 - c;
    double[] buf = new double[n + len - 1];
    double[] out = new double[in.length];
    int lines = in.length / n;
    // kernel reversed so the inner loop is a forward correlation: out[i] = sum_j kr[j] * buf[i + j]
    double[] kr = new double[len];
    for (int j = 0; j < len; j++) {
      kr[j] = k[len - 1 - j];
    }
    for (int line = 0; line < lines; line++) {
      int base;
      if (axis == 0) {
        base = line * nx;
      } else if (axis == 1) {
        base = (line % nx) + (line / nx) * nx * ny;
      } else {
        base = line;
      }
      for (int j = 0; j < buf.length; j++) {
        int src = mode.map(j - before, n);
        buf[j] = src < 0 ? 0.0 : in[base + src * stride];
      }
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < len; j++) {
          s += kr[j] * buf[i + j];
        }
        out[base + i * stride] = s;
      }
    }
    return out;
  }

  /** Applies {@code kernels[a]} along each axis {@code axes[a]} in turn (a separable filter). */
  static double[] separable(double[] in, int nx, int ny, int nz, int[] axes, double[][] kernels, BoundaryMode mode) {
    double[] cur = in;
    for (int a = 0; a < axes.length; a++) {
      cur = along(cur, nx, ny, nz, axes[a], kernels[a], mode);
    }
    return cur;
  }

  /** Axes filtered by a 2D (in-plane x, y) or 3D filter. */
  static int[] axes(boolean threeD) {
    return threeD ? new int[] {0, 1, 2} : new int[] {0, 1};
  }

  static double[] ones(int m) {
    double[] k = new double[m];
    java.util.Arrays.fill(k, 1.0 / m);
    return k;
  }

  /** Voxel-wise absolute value. */
  static double[] abs(double[] a) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = Math.abs(a[i]);
    }
    return r;
  }
}
