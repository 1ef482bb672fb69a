package org.sparkradiomics.filters.pyradiomics;

import org.sparkradiomics.filters.BoundaryMode;

/**
 * Package-private 1D operations along one axis of a flat volume {@code a[x + nx*(y + ny*z)]} (axis 0 = x, 1 = y,
 * 2 = z). Each line is copied once into a buffer, so the cost is {@code O(N * L)} and the extra memory one line.
 */
final class Lines {
  private Lines() {}

  /** Stride of {@code axis} in the flat array. */
  static int stride(int[] dims, int axis) {
    return axis == 0 ? 1 : axis == 1 ? dims[0] : dims[0] * dims[1];
  }

  /** Flat index of the first sample of line number {@code line} along {@code axis}. */
  static int lineBase(int[] dims, int axis, int line) {
    if (axis == 0) {
      return line * dims[0];
    }
    if (axis == 1) {
      return (line % dims[0]) + (line / dims[0]) * dims[0] * dims[1];
    }
    return line;
  }

  /**
   * Convolution along {@code axis} with the kernel centre at {@code c}: {@code out[i] = sum_m k[m] * in[i + c - m]},
   * out-of-range samples taken from {@code mode} (see {@link BoundaryMode#map}).
   */
  static double[] convolve(double[] in, int[] dims, int axis, double[] k, int c, BoundaryMode mode) {
    int n = dims[axis];
    int stride = stride(dims, axis);
    int len = k.length;
    // buf[j] = in[j - before]: sample i + c - m sits at buf[i + c - m + before], before = len - 1 - c
    int before = len - 1 - c;
    double[] buf = new double[n + len - 1];
    double[] out = new double[in.length];
    int lines = in.length / n;
    for (int line = 0; line < lines; line++) {
      int base = lineBase(dims, axis, line);
      for (int j = 0; j < buf.length; j++) {
        int src = mode.map(j - before, n);
        buf[j] = src < 0 ? 0.0 : in[base + src * stride];
      }
      for (int i = 0; i < n; i++) {
        double s = 0;
        int top = i + len - 1;
        for (int m = 0; m < len; m++) {
          s += k[m] * buf[top - m];
        }
        out[base + i * stride] = s;
      }
    }
    return out;
  }
}
