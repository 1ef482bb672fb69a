package org.sparkradiomics.features.preprocess;

import java.util.Arrays;
import org.sparkradiomics.features.FeatureSettings.Interpolator;
import org.sparkradiomics.image.Volume;

/**
 * Image and mask interpolation onto a new voxel grid (IBSI-1 section 2.4), separable along x, y and z so that the
 * cost is linear in the number of voxels and memory is bounded by the requested output block.
 *
 * <p><b>Grid alignment</b> (IBSI-1 "align grid centres"): along an axis with n voxels of spacing s, the new grid of
 * spacing s' has {@code n' = ceil(n s / s')} voxels and is placed so that the centre of the new grid coincides with
 * the centre of the old one. In continuous source-index coordinates the centre of new voxel j is
 * {@code p_j = ((n-1)/2 s + (j - (n'-1)/2) s') / s}. An axis whose target spacing is NaN is kept as is.
 *
 * <p><b>Interpolators</b> (positions outside the source grid are treated like scipy's {@code mode="nearest"}):
 *
 * <ul>
 *   <li>NEAREST: value of the voxel {@code floor(p + 1/2)}, index clamped to the grid;
 *   <li>LINEAR (bi-/trilinear): {@code (1-t) f[i] + t f[i+1]}, {@code i = floor(p)}, {@code t = p - i}, indices
 *       clamped to the grid;
 *   <li>CUBIC_SPLINE: cubic B-spline interpolation like {@code scipy.ndimage.map_coordinates(order=3,
 *       mode="nearest")}: each line is padded with 12 copies of its edge values, prefiltered into B-spline
 *       coefficients c (recursive filter with pole {@code z = sqrt(3) - 2}, gain 6, mirror boundaries), and
 *       evaluated as {@code sum_k c[i+k] beta3(p - i - k)} for k = -1..2 with {@code beta3} the cubic B-spline.
 *       The spline passes through the samples and reproduces polynomials up to degree 3, so it can overshoot the
 *       sample range (IBSI config E's interpolated image minimum is -1111 HU for data clipped at -1000 HU).
 * </ul>
 */
public final class Resampler {
  /** Edge padding used before the cubic B-spline prefilter (as scipy does for mode "nearest"). */
  static final int SPLINE_PAD = 12;
  /** Extra source voxels kept around a cropped block for the IIR prefilter: 0.268^20 ~ 4e-12 relative error. */
  static final int SPLINE_MARGIN = 20;
  private static final double POLE = Math.sqrt(3.0) - 2.0;

  private Resampler() {}

  /** The aligned target grid of {@code v} for the given spacing (NaN keeps an axis), with source positions. */
  public static Grid alignedGrid(Volume v, double[] targetSpacing) {
    int[] srcN = {v.nx(), v.ny(), v.nz()};
    int[] n = new int[3];
    double[] spacing = new double[3];
    double[][] pos = new double[3][];
    boolean[] resampled = new boolean[3];
    for (int a = 0; a < 3; a++) {
      double s = v.spacing(a);
      double t = targetSpacing == null ? Double.NaN : targetSpacing[a];
      if (Double.isNaN(t)) {
        n[a] = srcN[a];
        spacing[a] = s;
        pos[a] = new double[n[a]];
        for (int j = 0; j < n[a]; j++) {
          pos[a][j] = j;
        }
      } else {
        n[a] = alignedCount(srcN[a], s, t);
        spacing[a] = t;
        pos[a] = axisPositions(srcN[a], s, t);
        resampled[a] = true;
      }
    }
    double[] origin = v.indexToPhysical(pos[0][0], pos[1][0], pos[2][0]);
    return new Grid(srcN, n, spacing, origin, v.direction(), pos, resampled);
  }

