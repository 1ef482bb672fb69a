package org.sparkradiomics.features.pyradiomics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.families.GlcmFamily;
import org.sparkradiomics.features.families.GlrlmFamily;
import org.sparkradiomics.features.families.NgldmFamily;
import org.sparkradiomics.features.families.NgtdmFamily;

/**
 * The texture matrices of PyRadiomics (v3.1) for the settings the IBSI families do not cover: {@code distances}
 * other than [1], {@code symmetricalGLCM: False} and {@code weightingNorm} manhattan/euclidean/infinity. Only the
 * matrices are built here (flat primitive arrays); every feature is computed by the shared IBSI feature code
 * ({@link GlcmFamily#matrixFeatures}, {@link GlrlmFamily#matrixFeatures}, {@link NgtdmFamily#matrixFeatures},
 * {@link NgldmFamily#matrixFeatures}), so both profiles keep the same formulas.
 *
 * <p><b>Angles</b> (PyRadiomics {@code cmatrices.c}, {@code get_angle_count} / {@code build_angles}). Offsets are
 * written here {dx, dy, dz} (PyRadiomics: (z, y, x)). For a set of distances D, the candidate offsets are all
 * (dz, dy, dx) in the cube of half-width max(D), enumerated with z slowest and each component from -max to +max,
 * the centre skipped, whose Chebyshev (infinity) norm {@code max(|dx|, |dy|, |dz|)} is in D: distances [2] is the
 * shell at distance 2 only (98 offsets in 3D), not the filled cube. With {@code force2D} only the offsets with 0
 * along {@code force2Ddimension} are kept (the profile permutes that axis to z first, so here dz = 0). An offset
 * reaching as far as the box size along an axis ({@code |a_k| >= size_k}) is not generated (PyRadiomics limits the
 * range per dimension to {@code size - 1}).
 * <ul>
 *   <li>GLCM (not bidirectional): only the first half of that enumeration, i.e. one offset of each +/- pair, the one
 *       whose first non-zero component in (z, y, x) order is negative (13 at distance 1, 49 at distance 2 in 3D;
 *       4 and 8 with force2D). The count matrix of an angle a is {@code P_a[g(v)][g(v + a)]} over the voxel pairs
 *       with both voxels in the ROI: row = reference voxel, column = neighbour. With {@code symmetricalGLCM} the
 *       matrix is {@code P_a + P_a^T}, otherwise P_a as counted;
 *   <li>NGTDM and GLDM (bidirectional): the whole set (both signs), i.e. the neighbourhood of a voxel is every voxel
 *       at a Chebyshev distance in D (26 offsets for [1], 98 for [2], 124 for [1, 2] in 3D);
 *   <li>GLRLM: always the 13 (force2D: 4) unit directions of the GLCM at distance 1; {@code distances} does not
 *       apply to it.
 * </ul>
 *
 * <p><b>Weighting</b> of the GLCM and GLRLM angles (PyRadiomics {@code glcm.py} / {@code glrlm.py}), with
 * {@code |a| * spacing} the per-axis physical extent of the angle ({@code |dx| sx, |dy| sy, |dz| sz}):
 * <ul>
 *   <li>{@code weightingNorm: None}: features of each non-empty angle's matrix, then averaged over those angles
 *       (PyRadiomics' nanmean after deleting empty angles);
 *   <li>otherwise the angle matrices are multiplied by a weight w_a and summed into one matrix before
 *       normalisation, and the features are those of that matrix. GLCM: {@code w = exp(-d^2)} with d the norm of
 *       {@code |a| * spacing}: infinity {@code d = max_k}, euclidean {@code d^2 = sum_k (|a_k| s_k)^2}, manhattan
 *       {@code d = sum_k |a_k| s_k}. GLRLM: PyRadiomics weights the run matrices by the norm itself,
 *       {@code w = d} (infinity max, euclidean sqrt of the sum of squares, manhattan sum), not by exp(-d^2);
 *       {@code no_weighting}: w = 1 for both.
 * </ul>
 * The GLRLM N_v of run percentage is PyRadiomics' {@code Np = sum_ij j r_ij} of the (weighted) matrix, i.e.
 * {@code N_v sum_a w_a}.
 *
 * <p>PyRadiomics' values where a per-angle GLCM feature has a zero denominator are applied per angle before the
 * average: correlation 1 when {@code sigma_x sigma_y = 0}, Imc1 0 when {@code max(HX, HY) = 0}. MCC is computed on
 * the same matrices ({@link PyGlcmExtras#mccOfMatrix}). NGTDM counts only voxels with at least one neighbour (as
 * PyRadiomics' {@code N_v,p}); the GLDM dependence of a voxel is 1 plus the number of its ROI neighbours whose grey
 * level differs by at most {@code gldm_a}.
 *
 * <p>Output tags are those of the IBSI families ({@code cm_<name><tag>}, {@code rlm_...}, {@code ngt_...},
 * {@code ngl_...}) so that the profile renames them the same way; GLCM MCC is {@code cm_mcc<tag>}.
 */
