package org.sparkradiomics.filters;

/**
 * Package-private complex FFT on split re/im arrays: iterative radix-2 for powers of two, Bluestein's chirp-z
 * (via a power-of-two radix-2 FFT) for any other length. Forward uses {@code exp(-2 pi i k n / N)}; the inverse
 * is scaled by {@code 1/N}.
 */
final class Fft {
  private final int n;
  private final int m; // radix-2 size used (n itself, or the Bluestein size)
  private final double[] cos;
  private final double[] sin;
  private final double[] chirpRe;
  private final double[] chirpIm;
  private final double[] bRe;
  private final double[] bIm;

  Fft(int n) {
    this.n = n;
    boolean pow2 = Integer.bitCount(n) == 1;
    this.m = pow2 ? n : Integer.highestOneBit(2 * n - 1) << 1;
    cos = new double[m / 2];
    sin = new double[m / 2];
    for (int i = 0; i < m / 2; i++) {
      cos[i] = Math.cos(2 * Math.PI * i / m);
      sin[i] = Math.sin(2 * Math.PI * i / m);
    }
    if (pow2) {
      chirpRe = chirpIm = bRe = bIm = null;
    } else {
      chirpRe = new double[n];
      chirpIm = new double[n];
      for (int k = 0; k < n; k++) {
        long kk = (long) k * k % (2L * n);
        double a = Math.PI * kk / n;
        chirpRe[k] = Math.cos(a);
        chirpIm[k] = -Math.sin(a);
      }
      bRe = new double[m];
      bIm = new double[m];
      bRe[0] = chirpRe[0];
      bIm[0] = -chirpIm[0];
      for (int k = 1; k < n; k++) {
        bRe[k] = bRe[m - k] = chirpRe[k];
        bIm[k] = bIm[m - k] = -chirpIm[k];
      }
      radix2(bRe, bIm, false);
    }
  }

  int size() {
    return n;
  }

  /** In-place transform of {@code re/im[off + stride*k]}, k in [0, n), using the scratch arrays (length >= m). */
  void transform(double[] re, double[] im, int off, int stride, boolean inverse, double[] sr, double[] si) {
    if (chirpRe == null) {
      for (int k = 0; k < n; k++) {
        sr[k] = re[off + stride * k];
        si[k] = im[off + stride * k];
      }
      radix2(sr, si, inverse);
    } else {
      // Bluestein: with w_k = exp(-i pi k^2 / n), X_k = w_k * sum_j (x_j w_j) conj(w_{k-j}), a convolution done
      // with radix-2 FFTs of length m >= 2n - 1; the inverse conjugates input and output and divides by n.
      double sgn = inverse ? -1 : 1;
      for (int k = 0; k < m; k++) {
        if (k < n) {
          double xr = re[off + stride * k];
          double xi = sgn * im[off + stride * k];
          sr[k] = xr * chirpRe[k] - xi * chirpIm[k];
          si[k] = xr * chirpIm[k] + xi * chirpRe[k];
        } else {
          sr[k] = 0;
          si[k] = 0;
        }
      }
      radix2(sr, si, false);
      for (int k = 0; k < m; k++) {
        double r = sr[k] * bRe[k] - si[k] * bIm[k];
        double i = sr[k] * bIm[k] + si[k] * bRe[k];
        sr[k] = r;
        si[k] = i;
      }
      radix2(sr, si, true);
      for (int k = 0; k < n; k++) {
        double r = sr[k] * chirpRe[k] - si[k] * chirpIm[k];
        double i = sr[k] * chirpIm[k] + si[k] * chirpRe[k];
        sr[k] = r;
        si[k] = sgn * i;
      }
      if (inverse) {
        for (int k = 0; k < n; k++) {
          sr[k] /= n;
          si[k] /= n;
        }
      }
    }
    for (int k = 0; k < n; k++) {
      re[off + stride * k] = sr[k];
      im[off + stride * k] = si[k];
    }
  }

  /** Scratch length needed by {@link #transform}. */
  int scratch() {
    return m;
  }

  /** In-place radix-2 transform of the first m entries (inverse scaled by 1/m). */
  private void radix2(double[] re, double[] im, boolean inverse) {
    int len = m;
    for (int i = 1, j = 0; i < len; i++) {
      int bit = len >> 1;
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
    double sgn = inverse ? 1 : -1;
    for (int size = 2; size <= len; size <<= 1) {
      int half = size >> 1;
      int step = m / size;
      for (int s = 0; s < len; s += size) {
        for (int k = 0; k < half; k++) {
          double wr = cos[k * step];
          double wi = sgn * sin[k * step];
          int a = s + k;
          int b = a + half;
          double tr = re[b] * wr - im[b] * wi;
          double ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
    if (inverse) {
      for (int i = 0; i < len; i++) {
        re[i] /= len;
        im[i] /= len;
      }
    }
  }

  /** In-place 3D transform of a flat complex grid {@code [x + nx*(y + ny*z)]}. */
  static void transform3d(double[] re, double[] im, int nx, int ny, int nz, boolean inverse) {
    int[] d = {nx, ny, nz};
    for (int axis = 0; axis < 3; axis++) {
      if (d[axis] == 1) {
        continue;
      }
      Fft f = new Fft(d[axis]);
      double[] sr = new double[f.scratch()];
      double[] si = new double[f.scratch()];
      int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
      int lines = re.length / d[axis];
      for (int line = 0; line < lines; line++) {
        int base = axis == 0 ? line * nx : axis == 1 ? (line % nx) + (line / nx) * nx * ny : line;
        f.transform(re, im, base, stride, inverse, sr, si);
      }
    }
  }
}
