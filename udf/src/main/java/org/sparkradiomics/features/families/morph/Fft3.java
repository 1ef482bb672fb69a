package org.sparkradiomics.features.families.morph;

/**
 * In-place 3D complex FFT on flat split arrays ({@code re}, {@code im}, index {@code x + lx*(y + ly*z)}), with every
 * dimension a power of two: iterative radix-2 Cooley-Tukey along each axis in turn. The inverse is unnormalised
 * except for the final division by the element count, so {@code inverse(forward(a)) == a}.
 */
public final class Fft3 {
  private final int lx;
  private final int ly;
  private final int lz;

  public Fft3(int lx, int ly, int lz) {
    if (Integer.bitCount(lx) != 1 || Integer.bitCount(ly) != 1 || Integer.bitCount(lz) != 1) {
      throw new IllegalArgumentException("FFT sizes must be powers of two: " + lx + "x" + ly + "x" + lz);
    }
    this.lx = lx;
    this.ly = ly;
    this.lz = lz;
  }

  /** Smallest power of two &gt;= n. */
  public static int nextPow2(int n) {
    int p = 1;
    while (p < n) {
      p <<= 1;
    }
    return p;
  }

  public void forward(double[] re, double[] im) {
    transform(re, im, false);
  }

  public void inverse(double[] re, double[] im) {
    transform(re, im, true);
    double s = 1.0 / ((double) lx * ly * lz);
    for (int i = 0; i < re.length; i++) {
      re[i] *= s;
      im[i] *= s;
    }
  }

  private void transform(double[] re, double[] im, boolean inverse) {
    int max = Math.max(lx, Math.max(ly, lz));
    double[] br = new double[max];
    double[] bi = new double[max];
    // x lines are contiguous
    if (lx > 1) {
      for (int line = 0; line < ly * lz; line++) {
        int base = line * lx;
        System.arraycopy(re, base, br, 0, lx);
        System.arraycopy(im, base, bi, 0, lx);
        fft1(br, bi, lx, inverse);
        System.arraycopy(br, 0, re, base, lx);
        System.arraycopy(bi, 0, im, base, lx);
      }
    }
    if (ly > 1) {
      for (int z = 0; z < lz; z++) {
        for (int x = 0; x < lx; x++) {
          int base = x + lx * ly * z;
          for (int y = 0; y < ly; y++) {
            br[y] = re[base + lx * y];
            bi[y] = im[base + lx * y];
          }
          fft1(br, bi, ly, inverse);
          for (int y = 0; y < ly; y++) {
            re[base + lx * y] = br[y];
            im[base + lx * y] = bi[y];
          }
        }
      }
    }
    if (lz > 1) {
      int plane = lx * ly;
      for (int xy = 0; xy < plane; xy++) {
        for (int z = 0; z < lz; z++) {
          br[z] = re[xy + plane * z];
          bi[z] = im[xy + plane * z];
        }
        fft1(br, bi, lz, inverse);
        for (int z = 0; z < lz; z++) {
          re[xy + plane * z] = br[z];
          im[xy + plane * z] = bi[z];
        }
      }
    }
  }

  /** Radix-2 iterative FFT of the first n entries (sign +i for the inverse, no scaling). */
  static void fft1(double[] re, double[] im, int n, boolean inverse) {
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
      double wr = Math.cos(ang);
      double wi = Math.sin(ang);
      int half = len >> 1;
      for (int i = 0; i < n; i += len) {
        double cr = 1;
        double ci = 0;
        for (int k = 0; k < half; k++) {
          int a = i + k;
          int b = a + half;
          double xr = re[b] * cr - im[b] * ci;
          double xi = re[b] * ci + im[b] * cr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
          double ncr = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = ncr;
        }
      }
    }
  }
}
