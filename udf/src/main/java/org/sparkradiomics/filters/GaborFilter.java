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
 * Each slice is convolved through a zero-padded 2D FFT of the boundary-padded slice.
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

  /** Filters every slice across axis {@code w} in the plane of axes (u, v), pooling into {@code acc}. */
  private void plane(double[] data, int[] d, double[] spacing, int u, int v, int w, double[] thetas, double[] acc) {
    int nu = d[u];
    int nv = d[v];
    int[] strides = {1, d[0], d[0] * d[1]};
    double extent = truncate * sigmaMm * Math.max(1, 1 / gamma);
    int ru = (int) Math.ceil(extent / spacing[u] - 1e-9);
    int rv = (int) Math.ceil(extent / spacing[v] - 1e-9);
    int pu = Integer.highestOneBit(Math.max(1, nu + 2 * ru - 1)) << 1;
    int pv = Integer.highestOneBit(Math.max(1, nv + 2 * rv - 1)) << 1;
    // kernel spectra, one per orientation
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
          kre[t][idx] = env * Math.cos(ph);
          kim[t][idx] = env * Math.sin(ph);
        }
      }
      Fft.transform3d(kre[t], kim[t], pu, pv, 1, false);
    }
    double[] re = new double[pu * pv];
    double[] im = new double[pu * pv];
    double[] ore = new double[pu * pv];
    double[] oim = new double[pu * pv];
    for (int k = 0; k < d[w]; k++) {
      java.util.Arrays.fill(re, 0);
      java.util.Arrays.fill(im, 0);
      for (int j = 0; j < nv + 2 * rv; j++) {
        int sj = mode.map(j - rv, nv);
        for (int i = 0; i < nu + 2 * ru; i++) {
          int si = mode.map(i - ru, nu);
          if (si >= 0 && sj >= 0) {
            re[i + pu * j] = data[si * strides[u] + sj * strides[v] + k * strides[w]];
          }
        }
      }
      Fft.transform3d(re, im, pu, pv, 1, false);
      for (int t = 0; t < thetas.length; t++) {
        for (int q = 0; q < re.length; q++) {
          ore[q] = re[q] * kre[t][q] - im[q] * kim[t][q];
          oim[q] = re[q] * kim[t][q] + im[q] * kre[t][q];
        }
        Fft.transform3d(ore, oim, pu, pv, 1, true);
        for (int j = 0; j < nv; j++) {
          for (int i = 0; i < nu; i++) {
            int q = (i + ru) + pu * (j + rv);
            double m = Math.hypot(ore[q], oim[q]);
            int o = i * strides[u] + j * strides[v] + k * strides[w];
            acc[o] = pooling == Pooling.MAX ? Math.max(acc[o], m) : acc[o] + m;
          }
        }
      }
    }
  }
}