  /**
   * A target grid given by the source-index positions of its voxel centres along each axis (for grid conventions
   * other than IBSI's centre alignment, e.g. PyRadiomics' corner alignment); spacing and origin describe it in
   * patient space. An axis whose positions are exactly 0..n-1 with the source spacing is not interpolated.
   */
  public static Grid customGrid(Volume v, double[] spacing, double[][] positions) {
    int[] srcN = {v.nx(), v.ny(), v.nz()};
    int[] n = new int[3];
    boolean[] resampled = new boolean[3];
    double[][] pos = new double[3][];
    for (int a = 0; a < 3; a++) {
      pos[a] = positions[a].clone();
      n[a] = pos[a].length;
      boolean identity = n[a] == srcN[a] && spacing[a] == v.spacing(a);
      for (int j = 0; identity && j < n[a]; j++) {
        identity = pos[a][j] == j;
      }
      resampled[a] = !identity;
    }
    double[] origin = v.indexToPhysical(pos[0][0], pos[1][0], pos[2][0]);
    return new Grid(srcN, n, spacing.clone(), origin, v.direction(), pos, resampled);
  }

  /** Number of voxels of the aligned grid: {@code ceil(n s / s')} (with a 1e-9 guard against rounding up noise). */
  public static int alignedCount(int n, double s, double sNew) {
    return Math.max(1, (int) Math.ceil(n * s / sNew - 1e-9));
  }

  /**
   * Source-index positions of the centres of the aligned grid's voxels:
   * {@code p_j = ((n-1)/2 s + (j - (n'-1)/2) s') / s}, written so that exact halves stay exact.
   */
  public static double[] axisPositions(int n, double s, double sNew) {
    int m = alignedCount(n, s, sNew);
    double[] p = new double[m];
    for (int j = 0; j < m; j++) {
      p[j] = ((n - 1) * 0.5 * s + (j - (m - 1) * 0.5) * sNew) / s;
    }
    return p;
  }

  /**
   * Interpolates the block {@code [lo, hi)} (indices on the target grid) of the source image {@code data}
   * ({@code nx*ny*nz}, x fastest). Returns a flat array of {@code (hi-lo)} voxels per axis, x fastest.
   */
  public static double[] resampleBlock(float[] data, Grid g, Interpolator interp, int[] lo, int[] hi) {
    return resampleBlock(data, new int[3], g.srcN.clone(), g, interp, lo, hi);
  }

  /**
   * Like {@link #resampleBlock(float[], Grid, Interpolator, int[], int[])} for a source given only over the
   * sub-block {@code [dataOff, dataOff + dataDims)} of the source grid (x fastest). The interpolation support of the
   * requested outputs must lie inside it (for the cubic spline the prefilter margin is cut at its border).
   */
  public static double[] resampleBlock(float[] data, int[] dataOff, int[] dataDims, Grid g, Interpolator interp,
      int[] lo, int[] hi) {
    AxisKernel[] k = new AxisKernel[3];
    int[] sLo = new int[3];
    int[] sHi = new int[3];
    for (int a = 0; a < 3; a++) {
      if (lo[a] < 0 || hi[a] > g.n[a] || lo[a] >= hi[a]) {
        throw new IllegalArgumentException("block [" + lo[a] + "," + hi[a] + ") outside axis " + a + " of " + g.n[a]);
      }
      Interpolator ia = g.resampled[a] ? interp : Interpolator.NEAREST;
      k[a] = AxisKernel.build(g.pos[a], lo[a], hi[a], g.srcN[a], ia, dataOff[a], dataOff[a] + dataDims[a]);
      sLo[a] = k[a].srcLo;
      sHi[a] = k[a].srcHi;
    }
    int bx = sHi[0] - sLo[0];
    int by = sHi[1] - sLo[1];
    int bz = sHi[2] - sLo[2];
    int nx = dataDims[0];
    int ny = dataDims[1];
    double[] block = new double[bx * by * bz];
    for (int z = 0; z < bz; z++) {
      for (int y = 0; y < by; y++) {
        int src = sLo[0] - dataOff[0] + nx * (sLo[1] - dataOff[1] + y + ny * (sLo[2] - dataOff[2] + z));
        int dst = bx * (y + by * z);
        for (int x = 0; x < bx; x++) {
          block[dst + x] = data[src + x];
        }
      }
    }
    int[] dims = {bx, by, bz};
    for (int a = 0; a < 3; a++) {
      block = pass(block, dims, a, k[a]);
      dims[a] = k[a].m;
    }
    return block;
  }

