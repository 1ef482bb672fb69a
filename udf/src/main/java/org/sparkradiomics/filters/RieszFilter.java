package org.sparkradiomics.filters;

/**
 * IBSI-2 Riesz transform of another filter's response (e.g. Riesz-transformed LoG or Simoncelli). For the order
 * {@code n = (n_x, n_y, n_z)} with {@code |n| = n_x + n_y + n_z}, the transfer function is
 * {@code R_n(w) = sqrt(|n|! / (n_x! n_y! n_z!)) * prod_a (-i w_a / |w|)^(n_a)}, {@code R_n(0) = 0}, on the DFT grid
 * {@code w_a = 2 pi k_a / n_a} (radians per voxel). The response is the real part of
 * {@code IFFT(FFT(h * I) R_n)}, where {@code h * I} is the inner filter's response: the Riesz step is periodic.
 * A 2D Riesz transform (n_z = 0 and {@code threeD == false}) works slice by slice in-plane.
 */
public final class RieszFilter implements ImageFilter {
  private static final long serialVersionUID = 1L;

  private final ImageFilter inner;
  private final int[] order;
  private final boolean threeD;

  public RieszFilter(ImageFilter inner, int[] order, boolean threeD) {
    this.inner = java.util.Objects.requireNonNull(inner, "inner");
    if (order == null || order.length != 3) {
      throw new IllegalArgumentException("Riesz order needs 3 components (x, y, z)");
    }
    int sum = 0;
    for (int o : order) {
      if (o < 0 || o > 9) {
        throw new IllegalArgumentException("Riesz order components must be in 0..9");
      }
      sum += o;
    }
    if (sum == 0) {
      throw new IllegalArgumentException("Riesz order must be at least 1");
    }
    if (!threeD && order[2] != 0) {
      throw new IllegalArgumentException("a 2D Riesz transform has no z order");
    }
    this.order = order.clone();
    this.threeD = threeD;
  }

  private static double factorial(int n) {
    double f = 1;
    for (int i = 2; i <= n; i++) {
      f *= i;
    }
    return f;
  }

  private static double omega(int k, int n) {
    int signed = k <= (n - 1) / 2 ? k : k - n;
    return 2 * Math.PI * signed / n;
  }

  @Override
  public double[] response(double[] data, int nx, int ny, int nz, double[] spacing) {
    double[] h = inner.response(data, nx, ny, nz, spacing);
    int total = order[0] + order[1] + order[2];
    double norm = Math.sqrt(factorial(total) / (factorial(order[0]) * factorial(order[1]) * factorial(order[2])));
    // (-i)^total
    double[][] unit = {{1, 0}, {0, -1}, {-1, 0}, {0, 1}};
    double cr = unit[total % 4][0] * norm;
    double ci = unit[total % 4][1] * norm;
    int gz = threeD ? nz : 1;
    int block = nx * ny * gz;
    double[] out = new double[h.length];
    double[] re = new double[block];
    double[] im = new double[block];
    for (int b = 0; b < h.length; b += block) {
      System.arraycopy(h, b, re, 0, block);
      java.util.Arrays.fill(im, 0);
      Fft.transform3d(re, im, nx, ny, gz, false);
      for (int z = 0; z < gz; z++) {
        double wz = omega(z, gz);
        for (int y = 0; y < ny; y++) {
          double wy = omega(y, ny);
          for (int x = 0; x < nx; x++) {
            double wx = omega(x, nx);
            double w = Math.sqrt(wx * wx + wy * wy + wz * wz);
            int i = x + nx * (y + ny * z);
            if (w == 0) {
              re[i] = 0;
              im[i] = 0;
              continue;
            }
            double g = Math.pow(wx / w, order[0]) * Math.pow(wy / w, order[1]) * Math.pow(wz / w, order[2]);
            double hr = cr * g;
            double hi = ci * g;
            double r = re[i] * hr - im[i] * hi;
            im[i] = re[i] * hi + im[i] * hr;
            re[i] = r;
          }
        }
      }
      Fft.transform3d(re, im, nx, ny, gz, true);
      System.arraycopy(re, 0, out, b, block);
    }
    return out;
  }
}