public final class PyTextureMatrices {
  private PyTextureMatrices() {}

  /** Reason for a GLCM without any pair. */
  static final String NO_PAIRS = "no pair of neighbouring voxels in the ROI for the GLCM angles";

  /**
   * PyRadiomics' angles for {@code distances} (Chebyshev norms), in-plane (dz = 0) when {@code planar}, limited to
   * the box {@code size = {nx, ny, nz}}; all of them ({@code bidirectional}) or the first half (one per +/- pair).
   *
   * @return offsets {dx, dy, dz} in PyRadiomics' enumeration order
   */
  public static int[][] angles(int[] distances, boolean planar, boolean bidirectional, int[] size) {
    int max = 0;
    for (int d : distances) {
      if (d < 1) {
        throw new IllegalArgumentException("distances must be >= 1, got " + Arrays.toString(distances));
      }
      max = Math.max(max, d);
    }
    List<int[]> out = new ArrayList<>();
    for (int dz = -max; dz <= max; dz++) {
      for (int dy = -max; dy <= max; dy++) {
        for (int dx = -max; dx <= max; dx++) {
          if (dx == 0 && dy == 0 && dz == 0) {
            continue;
          }
          boolean firstHalf = dz < 0 || (dz == 0 && (dy < 0 || (dy == 0 && dx < 0)));
          if (!bidirectional && !firstHalf) {
            continue;
          }
          if (planar && dz != 0) {
            continue;
          }
          if (Math.abs(dx) >= size[0] || Math.abs(dy) >= size[1] || Math.abs(dz) >= size[2]) {
            continue;
          }
          int norm = Math.max(Math.abs(dx), Math.max(Math.abs(dy), Math.abs(dz)));
          boolean in = false;
          for (int d : distances) {
            in |= d == norm;
          }
          if (in) {
            out.add(new int[] {dx, dy, dz});
          }
        }
      }
    }
    return out.toArray(new int[0][]);
  }

  /**
   * The norm of {@code |a| * spacing}: {@code infinity} max, {@code euclidean} sqrt of the sum of squares,
   * {@code manhattan} sum.
   */
  static double norm(int[] a, double[] spacing, String weightingNorm) {
    double max = 0;
    double sum = 0;
    double sq = 0;
    for (int k = 0; k < 3; k++) {
      double e = Math.abs(a[k]) * spacing[k];
      max = Math.max(max, e);
      sum += e;
      sq += e * e;
    }
    switch (weightingNorm) {
      case "infinity":
        return max;
      case "euclidean":
        return Math.sqrt(sq);
      case "manhattan":
        return sum;
      default:
        throw new IllegalArgumentException("weightingNorm " + weightingNorm + " has no norm");
    }
  }

  /** GLCM angle weight: {@code exp(-d^2)} (euclidean: {@code exp(-sum (|a_k| s_k)^2)}), 1 for no_weighting. */
  public static double glcmWeight(int[] a, double[] spacing, String weightingNorm) {
    if (weightingNorm.equals("no_weighting")) {
      return 1;
    }
    if (weightingNorm.equals("euclidean")) {
      double sq = 0;
      for (int k = 0; k < 3; k++) {
        double e = Math.abs(a[k]) * spacing[k];
        sq += e * e;
      }
      return Math.exp(-sq);
    }
    double d = norm(a, spacing, weightingNorm);
    return Math.exp(-d * d);
  }