  /** Applies the 1D kernel along {@code axis} to every line of the block; updates nothing in {@code dims}. */
  private static double[] pass(double[] in, int[] dims, int axis, AxisKernel k) {
    if (k.identity) {
      return in;
    }
    int[] outDims = dims.clone();
    outDims[axis] = k.m;
    double[] out = new double[outDims[0] * outDims[1] * outDims[2]];
    int len = dims[axis];
    int inStride = axis == 0 ? 1 : axis == 1 ? dims[0] : dims[0] * dims[1];
    int outStride = axis == 0 ? 1 : axis == 1 ? outDims[0] : outDims[0] * outDims[1];
    int pad = k.prefilter ? SPLINE_PAD : 0;
    double[] buf = new double[len + 2 * pad];
    double[] init = k.prefilter ? splineInitWeights(buf.length) : null;
    int[] c = new int[3];
    int[] other = new int[2];
    int oi = 0;
    for (int a = 0; a < 3; a++) {
      if (a != axis) {
        other[oi++] = a;
      }
    }
    for (int v = 0; v < dims[other[1]]; v++) {
      for (int u = 0; u < dims[other[0]]; u++) {
        c[other[0]] = u;
        c[other[1]] = v;
        int inBase = c[0] + dims[0] * (c[1] + dims[1] * c[2]);
        int outBase = c[0] + outDims[0] * (c[1] + outDims[1] * c[2]);
        for (int t = 0; t < len; t++) {
          buf[pad + t] = in[inBase + t * inStride];
        }
        if (k.prefilter) {
          Arrays.fill(buf, 0, pad, buf[pad]);
          Arrays.fill(buf, pad + len, len + 2 * pad, buf[pad + len - 1]);
          splinePrefilter(buf, init);
        }
        int kk = k.k;
        for (int j = 0; j < k.m; j++) {
          double s = 0;
          int b = j * kk;
          for (int q = 0; q < kk; q++) {
            s += k.w[b + q] * buf[k.idx[b + q]];
          }
          out[outBase + j * outStride] = s;
        }
      }
    }
    return out;
  }

  /**
   * Weights of the causal initialisation for a mirror-symmetric extension of a line of n samples:
   * {@code c+[0] = sum_k w[k] c[k]} with {@code w[0] = 1, w[n-1] = z^(n-1)} and {@code w[k] = z^k + z^(2n-2-k)} in
   * between, all divided by {@code 1 - z^(2n-2)}; terms below 1e-300 are zero (no denormal arithmetic).
   */
  static double[] splineInitWeights(int n) {
    double z = POLE;
    double[] zp = new double[Math.max(1, 2 * n - 1)];
    zp[0] = 1;
    for (int k = 1; k < zp.length; k++) {
      zp[k] = Math.abs(zp[k - 1]) < 1e-300 ? 0 : zp[k - 1] * z;
    }
    double[] w = new double[n];
    if (n == 1) {
      w[0] = 1;
      return w;
    }
    double norm = 1 - zp[2 * n - 2];
    w[0] = 1 / norm;
    w[n - 1] = zp[n - 1] / norm;
    for (int k = 1; k < n - 1; k++) {
      w[k] = (zp[k] + zp[2 * n - 2 - k]) / norm;
    }
    return w;
  }

  /** In-place cubic B-spline prefilter of one line; see {@link #splinePrefilter(double[], double[])}. */
  static void splinePrefilter(double[] c) {
    splinePrefilter(c, splineInitWeights(c.length));
  }

