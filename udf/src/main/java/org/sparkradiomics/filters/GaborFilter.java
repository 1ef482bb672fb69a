package org.sparkradiomics.filters;

/**
 * IBSI-2 2D Gabor filter, applied slice by slice. In plane coordinates (u, v) in mm,
 * {@code g(u, v) = exp(-(ut^2 + gamma^2 vt^2) / (2 sigma^2)) exp(i 2 pi ut / lambda)} with
 * {@code ut = u cos(theta) + v sin(theta)}, {@code vt = -u sin(theta) + v cos(theta)} (unnormalised, so
 * {@code |g(0)| = 1}); the response is the modulus {@code |g * I|}. The kernel is truncated at
 * {@code truncate * sigma * max(1, 1/gamma)} mm along each in-plane axis.
 *
 * <p>Orientation invariance: with {@code thetaStep > 0} the responses for {@code theta + k*thetaStep} over a half
 * turn are pooled (a half turn suffices because {@code g_{theta+pi} = conj(g_theta)} gives the same modulus on a
 * real image). With {@code orthogonalPlanes} the filter runs in the axial (x, y), coronal (x, z) and sagittal
 * (y, z) planes and every (plane, orientation) response is pooled together, IBSI-2's 3D rotation-invariant Gabor.
 * Each slice is convolved by a 2D FFT of the slice embedded in a circular grid that reproduces the boundary mode
 * exactly (see {@code Embedding}): mirror uses the 2n-periodic symmetric extension, periodic the slice itself.
 */
public final class GaborFilter implements ImageFilter {
  private static final long serialVersionUID = 1L;

  private final double sigmaMm;
  private final double lambdaMm;
  private final double gamma;
  private final double theta;
  private final double thetaStep;
  private final Pooling pooling;
  private final boolean orthogonalPlanes;
  private final BoundaryMode mode;
  private final double truncate;

  /**
   * @param theta orientation in radians
   * @param thetaStep orientation step in radians for orientation pooling, 0 for the single orientation
   */
  public GaborFilter(double sigmaMm, double lambdaMm, double gamma, double theta, double thetaStep,
      Pooling pooling, boolean orthogonalPlanes, BoundaryMode mode, double truncate) {
    if (!(sigmaMm > 0) || !(lambdaMm > 0) || !(gamma > 0) || !(truncate > 0)) {
      throw new IllegalArgumentException("Gabor sigma, lambda, gamma and truncate must be positive");
    }
    if (!(thetaStep >= 0) || Double.isNaN(theta)) {
      throw new IllegalArgumentException("Gabor theta step must be >= 0");
    }
    this.sigmaMm = sigmaMm;
    this.lambdaMm = lambdaMm;
    this.gamma = gamma;
    this.theta = theta;
    this.thetaStep = thetaStep;
    this.pooling = pooling == null ? Pooling.MEAN : pooling;
    this.orthogonalPlanes = orthogonalPlanes;
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    this.truncate = truncate;
  }

  double[] thetas() {
    if (thetaStep == 0) {
      return new double[] {theta};
    }
    int n = Math.max(1, (int) Math.round(Math.PI / thetaStep));
    double[] t = new double[n];
    for (int k = 0; k < n; k++) {
      t[k] = theta + k * thetaStep;
    }
    return t;
  }

  @Override
  public double[] response(double[] data, int nx, int ny, int nz, double[] spacing) {
    int[] d = {nx, ny, nz};
    int[][] planes = orthogonalPlanes ? new int[][] {{0, 1, 2}, {0, 2, 1}, {1, 2, 0}} : new int[][] {{0, 1, 2}};
    double[] thetas = thetas();
    double[] acc = new double[data.length];
    if (pooling == Pooling.MAX) {
      java.util.Arrays.fill(acc, Double.NEGATIVE_INFINITY);
    }
    for (int[] pl : planes) {
      plane(data, d, spacing, pl[0], pl[1], pl[2], thetas, acc);
    }
    if (pooling == Pooling.MEAN) {
      double n = planes.length * (double) thetas.length;
      for (int i = 0; i < acc.length; i++) {
        acc[i] /= n;
      }
    }
    return acc;
  }

  /**
   * How one in-plane axis of n samples is embedded in a circular FFT line so that circular convolution with a kernel
   * of radius r equals linear convolution under the boundary mode:
   * zero: the samples then zeros, length >= n + r and >= 2r + 1 (wrapped taps only meet zeros);
   * periodic: the n samples themselves (the kernel is folded modulo n);
   * mirror: the samples then their reverse, length 2n (the symmetric extension has period 2n; the kernel is folded);
   * nearest: the edge-extended line of n + 2r samples then zeros, output offset r.
   */
  private static final class Embedding {
    final int size;
    final int offset;
    final int[] source; // sample index for each of the first source.length positions, -1 for zero

    Embedding(int n, int r, BoundaryMode mode) {
      switch (mode) {
        case PERIODIC:
          size = n;
          offset = 0;
          source = new int[n];
          for (int i = 0; i < n; i++) {
            source[i] = i;
          }
          break;
        case MIRROR:
          size = 2 * n;
          offset = 0;
          source = new int[2 * n];
          for (int i = 0; i < 2 * n; i++) {
            source[i] = i < n ? i : 2 * n - 1 - i;
          }
          break;
        case CONSTANT:
          size = Integer.highestOneBit(Math.max(1, Math.max(n + r, 2 * r + 1) - 1)) << 1;
          offset = 0;
          source = new int[n];
          for (int i = 0; i < n; i++) {
            source[i] = i;
          }
          break;
        default:
          size = Integer.highestOneBit(Math.max(1, n + 2 * r - 1)) << 1;
          offset = r;
          source = new int[n + 2 * r];
          for (int i = 0; i < n + 2 * r; i++) {
            source[i] = mode.map(i - r, n);
          }
      }
    }
  }