  /** GLRLM angle weight: the norm d itself (PyRadiomics glrlm.py), 1 for no_weighting. */
  public static double glrlmWeight(int[] a, double[] spacing, String weightingNorm) {
    return weightingNorm.equals("no_weighting") ? 1 : norm(a, spacing, weightingNorm);
  }

  /**
   * The count matrix {@code P_a[g(v)][g(v + a)]} (row = reference voxel) of offset {@code a} over the ROI
   * (bins &gt; 0) into {@code m} (length ng^2, added to); returns the number of pairs.
   */
  public static long cooccurrences(int[] bins, int nx, int ny, int nz, int ng, int[] a, double[] m) {
    int dx = a[0];
    int dy = a[1];
    int dz = a[2];
    int shift = dx + nx * (dy + ny * dz);
    long pairs = 0;
    for (int z = Math.max(0, -dz); z < Math.min(nz, nz - dz); z++) {
      for (int y = Math.max(0, -dy); y < Math.min(ny, ny - dy); y++) {
        int base = nx * (y + ny * z);
        for (int x = Math.max(0, -dx); x < Math.min(nx, nx - dx); x++) {
          int i = base + x;
          int gi = bins[i];
          int gj = bins[i + shift];
          if (gi > 0 && gj > 0) {
            m[(gi - 1) * ng + (gj - 1)] += 1;
            pairs++;
          }
        }
      }
    }
    return pairs;
  }

  /** The grey levels to size the matrices for: {@code max(roi.nBins, largest bin)}. */
  private static int greyLevels(RoiImage roi) {
    int ng = roi.nBins;
    for (int b : roi.bins) {
      ng = Math.max(ng, b);
    }
    return ng;
  }

  /** The ROI grey levels: {@code roi.bins} where the intensity mask is set, 0 elsewhere. */
  private static int[] roiBins(RoiImage roi) {
    int[] b = new int[roi.bins.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = roi.intensityMask[i] ? roi.bins[i] : 0;
    }
    return b;
  }

  private static double[] spacing(RoiImage roi) {
    return new double[] {roi.sx, roi.sy, roi.sz};
  }

  private static int[] size(RoiImage roi) {
    return new int[] {roi.nx, roi.ny, roi.nz};
  }

  /**
   * The weighted GLCM {@code sum_a w_a P_a} (each P_a symmetrised first when {@code symmetrical}) for
   * {@code weightingNorm} no_weighting, manhattan, euclidean or infinity, as counts (not normalised), length ng^2
   * with {@code ng = max(roi.nBins, largest bin)}.
   */
  public static double[] weightedGlcm(RoiImage roi, int[] distances, boolean planar, boolean symmetrical,
      String weightingNorm) {
    int ng = greyLevels(roi);
    int[] bins = roiBins(roi);
    double[] sp = spacing(roi);
    double[] merged = new double[ng * ng];
    double[] m = new double[ng * ng];
    for (int[] a : angles(distances, planar, false, size(roi))) {
      Arrays.fill(m, 0.0);
      if (cooccurrences(bins, roi.nx, roi.ny, roi.nz, ng, a, m) == 0) {
        continue;
      }
      if (symmetrical) {
        symmetrise(m, ng);
      }
      double w = glcmWeight(a, sp, weightingNorm);
      for (int k = 0; k < m.length; k++) {
        merged[k] += w * m[k];
      }
    }
    return merged;
  }