  /**
   * In-place cubic B-spline prefilter of one line (samples to coefficients), mirror boundary conditions:
   * gain {@code (1-z)(1-1/z) = 6}; causal {@code c+[k] = c[k] + z c+[k-1]} initialised with the exact mirror sum
   * ({@code init} from {@link #splineInitWeights}); anti-causal {@code c[k] = z (c[k+1] - c+[k])} initialised with
   * {@code z/(z^2-1) (c+[n-1] + z c+[n-2])}.
   */
  static void splinePrefilter(double[] c, double[] init) {
    int n = c.length;
    if (n == 1) {
      return;
    }
    double z = POLE;
    double gain = (1 - z) * (1 - 1 / z);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      c[i] *= gain;
      sum += init[i] * c[i];
    }
    c[0] = sum;
    for (int k = 1; k < n; k++) {
      c[k] += z * c[k - 1];
    }
    c[n - 1] = (z / (z * z - 1)) * (c[n - 1] + z * c[n - 2]);
    for (int k = n - 2; k >= 0; k--) {
      c[k] = z * (c[k + 1] - c[k]);
    }
  }

  /** Cubic B-spline weights for offsets -1, 0, 1, 2 from {@code floor(p)}, with {@code t = p - floor(p)}. */
  static void cubicWeights(double t, double[] w) {
    double t2 = t * t;
    double t3 = t2 * t;
    double u = 1 - t;
    w[0] = u * u * u / 6.0;
    w[1] = (4 - 6 * t2 + 3 * t3) / 6.0;
    w[2] = (1 + 3 * t + 3 * t2 - 3 * t3) / 6.0;
    w[3] = t3 / 6.0;
  }

  /** The target grid of a resampling and, per axis, the source-index position of every target voxel. */
  public static final class Grid {
    final int[] srcN;
    final int[] n;
    final double[] spacing;
    final double[] origin;
    final double[] direction;
    final double[][] pos;
    final boolean[] resampled;

    Grid(int[] srcN, int[] n, double[] spacing, double[] origin, double[] direction, double[][] pos,
        boolean[] resampled) {
      this.srcN = srcN;
      this.n = n;
      this.spacing = spacing;
      this.origin = origin;
      this.direction = direction;
      this.pos = pos;
      this.resampled = resampled;
    }

    public int nx() {
      return n[0];
    }

    public int ny() {
      return n[1];
    }

    public int nz() {
      return n[2];
    }

    public int n(int axis) {
      return n[axis];
    }

    public double[] spacing() {
      return spacing.clone();
    }

    public double[] origin() {
      return origin.clone();
    }

    public double[] direction() {
      return direction.clone();
    }

    /** Source-index position of target voxel j along {@code axis}. */
    public double position(int axis, int j) {
      return pos[axis][j];
    }

    /** True when the axis is interpolated (false: kept unchanged). */
    public boolean resampled(int axis) {
      return resampled[axis];
    }

    /** First target index whose position is {@code >= p} (n when none). */
    int firstAtOrAbove(int axis, double p) {
      double[] q = pos[axis];
      int j = 0;
      while (j < q.length && q[j] < p) {
        j++;
      }
      return j;
    }

    /** One past the last target index whose position is {@code <= p} (0 when none). */
    int endAtOrBelow(int axis, double p) {
      double[] q = pos[axis];
      int j = q.length;
      while (j > 0 && q[j - 1] > p) {
        j--;
      }
      return j;
    }
  }

  /** Per-output source indices (into the line buffer) and weights along one axis. */
  private static final class AxisKernel {
    int m;
    int k;
    int[] idx;
    double[] w;
    int srcLo;
    int srcHi;
    boolean prefilter;
    boolean identity;

    static AxisKernel build(double[] pos, int lo, int hi, int n, Interpolator interp, int validLo, int validHi) {
      AxisKernel a = new AxisKernel();
      a.m = hi - lo;
      if (interp == Interpolator.CUBIC_SPLINE) {
        a.k = 4;
        int minI = Integer.MAX_VALUE;
        int maxI = Integer.MIN_VALUE;
        for (int j = lo; j < hi; j++) {
          int i = (int) Math.floor(pos[j]);
          minI = Math.min(minI, i - 1);
          maxI = Math.max(maxI, i + 2);
        }
        a.srcLo = Math.max(validLo, Math.min(n - 1, minI) - SPLINE_MARGIN);
        a.srcHi = Math.min(validHi, Math.max(0, maxI) + SPLINE_MARGIN + 1);
        int len = a.srcHi - a.srcLo + 2 * SPLINE_PAD;
        a.prefilter = true;
        a.idx = new int[a.m * 4];
        a.w = new double[a.m * 4];
        double[] w = new double[4];
        for (int j = lo; j < hi; j++) {
          double q = pos[j] - a.srcLo + SPLINE_PAD;
          int i = (int) Math.floor(q);
          cubicWeights(q - i, w);
          for (int t = 0; t < 4; t++) {
            int b = (j - lo) * 4 + t;
            a.idx[b] = mirror(i - 1 + t, len);
            a.w[b] = w[t];
          }
        }
      } else if (interp == Interpolator.LINEAR) {
        a.k = 2;
        int[] gi = new int[a.m * 2];
        a.w = new double[a.m * 2];
        int minI = Integer.MAX_VALUE;
        int maxI = Integer.MIN_VALUE;
        for (int j = lo; j < hi; j++) {
          int i = (int) Math.floor(pos[j]);
          double t = pos[j] - i;
          int b = (j - lo) * 2;
          gi[b] = clamp(i, n);
          gi[b + 1] = clamp(i + 1, n);
          a.w[b] = 1 - t;
          a.w[b + 1] = t;
          minI = Math.min(minI, Math.min(gi[b], gi[b + 1]));
          maxI = Math.max(maxI, Math.max(gi[b], gi[b + 1]));
        }
        a.srcLo = minI;
        a.srcHi = maxI + 1;
        a.idx = relative(gi, a.srcLo, a.srcHi, validLo, validHi);
      } else {
        a.k = 1;
        int[] gi = new int[a.m];
        a.w = new double[a.m];
        int minI = Integer.MAX_VALUE;
        int maxI = Integer.MIN_VALUE;
        boolean identity = true;
        for (int j = lo; j < hi; j++) {
          gi[j - lo] = clamp((int) Math.floor(pos[j] + 0.5), n);
          a.w[j - lo] = 1;
          minI = Math.min(minI, gi[j - lo]);
          maxI = Math.max(maxI, gi[j - lo]);
          identity &= gi[j - lo] - gi[0] == j - lo;
        }
        a.srcLo = minI;
        a.srcHi = maxI + 1;
        a.identity = identity && a.srcHi - a.srcLo == a.m;
        a.idx = relative(gi, a.srcLo, a.srcHi, validLo, validHi);
      }
      return a;
    }

    private static int[] relative(int[] gi, int srcLo, int srcHi, int validLo, int validHi) {
      if (srcLo < validLo || srcHi > validHi) {
        throw new IllegalArgumentException("interpolation support [" + srcLo + "," + srcHi
            + ") exceeds the source block [" + validLo + "," + validHi + ")");
      }
      int[] idx = new int[gi.length];
      for (int t = 0; t < gi.length; t++) {
        idx[t] = gi[t] - srcLo;
      }
      return idx;
    }

    private static int clamp(int i, int n) {
      return i < 0 ? 0 : i >= n ? n - 1 : i;
    }

    private static int mirror(int i, int len) {
      if (len == 1) {
        return 0;
      }
      int period = 2 * (len - 1);
      int r = Math.floorMod(i, period);
      return r < len ? r : period - r;
    }
  }
}
