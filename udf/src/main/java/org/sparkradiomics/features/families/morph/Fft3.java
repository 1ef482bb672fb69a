package org.sparkradiomics.features.families.morph;

/**
 * In-place 3D complex FFT on flat split arrays ({@code re}, {@code im}, index {@code x + lx*(y + ly*z)}), with every
 * dimension a power of two: iterative radix-2 Cooley-Tukey along each axis in turn, with tabulated twiddles. The y
 * and z passes run the butterflies on whole contiguous x-rows / xy-planes at once (cache friendly, no strided
 * gathers). Pruned variants skip lines known to be zero on input (zero-padded data) or not needed on output.
 */
public final class Fft3 {
  private final int lx;
  private final int ly;
  private final int lz;
  private final double[][] cos = new double[3][];
  private final double[][] sin = new double[3][];

  public Fft3(int lx, int ly, int lz) {
    if (Integer.bitCount(lx) != 1 || Integer.bitCount(ly) != 1 || Integer.bitCount(lz) != 1) {
      throw new IllegalArgumentException("FFT sizes must be powers of two: " + lx + "x" + ly + "x" + lz);
    }
    this.lx = lx;
    this.ly = ly;
    this.lz = lz;
    int[] n = {lx, ly, lz};
    for (int a = 0; a < 3; a++) {
      cos[a] = new double[Math.max(1, n[a] / 2)];
      sin[a] = new double[Math.max(1, n[a] / 2)];
      for (int k = 0; k < n[a] / 2; k++) {
        double ang = -2 * Math.PI * k / n[a];
        cos[a][k] = Math.cos(ang);
        sin[a][k] = Math.sin(ang);
      }
    }
  }

  /** Smallest power of two &gt;= n. */
  public static int nextPow2(int n) {
    int p = 1;
    while (p < n) {
      p <<= 1;
    }
    return p;
  }

  /** Forward transform (sign -i) of the whole array. */
  public void forward(double[] re, double[] im) {
    forward(re, im, ly, lz);
  }

  /**
   * Forward transform of data that is zero outside y &lt; nyActive, z &lt; nzActive (x arbitrary): x-lines and
   * y-passes of all-zero regions are skipped.
   */
  public void forward(double[] re, double[] im, int nyActive, int nzActive) {
    for (int z = 0; z < nzActive; z++) {
      for (int y = 0; y < nyActive; y++) {
        line(re, im, lx * (y + ly * z), lx, 1, 1, cos[0], sin[0], false);
      }
    }
    for (int z = 0; z < nzActive; z++) {
      line(re, im, lx * ly * z, ly, lx, lx, cos[1], sin[1], false);
    }
    line(re, im, 0, lz, lx * ly, lx * ly, cos[2], sin[2], false);
  }

  /**
   * Forward transform of data that is real and even along every axis ({@code a(x) = a((l - x) mod l)}), whose
   * spectrum is real and even as well, at about half the cost of {@link #forward}: in every pass the lines are real,
   * so two of them (one from each half of the array) are transformed together as the real and imaginary parts of one
   * complex line, and because each line's spectrum is real the two results separate directly.
   *
   * @param re the data on input, its (real) spectrum on output
   * @param im scratch of the same length, all zero on input and on output
   */
  public void forwardRealEven(double[] re, double[] im) {
    int plane = lx * ly;
    // x-pass: rows r and r + rows/2
    int rows = ly * lz;
    if (rows >= 2) {
      int half = rows / 2;
      for (int r = 0; r < half; r++) {
        pairedLine(re, im, lx * r, lx * (r + half), lx, 1, 1, cos[0], sin[0]);
      }
    } else {
      singleLine(re, im, 0, lx, 1, 1, cos[0], sin[0]);
    }
    // y-pass: planes z and z + lz/2 (or the two x-halves of a single plane)
    if (lz >= 2) {
      for (int z = 0; z < lz / 2; z++) {
        pairedLine(re, im, plane * z, plane * (z + lz / 2), ly, lx, lx, cos[1], sin[1]);
      }
    } else if (lx >= 2) {
      pairedLine(re, im, 0, lx / 2, ly, lx, lx / 2, cos[1], sin[1]);
    } else {
      singleLine(re, im, 0, ly, lx, lx, cos[1], sin[1]);
    }
    // z-pass: the two halves of each xy-plane
    if (plane >= 2) {
      pairedLine(re, im, 0, plane / 2, lz, plane, plane / 2, cos[2], sin[2]);
    } else {
      singleLine(re, im, 0, lz, plane, plane, cos[2], sin[2]);
    }
  }