  /** Filters every slice across axis {@code w} in the plane of axes (u, v), pooling into {@code acc}. */
  private void plane(double[] data, int[] d, double[] spacing, int u, int v, int w, double[] thetas, double[] acc) {
    int nu = d[u];
    int nv = d[v];
    int[] strides = {1, d[0], d[0] * d[1]};
    double extent = truncate * sigmaMm * Math.max(1, 1 / gamma);
    int ru = (int) Math.ceil(extent / spacing[u] - 1e-9);
    int rv = (int) Math.ceil(extent / spacing[v] - 1e-9);
    Embedding eu = new Embedding(nu, ru, mode);
    Embedding ev = new Embedding(nv, rv, mode);
    int pu = eu.size;
    int pv = ev.size;
    Fft fu = new Fft(pu);
    Fft fv = new Fft(pv);
    double[] sr = new double[Math.max(fu.scratch(), fv.scratch())];
    double[] si = new double[sr.length];
    // kernel spectra, one per orientation; taps beyond the circular length fold (periodic / mirror embeddings)
    double[][] kre = new double[thetas.length][];
    double[][] kim = new double[thetas.length][];
    for (int t = 0; t < thetas.length; t++) {
      kre[t] = new double[pu * pv];
      kim[t] = new double[pu * pv];
      double c = Math.cos(thetas[t]);
      double s = Math.sin(thetas[t]);
      for (int j = -rv; j <= rv; j++) {
        for (int i = -ru; i <= ru; i++) {
          double x = i * spacing[u];
          double y = j * spacing[v];
          double xt = x * c + y * s;
          double yt = -x * s + y * c;
          double env = Math.exp(-(xt * xt + gamma * gamma * yt * yt) / (2 * sigmaMm * sigmaMm));
          double ph = 2 * Math.PI * xt / lambdaMm;
          int idx = Math.floorMod(i, pu) + pu * Math.floorMod(j, pv);
          kre[t][idx] += env * Math.cos(ph);
          kim[t][idx] += env * Math.sin(ph);
        }
      }
      transform2d(kre[t], kim[t], pu, pv, fu, fv, false, sr, si, pv, 0, pv);
    }
    double[] re = new double[pu * pv];
    double[] im = new double[pu * pv];
    double[] ore = new double[pu * pv];
    double[] oim = new double[pu * pv];
    int filledRows = ev.source.length;
    for (int k = 0; k < d[w]; k++) {
      java.util.Arrays.fill(re, 0);
      java.util.Arrays.fill(im, 0);
      for (int j = 0; j < filledRows; j++) {
        int sj = ev.source[j];
        if (sj < 0) {
          continue;
        }
        for (int i = 0; i < eu.source.length; i++) {
          int si0 = eu.source[i];
          if (si0 >= 0) {
            re[i + pu * j] = data[si0 * strides[u] + sj * strides[v] + k * strides[w]];
          }
        }
      }
      // rows beyond filledRows are zero: their row transforms are skipped
      transform2d(re, im, pu, pv, fu, fv, false, sr, si, filledRows, 0, pv);
      for (int t = 0; t < thetas.length; t++) {
        double[] kr = kre[t];
        double[] ki = kim[t];
        for (int q = 0; q < re.length; q++) {
          ore[q] = re[q] * kr[q] - im[q] * ki[q];
          oim[q] = re[q] * ki[q] + im[q] * kr[q];
        }
        // inverse: columns first, then only the rows that hold output voxels
        transform2d(ore, oim, pu, pv, fu, fv, true, sr, si, pv, ev.offset, ev.offset + nv);
        for (int j = 0; j < nv; j++) {
          for (int i = 0; i < nu; i++) {
            int q = (i + eu.offset) + pu * (j + ev.offset);
            double m = Math.hypot(ore[q], oim[q]);
            int o = i * strides[u] + j * strides[v] + k * strides[w];
            acc[o] = pooling == Pooling.MAX ? Math.max(acc[o], m) : acc[o] + m;
          }
        }
      }
    }
  }

  /**
   * 2D FFT of a {@code pu x pv} grid. Forward: rows [0, rows) along u (the others are zero), then every column.
   * Inverse: every column, then only rows [rowFrom, rowTo) along u (the only ones read afterwards).
   */
  private static void transform2d(double[] re, double[] im, int pu, int pv, Fft fu, Fft fv, boolean inverse,
      double[] sr, double[] si, int rows, int rowFrom, int rowTo) {
    if (!inverse) {
      for (int j = 0; j < rows; j++) {
        fu.transform(re, im, pu * j, 1, false, sr, si);
      }
      for (int i = 0; i < pu; i++) {
        fv.transform(re, im, i, pu, false, sr, si);
      }
    } else {
      for (int i = 0; i < pu; i++) {
        fv.transform(re, im, i, pu, true, sr, si);
      }
      for (int j = rowFrom; j < rowTo; j++) {
        fu.transform(re, im, pu * j, 1, true, sr, si);
      }
    }
  }
}
