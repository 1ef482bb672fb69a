package org.sparkradiomics.features.families;

import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;

/**
 * Neighbourhood grey tone difference matrix features (IBSI-1 section 3.10, family code IPET), tags {@code ngt_*}.
 *
 * <p>Matrix. For every voxel k of the ROI with grey level i, the neighbourhood is every ROI voxel within Chebyshev
 * distance {@code d = settings.textureDistance()} (in-plane only for 2D and 2.5D), the centre excluded. When it
 * has W_k &gt; 0 such neighbours, with mean grey level Ā_k, the voxel contributes {@code |i - Ā_k|} to s_i and one to
 * n_i. Voxels without a neighbour in the ROI contribute to neither (IBSI-1: N_v,c counts only voxels with a valid
 * neighbourhood); p_i = n_i / N_v,c with N_v,c = Σ n_i, N_g,p is the number of grey levels with p_i &gt; 0.
 *
 * <p>Neighbourhood sums (grey levels and ROI voxel count in each voxel's (2d+1)^2 or (2d+1)^3 window) come from
 * separable running (prefix) sums along x, y and z, so the matrix costs O(N) for any distance d.
 *
 * <p>Variants (per {@code settings.textureModes()}): {@code _2D} one matrix per slice, features averaged over the
 * slices where they are defined; {@code _2_5D} the slice matrices summed into one; {@code _3D} one 3D matrix.
 */
public final class NgtdmFamily implements FeatureFamily {
  /** IBSI-1 value of coarseness when Σ p_i s_i = 0. */
  public static final double COARSENESS_MAX = 1.0e6;

  static final String[] FEATURES = {"coarseness", "contrast", "busyness", "complexity", "strength"};

  public NgtdmFamily() {}

