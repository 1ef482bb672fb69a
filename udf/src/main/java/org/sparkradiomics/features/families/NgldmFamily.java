package org.sparkradiomics.features.families;

import java.util.Arrays;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;

/**
 * Neighbouring grey level dependence matrix features (IBSI-1 section 3.11, family code REK0), tags {@code ngl_*}.
 *
 * <p>Matrix. For every ROI voxel with grey level i, the dependence count j is 1 (the centre voxel itself) plus the
 * number of ROI voxels within Chebyshev distance {@code d = settings.textureDistance()} (in-plane only for 2D and
 * 2.5D) whose grey level differs from i by at most α = {@code settings.ngldmAlpha()}. s_ij counts the voxels with
 * grey level i and dependence j; N_s = Σ s_ij, p_ij = s_ij / N_s, s_i. = Σ_j s_ij, s_.j = Σ_i s_ij; N_v is the
 * number of ROI voxels.
 *
 * <p>Dependence counts are computed on a zero-padded copy of the box with flat-index neighbour offsets (no bounds
 * checks), O(N · |neighbourhood|); the 3D count reuses the in-plane count and adds the out-of-plane offsets.
 *
 * <p>Variants (per {@code settings.textureModes()}): {@code _2D} one matrix per slice, features averaged over the
 * slices with ROI voxels; {@code _2_5D} the slice matrices summed into one; {@code _3D} one 3D matrix.
 */
public final class NgldmFamily implements FeatureFamily {
  static final String[] FEATURES = {"lde", "hde", "lgce", "hgce", "ldlge", "ldhge", "hdlge", "hdhge", "glnu",
      "glnu_norm", "dcnu", "dcnu_norm", "dc_perc", "gl_var", "dc_var", "dc_entr", "dc_energy"};

  public NgldmFamily() {}