  /**
   * GLCM features (and MCC when {@code mcc}) into {@code out} as {@code cm_<name><tag>} / {@code cm_mcc<tag>}.
   *
   * @param weightingNorm null (per-angle features averaged), no_weighting, manhattan, euclidean or infinity
   */
  public static void glcm(RoiImage roi, int[] distances, boolean planar, boolean symmetrical, String weightingNorm,
      boolean mcc, String tag, FeatureVector out) {
    int ng = greyLevels(roi);
    int[] bins = roiBins(roi);
    String[] names = GlcmFamily.matrixFeatureNames();
    int corr = Arrays.asList(names).indexOf("corr");
    int imc1 = Arrays.asList(names).indexOf("info_corr1");
    int[][] angles = weightingNorm == null ? angles(distances, planar, false, size(roi)) : new int[0][];
    double[] merged = weightingNorm == null ? null
        : weightedGlcm(roi, distances, planar, symmetrical, weightingNorm);
    double[] sum = new double[names.length];
    int[] n = new int[names.length];
    double mccSum = 0;
    int mccN = 0;
    int matrices = 0;
    double[] f = new double[names.length];
    double[] m = new double[ng * ng];
    for (int[] a : angles) {
      Arrays.fill(m, 0.0);
      if (cooccurrences(bins, roi.nx, roi.ny, roi.nz, ng, a, m) == 0) {
        continue;
      }
      if (symmetrical) {
        symmetrise(m, ng);
      }
      GlcmFamily.matrixFeatures(m, ng, f);
      pyRadiomicsDefaults(f, corr, imc1);
      matrices++;
      for (int k = 0; k < f.length; k++) {
        if (!Double.isNaN(f[k])) {
          sum[k] += f[k];
          n[k]++;
        }
      }
      if (mcc) {
        double v = PyGlcmExtras.mccOfMatrix(m, ng);
        if (!Double.isNaN(v)) {
          mccSum += v;
          mccN++;
        }
      }
    }
    if (merged != null) {
      if (GlcmFamily.matrixFeatures(merged, ng, f)) {
        pyRadiomicsDefaults(f, corr, imc1);
        matrices = 1;
        for (int k = 0; k < f.length; k++) {
          sum[k] = f[k];
          n[k] = Double.isNaN(f[k]) ? 0 : 1;
        }
        if (mcc) {
          mccSum = PyGlcmExtras.mccOfMatrix(merged, ng);
          mccN = Double.isNaN(mccSum) ? 0 : 1;
        }
      }
    }
    for (int k = 0; k < names.length; k++) {
      String name = "cm_" + names[k] + tag;
      if (matrices == 0) {
        out.putUndefined(name, NO_PAIRS);
      } else if (n[k] == 0) {
        out.putUndefined(name, "undefined for every GLCM angle");
      } else {
        out.put(name, sum[k] / n[k]);
      }
    }
    if (mcc) {
      if (mccN == 0) {
        out.putUndefined("cm_mcc" + tag, NO_PAIRS);
      } else {
        out.put("cm_mcc" + tag, mccSum / mccN);
      }
    }
  }

  /** PyRadiomics per matrix: correlation 1 when sigma_x sigma_y = 0, Imc1 0 when max(HX, HY) = 0. */
  private static void pyRadiomicsDefaults(double[] f, int corr, int imc1) {
    if (Double.isNaN(f[corr])) {
      f[corr] = 1;
    }
    if (Double.isNaN(f[imc1])) {
      f[imc1] = 0;
    }
  }

  /** In place: {@code m = m + m^T}. */
  static void symmetrise(double[] m, int ng) {
    for (int i = 0; i < ng; i++) {
      m[i * ng + i] *= 2;
      for (int j = i + 1; j < ng; j++) {
        double s = m[i * ng + j] + m[j * ng + i];
        m[i * ng + j] = s;
        m[j * ng + i] = s;
      }
    }
  }