  /**
   * Transforms the real lines at {@code a} and {@code b} (same layout: n elements of stride {@code stride}, each a
   * block of {@code block} contiguous values) together: b is moved into the
   * imaginary part of a, and afterwards the imaginary part (b's real spectrum) is moved back to b.
   */
  private static void pairedLine(double[] re, double[] im, int a, int b, int n, int stride, int block, double[] cs,
      double[] sn) {
    for (int k = 0; k < n; k++) {
      int pa = a + k * stride;
      int pb = b + k * stride;
      System.arraycopy(re, pb, im, pa, block);
    }
    line(re, im, a, n, stride, block, cs, sn, false);
    for (int k = 0; k < n; k++) {
      int pa = a + k * stride;
      int pb = b + k * stride;
      System.arraycopy(im, pa, re, pb, block);
      java.util.Arrays.fill(im, pa, pa + block, 0);
    }
  }

  private static void singleLine(double[] re, double[] im, int a, int n, int stride, int block, double[] cs,
      double[] sn) {
    line(re, im, a, n, stride, block, cs, sn, false);
    for (int k = 0; k < n; k++) {
      java.util.Arrays.fill(im, a + k * stride, a + k * stride + block, 0);
    }
  }

  /** Unscaled inverse transform (sign +i); divide by lx*ly*lz to invert {@link #forward}. */
  public void inverseUnscaled(double[] re, double[] im) {
    inverseUnscaled(re, im, ly, lz);
  }

  /** Unscaled inverse transform whose output is only needed for y &lt; nyNeeded, z &lt; nzNeeded. */
  public void inverseUnscaled(double[] re, double[] im, int nyNeeded, int nzNeeded) {
    line(re, im, 0, lz, lx * ly, lx * ly, cos[2], sin[2], true);
    for (int z = 0; z < nzNeeded; z++) {
      line(re, im, lx * ly * z, ly, lx, lx, cos[1], sin[1], true);
    }
    for (int z = 0; z < nzNeeded; z++) {
      for (int y = 0; y < nyNeeded; y++) {
        line(re, im, lx * (y + ly * z), lx, 1, 1, cos[0], sin[0], true);
      }
    }
  }

  /** Scaled inverse: {@code inverse(forward(a)) == a}. */
  public void inverse(double[] re, double[] im) {
    inverseUnscaled(re, im);
    double s = 1.0 / ((double) lx * ly * lz);
    for (int i = 0; i < re.length; i++) {
      re[i] *= s;
      im[i] *= s;
    }
  }

  /**
   * Radix-2 FFT of length n along one axis, element k at {@code base + k*stride}, applied simultaneously to
   * {@code block} contiguous elements (block = 1 for x-lines, lx for y, lx*ly for z).
   */
  private static void line(double[] re, double[] im, int base, int n, int stride, int block, double[] cs,
      double[] sn, boolean inverse) {
    if (n == 1) {
      return;
    }
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        int pi = base + i * stride;
        int pj = base + j * stride;
        for (int b = 0; b < block; b++) {
          double t = re[pi + b];
          re[pi + b] = re[pj + b];
          re[pj + b] = t;
          t = im[pi + b];
          im[pi + b] = im[pj + b];
          im[pj + b] = t;
        }
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      int half = len >> 1;
      int step = n / len;
      for (int k = 0; k < half; k++) {
        double wr = cs[k * step];
        double wi = inverse ? -sn[k * step] : sn[k * step];
        for (int i = 0; i < n; i += len) {
          int pa = base + (i + k) * stride;
          int pb = pa + half * stride;
          for (int b = 0; b < block; b++) {
            double br = re[pb + b];
            double bi = im[pb + b];
            double xr = br * wr - bi * wi;
            double xi = br * wi + bi * wr;
            double ar = re[pa + b];
            double ai = im[pa + b];
            re[pb + b] = ar - xr;
            im[pb + b] = ai - xi;
            re[pa + b] = ar + xr;
            im[pa + b] = ai + xi;
          }
        }
      }
    }
  }
}