  @Override
  public String name() {
    return "ngl";
  }

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    int d = settings.textureDistance();
    int alpha = settings.ngldmAlpha();
    int ng = TextureFamilySupport.greyLevels(roi);
    if (ng == 0) {
      TextureFamilySupport.writeEmpty(out, "ngl", FEATURES, settings.textureModes());
      return;
    }
    int[] planar = null;
    int[] full = null;
    int slice = roi.nx * roi.ny;
    for (SpatialMode mode : settings.textureModes()) {
      String suffix = "_" + mode.tag();
      if (planar == null) {
        planar = dependenceCounts(roi, d, alpha, true, null);
      }
      int maxPlanar = (2 * d + 1) * (2 * d + 1);
      if (mode == SpatialMode.D3) {
        if (full == null) {
          full = dependenceCounts(roi, d, alpha, false, planar);
        }
        Matrix m = new Matrix(ng, (2 * d + 1) * maxPlanar);
        m.add(roi.bins, full, 0, roi.bins.length);
        write(m.features(), suffix, out);
      } else if (mode == SpatialMode.D2_5) {
        Matrix m = new Matrix(ng, maxPlanar);
        m.add(roi.bins, planar, 0, roi.bins.length);
        write(m.features(), suffix, out);
      } else {
        double[] sum = new double[FEATURES.length];
        int slices = 0;
        for (int z = 0; z < roi.nz; z++) {
          Matrix m = new Matrix(ng, maxPlanar);
          m.add(roi.bins, planar, z * slice, (z + 1) * slice);
          if (m.roiVoxels == 0) {
            continue; // slice without ROI voxels: not part of the 2D average
          }
          double[] v = m.features();
          for (int f = 0; f < FEATURES.length; f++) {
            sum[f] += v[f];
          }
          slices++;
        }
        for (int f = 0; f < FEATURES.length; f++) {
          out.put("ngl_" + FEATURES[f] + suffix, sum[f] / slices);
        }
      }
    }
  }

  /** The feature names of {@link #matrixFeatures}, in order (IBSI names without prefix and suffix). */
  public static String[] matrixFeatureNames() {
    return FEATURES.clone();
  }

  /**
   * The features of one dependence matrix given by the grey level {@code bins[v]} (&gt; 0 in the ROI) and the
   * dependence count {@code counts[v]} (1..maxDependence: the voxel itself plus its dependent neighbours) of every
   * voxel, in {@link #matrixFeatureNames} order; requires at least one ROI voxel. Used by the PyRadiomics profile
   * for its neighbourhoods built from {@code distances}.
   */
  public static double[] matrixFeatures(int[] bins, int[] counts, int ng, int maxDependence) {
    Matrix m = new Matrix(ng, maxDependence);
    m.add(bins, counts, 0, bins.length);
    return m.features();
  }

  private static void write(double[] v, String suffix, FeatureVector out) {
    for (int f = 0; f < FEATURES.length; f++) {
      out.put("ngl_" + FEATURES[f] + suffix, v[f]);
    }
  }

  /**
   * Dependence count j (&ge; 1) of every ROI voxel, 0 outside the ROI. With {@code planar} only in-plane offsets
   * are visited; otherwise, when {@code planarCounts} is given, only the out-of-plane offsets are visited and added
   * to it.
   */
  static int[] dependenceCounts(RoiImage roi, int d, int alpha, boolean planar, int[] planarCounts) {
    int nx = roi.nx;
    int ny = roi.ny;
    int nz = roi.nz;
    int px = nx + 2 * d;
    int py = ny + 2 * d;
    int pz = planar ? nz : nz + 2 * d;
    int zPad = planar ? 0 : d;
    int[] pad = new int[px * py * pz];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        System.arraycopy(roi.bins, nx * (y + ny * z), pad, d + px * (y + d + py * (z + zPad)), nx);
      }
    }
    int[][] offs = Directions.neighbourhood(d, planar);
    boolean onlyOutOfPlane = !planar && planarCounts != null;
    int k = 0;
    int[] flat = new int[offs.length];
    for (int[] o : offs) {
      if (onlyOutOfPlane && o[2] == 0) {
        continue;
      }
      flat[k++] = o[0] + px * (o[1] + py * o[2]);
    }
    flat = Arrays.copyOf(flat, k);
    int[] counts = new int[roi.bins.length];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        int v = nx * (y + ny * z);
        int p = d + px * (y + d + py * (z + zPad));
        for (int x = 0; x < nx; x++, v++, p++) {
          int b = roi.bins[v];
          if (b <= 0) {
            continue;
          }
          int c = onlyOutOfPlane ? planarCounts[v] : 1;
          if (alpha == 0) {
            for (int off : flat) {
              c += pad[p + off] == b ? 1 : 0;
            }
          } else {
            for (int off : flat) {
              int q = pad[p + off];
              if (q > 0 && Math.abs(q - b) <= alpha) {
                c++;
              }
            }
          }
          counts[v] = c;
        }
      }
    }
    return counts;
  }

  /** One NGLDM s_ij, i = 1..N_g, j = 1..maxDependence (row-major, index 0 unused in both axes). */
  static final class Matrix {
    final int ng;
    final int nd;
    final long[] s;
    long roiVoxels;

    Matrix(int ng, int maxDependence) {
      this.ng = ng;
      this.nd = maxDependence;
      this.s = new long[(ng + 1) * (maxDependence + 1)];
    }

    void add(int[] bins, int[] counts, int from, int to) {
      for (int v = from; v < to; v++) {
        int b = bins[v];
        if (b > 0) {
          s[b * (nd + 1) + counts[v]]++;
          roiVoxels++;
        }
      }
    }

    /** s_ij as a count. */
    long at(int i, int j) {
      return s[i * (nd + 1) + j];
    }

    /** N_s = Σ s_ij. */
    double total() {
      long t = 0;
      for (long x : s) {
        t += x;
      }
      return t;
    }

    /**
     * Every feature in {@link #FEATURES} order, one method each on the matrix prepared once; requires at least one
     * ROI voxel.
     */
    double[] features() {
      Prepared p = new Prepared(this);
      return new double[] {
        lde(p), hde(p), lgce(p), hgce(p), ldlge(p), ldhge(p), hdlge(p), hdhge(p),
        glnu(p), glnuNorm(p), dcnu(p), dcnuNorm(p), dcPerc(p), glVar(p), dcVar(p),
        dcEntr(p), dcEnergy(p)
      };
    }
  }

  /**
   * A matrix prepared for the feature methods: the sums several features share, computed once per matrix: N_s,
   * {@code Σ_i s_i.^2} and {@code Σ_j s_.j^2}.
   */
  static final class Prepared {
    final Matrix m;
    /** N_s = Σ s_ij. */
    final double ns;
    /** Σ_i s_i.^2 with s_i. = Σ_j s_ij. */
    final double rowSquares;
    /** Σ_j s_.j^2 with s_.j = Σ_i s_ij. */
    final double columnSquares;

    Prepared(Matrix m) {
      this.m = m;
      this.ns = m.total();
      double rows = 0;
      for (int i = 1; i <= m.ng; i++) {
        double r = 0;
        for (int j = 1; j <= m.nd; j++) {
          r += m.at(i, j);
        }
        rows += r * r;
      }
      this.rowSquares = rows;
      double[] col = new double[m.nd + 1];
      for (int i = 1; i <= m.ng; i++) {
        for (int j = 1; j <= m.nd; j++) {
          col[j] += m.at(i, j);
        }
      }
      double cols = 0;
      for (int j = 1; j <= m.nd; j++) {
        cols += col[j] * col[j];
      }
      this.columnSquares = cols;
    }
  }

  /** Weight w(i, j) of an emphasis feature. */
  private interface Weight {
    double at(double i, double j);
  }

  /** {@code (1/N_s) Σ_i Σ_j s_ij w(i, j)}. */
  private static double emphasis(Prepared p, Weight w) {
    Matrix m = p.m;
    double sum = 0;
    for (int i = 1; i <= m.ng; i++) {
      for (int j = 1; j <= m.nd; j++) {
        long x = m.at(i, j);
        if (x != 0) {
          sum += x * w.at(i, j);
        }
      }
    }
    return sum / p.ns;
  }

  /** Low dependence emphasis {@code ngl_lde} (IBSI SODN): {@code F = (1/N_s) Σ_i Σ_j s_ij / j^2}. */
  static double lde(Prepared m) {
    return emphasis(m, (i, j) -> 1 / (j * j));
  }

  /** High dependence emphasis {@code ngl_hde} (IBSI IMOQ): {@code F = (1/N_s) Σ_i Σ_j s_ij j^2}. */
  static double hde(Prepared m) {
    return emphasis(m, (i, j) -> j * j);
  }

  /** Low grey level count emphasis {@code ngl_lgce} (IBSI TL9H): {@code F = (1/N_s) Σ_i Σ_j s_ij / i^2}. */
  static double lgce(Prepared m) {
    return emphasis(m, (i, j) -> 1 / (i * i));
  }

  /** High grey level count emphasis {@code ngl_hgce} (IBSI OAE7): {@code F = (1/N_s) Σ_i Σ_j s_ij i^2}. */
  static double hgce(Prepared m) {
    return emphasis(m, (i, j) -> i * i);
  }

  /**
   * Low dependence low grey level emphasis {@code ngl_ldlge} (IBSI EQ3F):
   * {@code F = (1/N_s) Σ_i Σ_j s_ij / (i^2 j^2)}.
   */
  static double ldlge(Prepared m) {
    return emphasis(m, (i, j) -> 1 / (i * i * j * j));
  }

  /**
   * Low dependence high grey level emphasis {@code ngl_ldhge} (IBSI JA6D): {@code F = (1/N_s) Σ_i Σ_j s_ij i^2 / j^2}.
   */
  static double ldhge(Prepared m) {
    return emphasis(m, (i, j) -> i * i / (j * j));
  }

  /**
   * High dependence low grey level emphasis {@code ngl_hdlge} (IBSI NBZI): {@code F = (1/N_s) Σ_i Σ_j s_ij j^2 / i^2}.
   */
  static double hdlge(Prepared m) {
    return emphasis(m, (i, j) -> j * j / (i * i));
  }

  /**
   * High dependence high grey level emphasis {@code ngl_hdhge} (IBSI 9QMG): {@code F = (1/N_s) Σ_i Σ_j s_ij i^2 j^2}.
   */
  static double hdhge(Prepared m) {
    return emphasis(m, (i, j) -> i * i * j * j);
  }

  /** Grey level non-uniformity {@code ngl_glnu} (IBSI FP8K): {@code F = (1/N_s) Σ_i s_i.^2}. */
  static double glnu(Prepared m) {
    return m.rowSquares / m.ns;
  }

  /** Normalised grey level non-uniformity {@code ngl_glnu_norm} (IBSI 5SPA): {@code F = (1/N_s^2) Σ_i s_i.^2}. */
  static double glnuNorm(Prepared m) {
    return m.rowSquares / (m.ns * m.ns);
  }

  /** Dependence count non-uniformity {@code ngl_dcnu} (IBSI Z87G): {@code F = (1/N_s) Σ_j s_.j^2}. */
  static double dcnu(Prepared m) {
    return m.columnSquares / m.ns;
  }

  /**
   * Normalised dependence count non-uniformity {@code ngl_dcnu_norm} (IBSI OKJI): {@code F = (1/N_s^2) Σ_j s_.j^2}.
   */
  static double dcnuNorm(Prepared m) {
    return m.columnSquares / (m.ns * m.ns);
  }

  /**
   * Dependence count percentage {@code ngl_dc_perc} (IBSI 6XV8): {@code F = N_s / N_v}; 1 by construction, since
   * every ROI voxel has a dependence count j &ge; 1.
   */
  static double dcPerc(Prepared m) {
    return m.ns / m.m.roiVoxels;
  }

  /** Grey level variance {@code ngl_gl_var} (IBSI 1PFV): {@code F = Σ_i Σ_j (i - μ)^2 p_ij}, μ = Σ i p_ij. */
  static double glVar(Prepared m) {
    return variance(m, true);
  }

  /** Dependence count variance {@code ngl_dc_var} (IBSI DNX2): {@code F = Σ_i Σ_j (j - μ)^2 p_ij}, μ = Σ j p_ij. */
  static double dcVar(Prepared m) {
    return variance(m, false);
  }

  private static double variance(Prepared p, boolean greyLevel) {
    Matrix m = p.m;
    double ns = p.ns;
    double mu = 0;
    for (int i = 1; i <= m.ng; i++) {
      for (int j = 1; j <= m.nd; j++) {
        mu += (greyLevel ? i : j) * (m.at(i, j) / ns);
      }
    }
    double var = 0;
    for (int i = 1; i <= m.ng; i++) {
      for (int j = 1; j <= m.nd; j++) {
        double dv = (greyLevel ? i : j) - mu;
        var += dv * dv * (m.at(i, j) / ns);
      }
    }
    return var;
  }

  /** Dependence count entropy {@code ngl_dc_entr} (IBSI FCBV): {@code F = -Σ_i Σ_j p_ij log2 p_ij}. */
  static double dcEntr(Prepared m) {
    double ns = m.ns;
    double e = 0;
    for (long x : m.m.s) {
      if (x != 0) {
        double p = x / ns;
        e -= p * Math.log(p);
      }
    }
    return e / Math.log(2);
  }

  /** Dependence count energy {@code ngl_dc_energy} (IBSI CAS9): {@code F = Σ_i Σ_j p_ij^2}. */
  static double dcEnergy(Prepared m) {
    double ns = m.ns;
    double e = 0;
    for (long x : m.m.s) {
      double p = x / ns;
      e += p * p;
    }
    return e;
  }
}