  /**
   * GLRLM features into {@code out} as {@code rlm_<name><tag>}: the 13 (planar: 4) unit directions, per-angle
   * features averaged ({@code weightingNorm} null) or the weighted sum of the run matrices.
   */
  public static void glrlm(RoiImage roi, boolean planar, String weightingNorm, String tag, FeatureVector out) {
    int ng = greyLevels(roi);
    int[] bins = roiBins(roi);
    int len = Math.max(roi.nx, Math.max(roi.ny, roi.nz));
    String[] names = GlrlmFamily.matrixFeatureNames();
    int[][] angles = weightingNorm == null ? angles(new int[] {1}, planar, false, size(roi)) : new int[0][];
    double[] merged = weightingNorm == null ? null : weightedGlrlm(roi, planar, weightingNorm);
    double[] sum = new double[names.length];
    int[] n = new int[names.length];
    double[] m = new double[ng * len];
    for (int[] a : angles) {
      Arrays.fill(m, 0.0);
      GlrlmFamily.runs(bins, roi.nx, roi.ny, roi.nz, a, m, len);
      double[] f = GlrlmFamily.matrixFeatures(m, ng, len, runVoxels(m, ng, len));
      for (int k = 0; k < f.length; k++) {
        if (!Double.isNaN(f[k])) {
          sum[k] += f[k];
          n[k]++;
        }
      }
    }
    if (merged != null) {
      double[] f = GlrlmFamily.matrixFeatures(merged, ng, len, runVoxels(merged, ng, len));
      for (int k = 0; k < f.length; k++) {
        sum[k] = f[k];
        n[k] = Double.isNaN(f[k]) ? 0 : 1;
      }
    }
    for (int k = 0; k < names.length; k++) {
      String name = "rlm_" + names[k] + tag;
      if (n[k] == 0) {
        out.putUndefined(name, "empty run length matrix");
      } else {
        out.put(name, sum[k] / n[k]);
      }
    }
  }

  /**
   * The weighted run length matrix {@code sum_a w_a R_a} over the 13 (planar: 4) unit directions for
   * {@code weightingNorm} no_weighting, manhattan, euclidean or infinity ({@link #glrlmWeight}), dense
   * {@code [(i - 1) * len + (j - 1)]} with {@code len = max(nx, ny, nz)}.
   */
  public static double[] weightedGlrlm(RoiImage roi, boolean planar, String weightingNorm) {
    int ng = greyLevels(roi);
    int[] bins = roiBins(roi);
    int len = Math.max(roi.nx, Math.max(roi.ny, roi.nz));
    double[] sp = spacing(roi);
    double[] merged = new double[ng * len];
    double[] m = new double[ng * len];
    for (int[] a : angles(new int[] {1}, planar, false, size(roi))) {
      Arrays.fill(m, 0.0);
      GlrlmFamily.runs(bins, roi.nx, roi.ny, roi.nz, a, m, len);
      double w = glrlmWeight(a, sp, weightingNorm);
      for (int k = 0; k < m.length; k++) {
        merged[k] += w * m[k];
      }
    }
    return merged;
  }

  /** PyRadiomics' {@code Np = sum_ij j r_ij} of a dense run length matrix. */
  static double runVoxels(double[] m, int ng, int len) {
    double s = 0;
    for (int i = 0; i < ng; i++) {
      for (int j = 0; j < len; j++) {
        s += (j + 1) * m[i * len + j];
      }
    }
    return s;
  }

  /**
   * The ROI grey levels copied into a box padded by {@code r} voxels of 0 (outside the ROI) on every side, so that
   * every offset of Chebyshev norm &le; r is a flat index shift without bounds checks.
   */
  private static final class Padded {
    final int[] g;
    final int px;
    final int py;
    final int r;

    Padded(int[] bins, int nx, int ny, int nz, int r) {
      this.r = r;
      px = nx + 2 * r;
      py = ny + 2 * r;
      g = new int[px * py * (nz + 2 * r)];
      for (int z = 0; z < nz; z++) {
        for (int y = 0; y < ny; y++) {
          System.arraycopy(bins, nx * (y + ny * z), g, r + px * (y + r + py * (z + r)), nx);
        }
      }
    }

    /** Padded index of box voxel (0, y, z). */
    int row(int y, int z) {
      return r + px * (y + r + py * (z + r));
    }

    int[] shifts(int[][] offsets) {
      int[] f = new int[offsets.length];
      for (int k = 0; k < f.length; k++) {
        f[k] = offsets[k][0] + px * (offsets[k][1] + py * offsets[k][2]);
      }
      return f;
    }
  }