  @Override
  public String name() {
    return "ngt";
  }

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    int d = settings.textureDistance();
    int ng = TextureFamilySupport.greyLevels(roi);
    if (ng == 0) {
      TextureFamilySupport.writeEmpty(out, "ngt", FEATURES, settings.textureModes());
      return;
    }
    int[][] planar = null;
    int[][] full = null;
    for (SpatialMode mode : settings.textureModes()) {
      String suffix = "_" + mode.tag();
      if (mode == SpatialMode.D3) {
        if (full == null) {
          full = planar != null ? copy(planar) : windowSums(roi, d);
          zPass(full, roi.nx, roi.ny, roi.nz, d);
        }
        Matrix m = new Matrix(ng);
        accumulate(roi.bins, full[0], full[1], 0, roi.bins.length, m);
        writeFeatures(m.features(), suffix, out);
      } else {
        if (planar == null) {
          planar = windowSums(roi, d);
        }
        int slice = roi.nx * roi.ny;
        if (mode == SpatialMode.D2_5) {
          Matrix m = new Matrix(ng);
          accumulate(roi.bins, planar[0], planar[1], 0, roi.bins.length, m);
          writeFeatures(m.features(), suffix, out);
        } else {
          double[] sum = new double[FEATURES.length];
          int[] count = new int[FEATURES.length];
          String[] reason = new String[FEATURES.length];
          for (int z = 0; z < roi.nz; z++) {
            Matrix m = new Matrix(ng);
            accumulate(roi.bins, planar[0], planar[1], z * slice, (z + 1) * slice, m);
            if (m.roiVoxels == 0) {
              continue; // slice without ROI voxels: not part of the 2D average
            }
            Result r = m.features();
            for (int f = 0; f < FEATURES.length; f++) {
              if (r.reasons[f] == null) {
                sum[f] += r.values[f];
                count[f]++;
              } else if (reason[f] == null) {
                reason[f] = r.reasons[f];
              }
            }
          }
          for (int f = 0; f < FEATURES.length; f++) {
            String name = "ngt_" + FEATURES[f] + suffix;
            if (count[f] > 0) {
              out.put(name, sum[f] / count[f]);
            } else {
              out.putUndefined(name, "undefined in every slice: " + reason[f]);
            }
          }
        }
      }
    }
  }

  /** The feature names of {@link #matrixFeatures}, in order (IBSI names without prefix and suffix). */
  public static String[] matrixFeatureNames() {
    return FEATURES.clone();
  }

  /**
   * The features of one NGTDM given as {@code s[i]} and {@code n[i]} (grey level i = 1..N_g, index 0 unused; n
   * counts only the voxels with at least one neighbour), in {@link #matrixFeatureNames} order, NaN where
   * undefined. Used by the PyRadiomics profile for its neighbourhoods built from {@code distances}.
   */
  public static double[] matrixFeatures(double[] s, long[] n) {
    Matrix m = new Matrix(n.length - 1);
    System.arraycopy(s, 0, m.s, 0, s.length);
    System.arraycopy(n, 0, m.n, 0, n.length);
    for (long c : n) {
      m.roiVoxels += c;
    }
    Result r = m.features();
    double[] out = r.values.clone();
    for (int f = 0; f < out.length; f++) {
      if (r.reasons[f] != null) {
        out[f] = Double.NaN;
      }
    }
    return out;
  }

  private static int[][] copy(int[][] a) {
    return new int[][] {a[0].clone(), a[1].clone()};
  }

  private static void writeFeatures(Result r, String suffix, FeatureVector out) {
    for (int f = 0; f < FEATURES.length; f++) {
      String name = "ngt_" + FEATURES[f] + suffix;
      if (r.reasons[f] == null) {
        out.put(name, r.values[f]);
      } else {
        out.putUndefined(name, r.reasons[f]);
      }
    }
  }

  /**
   * Sum of grey levels and number of ROI voxels in each voxel's in-plane (2d+1)^2 window (the window clipped to the
   * box; voxels outside the box or the ROI count as absent). The centre voxel is included.
   *
   * @return {sums, counts}, flat over the box
   */
  static int[][] windowSums(RoiImage roi, int d) {
    int n = roi.bins.length;
    int[] s = new int[n];
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      int b = roi.bins[i];
      if (b > 0) {
        s[i] = b;
        c[i] = 1;
      }
    }
    int[][] sc = {s, c};
    int nx = roi.nx;
    int ny = roi.ny;
    int nz = roi.nz;
    long[] prefix = new long[Math.max(nx, Math.max(ny, nz)) + 1];
    for (int[] a : sc) {
      // along x
      for (int line = 0; line < ny * nz; line++) {
        boxLine(a, line * nx, 1, nx, d, prefix);
      }
      // along y
      for (int z = 0; z < nz; z++) {
        for (int x = 0; x < nx; x++) {
          boxLine(a, x + z * nx * ny, nx, ny, d, prefix);
        }
      }
    }
    return sc;
  }

  /** Adds the z direction to in-plane window sums, making them (2d+1)^3 window sums. */
  static void zPass(int[][] sc, int nx, int ny, int nz, int d) {
    long[] prefix = new long[nz + 1];
    int slice = nx * ny;
    for (int[] a : sc) {
      for (int i = 0; i < slice; i++) {
        boxLine(a, i, slice, nz, d, prefix);
      }
    }
  }

  /** In place: a[start + k*stride] becomes the sum of the line over [k-d, k+d] clipped to [0, len). */
  private static void boxLine(int[] a, int start, int stride, int len, int d, long[] prefix) {
    prefix[0] = 0;
    for (int k = 0, p = start; k < len; k++, p += stride) {
      prefix[k + 1] = prefix[k] + a[p];
    }
    for (int k = 0, p = start; k < len; k++, p += stride) {
      int lo = Math.max(0, k - d);
      int hi = Math.min(len, k + d + 1);
      a[p] = (int) (prefix[hi] - prefix[lo]);
    }
  }

  /** Adds the voxels of flat index range [from, to) to the matrix, given window sums including the centre. */
  static void accumulate(int[] bins, int[] sums, int[] counts, int from, int to, Matrix m) {
    for (int v = from; v < to; v++) {
      int b = bins[v];
      if (b <= 0) {
        continue;
      }
      m.roiVoxels++;
      int w = counts[v] - 1;
      if (w == 0) {
        continue; // no neighbour in the ROI: excluded from N_v,c
      }
      double mean = (double) (sums[v] - b) / w;
      m.s[b] += Math.abs(b - mean);
      m.n[b]++;
    }
  }

  /** One NGTDM: s_i and n_i for grey levels 1..N_g (index 0 unused). */
  static final class Matrix {
    final double[] s;
    final long[] n;
    long roiVoxels;

    Matrix(int ng) {
      s = new double[ng + 1];
      n = new long[ng + 1];
    }

    Result features() {
      Result r = new Result();
      long nvc = 0;
      for (long x : n) {
        nvc += x;
      }
      if (nvc == 0) {
        String why = roiVoxels == 0 ? "empty ROI" : "no ROI voxel has a neighbour in the ROI (N_v,c = 0)";
        java.util.Arrays.fill(r.reasons, why);
        return r;
      }
      Prepared m = new Prepared(this, nvc);
      r.values[0] = coarseness(m);
      if (m.ngp < 2) {
        r.reasons[1] = "contrast needs at least two grey levels (N_g,p = 1)";
      } else {
        r.values[1] = contrast(m);
      }
      double busy = busyness(m);
      if (Double.isNaN(busy)) {
        r.reasons[2] = "busyness denominator Σ|i p_i - j p_j| is 0 with N_g,p > 1";
      } else {
        r.values[2] = busy;
      }
      r.values[3] = complexity(m);
      r.values[4] = strength(m);
      return r;
    }
  }

  /**
   * A non-empty NGTDM prepared for the feature methods, once per matrix: {@code p_i = n_i / N_v,c}, s_i, N_v,c,
   * N_g,p and the sums several features share, {@code Σ_i s_i} and {@code Σ_i p_i s_i}.
   */
  static final class Prepared {
    /** p_i, index 0 unused. */
    final double[] p;
    /** s_i, index 0 unused. */
    final double[] s;
    /** N_v,c = Σ n_i (&gt; 0). */
    final long nvc;
    /** N_g,p, the number of grey levels with p_i &gt; 0. */
    final int ngp;
    /** Σ_i s_i. */
    final double sumS;
    /** Σ_i p_i s_i. */
    final double sumPs;

    Prepared(Matrix m, long nvc) {
      int ng = m.n.length - 1;
      this.p = new double[ng + 1];
      this.s = m.s;
      this.nvc = nvc;
      int levels = 0;
      double ss = 0;
      double ps = 0;
      for (int i = 1; i <= ng; i++) {
        p[i] = (double) m.n[i] / nvc;
        if (m.n[i] > 0) {
          levels++;
        }
        ss += s[i];
        ps += p[i] * s[i];
      }
      this.ngp = levels;
      this.sumS = ss;
      this.sumPs = ps;
    }
  }

  /**
   * Coarseness (IBSI-1 QCDE), {@code ngt_coarseness}: {@code F = 1 / Σ_i p_i s_i}; IBSI-1 sets F = 10^6 when
   * Σ p_i s_i = 0.
   */
  static double coarseness(Prepared m) {
    return m.sumPs == 0 ? COARSENESS_MAX : 1.0 / m.sumPs;
  }

  /**
   * Contrast (IBSI-1 65HE), {@code ngt_contrast}:
   * {@code F = [Σ_i Σ_j p_i p_j (i-j)^2 / (N_g,p (N_g,p - 1))] · [Σ_i s_i / N_v,c]}, sums over p_i, p_j &gt; 0.
   * Requires N_g,p &ge; 2 (0/0 otherwise; the caller marks it undefined).
   */
  static double contrast(Prepared m) {
    double[] p = m.p;
    double pairs = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] == 0) {
        continue;
      }
      for (int j = 1; j < p.length; j++) {
        double diff = i - j;
        pairs += p[i] * p[j] * diff * diff;
      }
    }
    return pairs / ((double) m.ngp * (m.ngp - 1)) * (m.sumS / m.nvc);
  }

  /**
   * Busyness (IBSI-1 NQ30), {@code ngt_busyness}: {@code F = Σ_i p_i s_i / Σ_i Σ_j |i p_i - j p_j|}, sums over
   * p_i, p_j &gt; 0. IBSI-1 sets F = 0 when N_g,p = 1; returns NaN when the denominator is 0 otherwise.
   */
  static double busyness(Prepared m) {
    if (m.ngp == 1) {
      return 0;
    }
    double[] p = m.p;
    double den = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] == 0) {
        continue;
      }
      for (int j = 1; j < p.length; j++) {
        if (p[j] > 0) {
          den += Math.abs(i * p[i] - j * p[j]);
        }
      }
    }
    return den == 0 ? Double.NaN : m.sumPs / den;
  }

  /**
   * Complexity (IBSI-1 HDEZ), {@code ngt_complexity}:
   * {@code F = (1/N_v,c) Σ_i Σ_j |i-j| (p_i s_i + p_j s_j) / (p_i + p_j)}, sums over p_i, p_j &gt; 0.
   */
  static double complexity(Prepared m) {
    double[] p = m.p;
    double[] s = m.s;
    double sum = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] == 0) {
        continue;
      }
      for (int j = 1; j < p.length; j++) {
        if (p[j] > 0) {
          sum += Math.abs(i - j) * (p[i] * s[i] + p[j] * s[j]) / (p[i] + p[j]);
        }
      }
    }
    return sum / m.nvc;
  }

  /**
   * Strength (IBSI-1 1X9X), {@code ngt_strength}: {@code F = Σ_i Σ_j (p_i + p_j)(i-j)^2 / Σ_i s_i}, sums over
   * p_i, p_j &gt; 0; IBSI-1 sets F = 0 when Σ_i s_i = 0.
   */
  static double strength(Prepared m) {
    double[] p = m.p;
    double num = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] == 0) {
        continue;
      }
      for (int j = 1; j < p.length; j++) {
        if (p[j] > 0) {
          double diff = i - j;
          num += (p[i] + p[j]) * diff * diff;
        }
      }
    }
    return m.sumS == 0 ? 0 : num / m.sumS;
  }

  /** Feature values in {@link #FEATURES} order; a non-null reason marks the feature undefined. */
  static final class Result {
    final double[] values = new double[FEATURES.length];
    final String[] reasons = new String[FEATURES.length];
  }
}