  private static int maxNorm(int[][] offsets) {
    int r = 0;
    for (int[] a : offsets) {
      r = Math.max(r, Math.max(Math.abs(a[0]), Math.max(Math.abs(a[1]), Math.abs(a[2]))));
    }
    return r;
  }

  /**
   * NGTDM features into {@code out} as {@code ngt_<name><tag>}: the neighbourhood is every offset whose Chebyshev
   * norm is in {@code distances} (both signs; dz = 0 when {@code planar}); a voxel contributes
   * {@code |i - mean of its ROI neighbours|} to s_i and 1 to n_i when it has at least one ROI neighbour.
   */
  public static void ngtdm(RoiImage roi, int[] distances, boolean planar, String tag, FeatureVector out) {
    int ng = greyLevels(roi);
    int[] bins = roiBins(roi);
    int[][] nb = angles(distances, planar, true, size(roi));
    double[] s = new double[ng + 1];
    long[] n = new long[ng + 1];
    int nx = roi.nx;
    int ny = roi.ny;
    Padded pad = new Padded(bins, nx, ny, roi.nz, maxNorm(nb));
    int[] shifts = pad.shifts(nb);
    int[] pg = pad.g;
    for (int z = 0; z < roi.nz; z++) {
      for (int y = 0; y < ny; y++) {
        int p = pad.row(y, z);
        for (int x = 0; x < nx; x++, p++) {
          int g = pg[p];
          if (g <= 0) {
            continue;
          }
          long sumN = 0;
          int count = 0;
          for (int sh : shifts) {
            int q = pg[p + sh];
            if (q > 0) {
              sumN += q;
              count++;
            }
          }
          if (count > 0) {
            s[g] += Math.abs(g - (double) sumN / count);
            n[g]++;
          }
        }
      }
    }
    double[] f = NgtdmFamily.matrixFeatures(s, n);
    String[] names = NgtdmFamily.matrixFeatureNames();
    for (int k = 0; k < names.length; k++) {
      String name = "ngt_" + names[k] + tag;
      if (Double.isNaN(f[k])) {
        out.putUndefined(name, "undefined for this NGTDM (zero denominator or no voxel with a neighbour)");
      } else {
        out.put(name, f[k]);
      }
    }
  }

  /**
   * GLDM features into {@code out} as {@code ngl_<name><tag>}: dependence of a ROI voxel = 1 + the number of ROI
   * voxels at an offset whose Chebyshev norm is in {@code distances} (dz = 0 when {@code planar}) whose grey level
   * differs from the voxel's by at most {@code alpha}.
   */
  public static void gldm(RoiImage roi, int[] distances, boolean planar, int alpha, String tag, FeatureVector out) {
    int ng = greyLevels(roi);
    int[] bins = roiBins(roi);
    int[][] nb = angles(distances, planar, true, size(roi));
    int[] counts = new int[bins.length];
    int nx = roi.nx;
    int ny = roi.ny;
    Padded pad = new Padded(bins, nx, ny, roi.nz, maxNorm(nb));
    int[] shifts = pad.shifts(nb);
    int[] pg = pad.g;
    boolean any = false;
    for (int z = 0; z < roi.nz; z++) {
      for (int y = 0; y < ny; y++) {
        int p = pad.row(y, z);
        for (int x = 0; x < nx; x++, p++) {
          int g = pg[p];
          if (g <= 0) {
            continue;
          }
          any = true;
          int c = 1;
          for (int sh : shifts) {
            int q = pg[p + sh];
            if (q > 0 && Math.abs(q - g) <= alpha) {
              c++;
            }
          }
          counts[x + nx * (y + ny * z)] = c;
        }
      }
    }
    String[] names = NgldmFamily.matrixFeatureNames();
    if (!any) {
      for (String nm : names) {
        out.putUndefined("ngl_" + nm + tag, "empty ROI");
      }
      return;
    }
    double[] f = NgldmFamily.matrixFeatures(bins, counts, ng, nb.length + 1);
    for (int k = 0; k < names.length; k++) {
      out.put("ngl_" + names[k] + tag, f[k]);
    }
  }
}
