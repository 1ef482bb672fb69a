package org.sparkradiomics.features.families;

import java.util.Arrays;
import java.util.Set;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;

/**
 * Grey level run length matrix features (IBSI-1 section 3.7, family code TP0I), tags {@code rlm_<feature>_<variant>}.
 *
 * <p>A run is a maximal line of consecutive ROI voxels with the same grey level along one direction of
 * {@link Directions}; voxels outside the intensity mask (bin 0) end runs. {@code r_ij} counts the runs of grey level
 * {@code i} and length {@code j}. Variants (IBSI-1 section 3.1):
 *
 * <ul>
 *   <li>{@code _2D_avg}: one matrix per slice and in-plane direction (4), features averaged over all of them, N_v =
 *       ROI voxels of the slice;
 *   <li>{@code _2D_comb}: per slice the 4 direction matrices merged (N_v = 4 x slice voxels), features averaged over
 *       slices;
 *   <li>{@code _2_5D_avg}: per in-plane direction the slice matrices merged (N_v = ROI voxels), features averaged over
 *       the 4 directions;
 *   <li>{@code _2_5D_comb}: all slices and in-plane directions merged, N_v = 4 x ROI voxels;
 *   <li>{@code _3D_avg}: one matrix per 3D direction (13), features averaged, N_v = ROI voxels;
 *   <li>{@code _3D_comb}: the 13 matrices merged, N_v = 13 x ROI voxels.
 * </ul>
 *
 * <p>The multiplication of N_v by the number of merged directions in the merged variants follows IBSI-1 (run
 * percentage counts each voxel once per direction it was scanned in); the digital-phantom reference values confirm
 * it (avg and comb run percentages coincide). Slices without ROI voxels are skipped.
 *
 * <p>Each matrix is prepared once ({@link TextureMatrixFeatures.Prepared}: the sums the features share, one pass over
 * its non-zero cells); each feature is one method below with its formula and IBSI code, listed by
 * {@link #features}. Features, with {@code N_s} the number of runs, {@code r_i.} / {@code r_.j} the marginals and
 * {@code p_ij = r_ij / N_s}:
 *
 * <ul>
 *   <li>{@code rlm_sre}: short runs emphasis {@code (1/N_s) sum_j r_.j / j^2}
 *   <li>{@code rlm_lre}: long runs emphasis {@code (1/N_s) sum_j r_.j j^2}
 *   <li>{@code rlm_lgre}: low grey level run emphasis {@code (1/N_s) sum_i r_i. / i^2}
 *   <li>{@code rlm_hgre}: high grey level run emphasis {@code (1/N_s) sum_i r_i. i^2}
 *   <li>{@code rlm_srlge}: short run low grey level emphasis {@code (1/N_s) sum_ij r_ij / (i^2 j^2)}
 *   <li>{@code rlm_srhge}: short run high grey level emphasis {@code (1/N_s) sum_ij r_ij i^2 / j^2}
 *   <li>{@code rlm_lrlge}: long run low grey level emphasis {@code (1/N_s) sum_ij r_ij j^2 / i^2}
 *   <li>{@code rlm_lrhge}: long run high grey level emphasis {@code (1/N_s) sum_ij r_ij i^2 j^2}
 *   <li>{@code rlm_glnu}: grey level non-uniformity {@code (1/N_s) sum_i r_i.^2}
 *   <li>{@code rlm_glnu_norm}: normalised grey level non-uniformity {@code (1/N_s^2) sum_i r_i.^2}
 *   <li>{@code rlm_rlnu}: run length non-uniformity {@code (1/N_s) sum_j r_.j^2}
 *   <li>{@code rlm_rlnu_norm}: normalised run length non-uniformity {@code (1/N_s^2) sum_j r_.j^2}
 *   <li>{@code rlm_r_perc}: run percentage {@code N_s / N_v}
 *   <li>{@code rlm_gl_var}: grey level variance {@code sum_ij (i - mu)^2 p_ij}, {@code mu = sum_ij i p_ij}
 *   <li>{@code rlm_rl_var}: run length variance {@code sum_ij (j - mu)^2 p_ij}, {@code mu = sum_ij j p_ij}
 *   <li>{@code rlm_rl_entr}: run entropy {@code -sum_ij p_ij log2 p_ij}
 * </ul>
 *
 * <p>Cost: every direction walks each line of the box once (each voxel read once per direction), so one pass per
 * matrix; the matrices are {@code N_g x max(nx, ny, nz)}. An empty ROI yields undefined features.
 */
public final class GlrlmFamily implements FeatureFamily {
  /** Feature tag stems, in {@link #features} order. */
  static final String[] FEATURES = {
    "sre", "lre", "lgre", "hgre", "srlge", "srhge", "lrlge", "lrhge",
    "glnu", "glnu_norm", "rlnu", "rlnu_norm", "r_perc", "gl_var", "rl_var", "rl_entr"
  };

  /** The 2D (in-plane) directions are the first entries of the 3D set, so their matrices are shared. */
  private static final boolean PLANAR_FIRST_IN_3D = Arrays.deepEquals(Directions.UNIQUE_2D,
      Arrays.copyOf(Directions.UNIQUE_3D, Directions.UNIQUE_2D.length));

  public GlrlmFamily() {}

  @Override
  public String name() {
    return "rlm";
  }

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    Set<SpatialMode> modes = settings.textureModes();
    boolean d2 = modes.contains(SpatialMode.D2);
    boolean d25 = modes.contains(SpatialMode.D2_5);
    boolean d3 = modes.contains(SpatialMode.D3);
    int nx = roi.nx;
    int ny = roi.ny;
    int nz = roi.nz;
    int[] bins = roi.bins;
    int nxy = nx * ny;
    int ng = roi.nBins;
    long total = 0;
    int[] sliceCount = new int[nz];
    for (int z = 0; z < nz; z++) {
      int c = 0;
      for (int v = z * nxy, e = v + nxy; v < e; v++) {
        if (bins[v] > 0) {
          c++;
          ng = Math.max(ng, bins[v]);
        }
      }
      sliceCount[z] = c;
      total += c;
    }
    if (total == 0) {
      for (SpatialMode m : modes) {
        for (String agg : new String[] {"_avg", "_comb"}) {
          TextureFamilySupport.writeUndefined(out, "rlm", FEATURES, m.tag() + agg, TextureFamilySupport.EMPTY_ROI);
        }
      }
      return;
    }
    int len = Math.max(nx, Math.max(ny, nz));
    int cells = ng * len;
    double nv = total;

    // In-plane directions: per-slice matrices (2D), summed over slices per direction (2.5D; also the first four
    // 3D direction matrices).
    double[][] perDirection = new double[Directions.UNIQUE_3D.length][];
    TextureMatrixFeatures.Mean avg2d = new TextureMatrixFeatures.Mean();
    TextureMatrixFeatures.Mean comb2d = new TextureMatrixFeatures.Mean();
    int[][] planar = Directions.UNIQUE_2D;
    for (int d = 0; d < planar.length; d++) {
      perDirection[d] = new double[cells];
    }
    double[] slice = new double[cells];
    double[] sliceComb = d2 ? new double[cells] : null;
    for (int z = 0; z < nz; z++) {
      if (sliceCount[z] == 0) {
        continue;
      }
      if (d2) {
        Arrays.fill(sliceComb, 0);
      }
      for (int d = 0; d < planar.length; d++) {
        Arrays.fill(slice, 0);
        countRuns(bins, nx, ny, nz, planar[d], z, z + 1, slice, len);
        double[] acc = perDirection[d];
        for (int c = 0; c < cells; c++) {
          acc[c] += slice[c];
        }
        if (d2) {
          avg2d.add(TextureMatrixFeatures.fromDense(slice, ng, len, sliceCount[z], GlrlmFamily::features));
          for (int c = 0; c < cells; c++) {
            sliceComb[c] += slice[c];
          }
        }
      }
      if (d2) {
        comb2d.add(TextureMatrixFeatures.fromDense(sliceComb, ng, len, (double) planar.length * sliceCount[z],
            GlrlmFamily::features));
      }
    }
    if (d2) {
      write(out, SpatialMode.D2.tag() + "_avg", avg2d.mean());
      write(out, SpatialMode.D2.tag() + "_comb", comb2d.mean());
    }
    if (d25) {
      writeAvgComb(out, SpatialMode.D2_5.tag(), perDirection, planar.length, ng, len, nv);
    }
    if (d3) {
      for (int d = PLANAR_FIRST_IN_3D ? planar.length : 0; d < Directions.UNIQUE_3D.length; d++) {
        perDirection[d] = new double[cells];
        countRuns(bins, nx, ny, nz, Directions.UNIQUE_3D[d], 0, nz, perDirection[d], len);
      }
      writeAvgComb(out, SpatialMode.D3.tag(), perDirection, Directions.UNIQUE_3D.length, ng, len, nv);
    }
  }

  /** The feature names of {@link #matrixFeatures}, in order (IBSI stems without prefix and suffix). */
  public static String[] matrixFeatureNames() {
    return FEATURES.clone();
  }

  /**
   * Adds the runs of the whole box along {@code dir} ({dx, dy, dz}) to the dense matrix
   * {@code m[(level - 1) * len + (length - 1)]} (see {@link #countRuns}); bins &gt; 0 are the ROI.
   */
  public static void runs(int[] bins, int nx, int ny, int nz, int[] dir, double[] m, int len) {
    countRuns(bins, nx, ny, nz, dir, 0, nz, m, len);
  }

  /**
   * The features of one dense run length matrix {@code m[(i - 1) * len + (j - 1)]} (counts, possibly weighted),
   * {@code N_v = nv}, in {@link #matrixFeatureNames} order; all NaN when the matrix is empty.
   */
  public static double[] matrixFeatures(double[] m, int ng, int len, double nv) {
    return TextureMatrixFeatures.fromDense(m, ng, len, nv, GlrlmFamily::features);
  }

  /** avg: features of each of the first {@code nDir} matrices averaged; comb: features of their sum. */
  private static void writeAvgComb(FeatureVector out, String tag, double[][] perDirection, int nDir, int ng,
      int len, double nv) {
    TextureMatrixFeatures.Mean avg = new TextureMatrixFeatures.Mean();
    double[] comb = new double[ng * len];
    for (int d = 0; d < nDir; d++) {
      avg.add(TextureMatrixFeatures.fromDense(perDirection[d], ng, len, nv, GlrlmFamily::features));
      for (int c = 0; c < comb.length; c++) {
        comb[c] += perDirection[d][c];
      }
    }
    write(out, tag + "_avg", avg.mean());
    write(out, tag + "_comb", TextureMatrixFeatures.fromDense(comb, ng, len, nDir * nv, GlrlmFamily::features));
  }

  private static void write(FeatureVector out, String suffix, double[] f) {
    for (int k = 0; k < FEATURES.length; k++) {
      out.put("rlm_" + FEATURES[k] + "_" + suffix, f[k]);
    }
  }

  /**
   * Adds the runs along {@code dir} in slices [z0, z1) to {@code m[(level - 1) * len + (length - 1)]} (for an
   * out-of-plane direction pass the whole box, z0 = 0 and z1 = nz). Every line of the box along {@code dir} is
   * walked once from its first voxel (the one whose predecessor lies outside the box), closing a run whenever the
   * grey level changes or the ROI is left (bin 0), so each voxel is read once per direction.
   */
  static void countRuns(int[] bins, int nx, int ny, int nz, int[] dir, int z0, int z1, double[] m, int len) {
    int dx = dir[0];
    int dy = dir[1];
    int dz = dir[2];
    int step = dx + nx * (dy + ny * dz);
    for (int z = z0; z < z1; z++) {
      boolean zStart = z - dz < 0 || z - dz >= nz;
      for (int y = 0; y < ny; y++) {
        boolean yzStart = zStart || y - dy < 0 || y - dy >= ny;
        int v = nx * (y + ny * z);
        for (int x = 0; x < nx; x++, v++) {
          if (!yzStart && x - dx >= 0 && x - dx < nx) {
            continue; // not the first voxel of a line
          }
          int g = 0;
          int run = 0;
          int cx = x;
          int cy = y;
          int cz = z;
          for (int w = v; cx >= 0 && cy >= 0 && cz >= 0 && cx < nx && cy < ny && cz < nz; w += step) {
            int b = bins[w];
            if (b == g) {
              run++;
            } else {
              if (g > 0) {
                m[(g - 1) * len + (run - 1)] += 1;
              }
              g = b;
              run = 1;
            }
            cx += dx;
            cy += dy;
            cz += dz;
          }
          if (g > 0) {
            m[(g - 1) * len + (run - 1)] += 1;
          }
        }
      }
    }
  }

  /** The features of a non-empty prepared matrix, in {@link #FEATURES} order (one method each). */
  static double[] features(TextureMatrixFeatures.Prepared m) {
    return new double[] {
      shortRunsEmphasis(m), longRunsEmphasis(m), lowGreyLevelRunEmphasis(m), highGreyLevelRunEmphasis(m),
      shortRunLowGreyLevelEmphasis(m), shortRunHighGreyLevelEmphasis(m), longRunLowGreyLevelEmphasis(m),
      longRunHighGreyLevelEmphasis(m), greyLevelNonUniformity(m), normalisedGreyLevelNonUniformity(m),
      runLengthNonUniformity(m), normalisedRunLengthNonUniformity(m), runPercentage(m), greyLevelVariance(m),
      runLengthVariance(m), runEntropy(m)
    };
  }

  /** Short runs emphasis, IBSI 22OV: {@code (1/N_s) sum_j r_.j / j^2}. Tag {@code rlm_sre}. */
  static double shortRunsEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.shortEmphasis(m);
  }

  /** Long runs emphasis, IBSI W4KF: {@code (1/N_s) sum_j r_.j j^2}. Tag {@code rlm_lre}. */
  static double longRunsEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.longEmphasis(m);
  }

  /** Low grey level run emphasis, IBSI V3SW: {@code (1/N_s) sum_i r_i. / i^2}. Tag {@code rlm_lgre}. */
  static double lowGreyLevelRunEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.lowGreyLevelEmphasis(m);
  }

  /** High grey level run emphasis, IBSI G3QZ: {@code (1/N_s) sum_i r_i. i^2}. Tag {@code rlm_hgre}. */
  static double highGreyLevelRunEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.highGreyLevelEmphasis(m);
  }

  /** Short run low grey level emphasis, IBSI HTZT: {@code (1/N_s) sum_ij r_ij / (i^2 j^2)}. Tag {@code rlm_srlge}. */
  static double shortRunLowGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.shortLowGreyLevelEmphasis(m);
  }

  /** Short run high grey level emphasis, IBSI GD3A: {@code (1/N_s) sum_ij r_ij i^2 / j^2}. Tag {@code rlm_srhge}. */
  static double shortRunHighGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.shortHighGreyLevelEmphasis(m);
  }

  /** Long run low grey level emphasis, IBSI IVPO: {@code (1/N_s) sum_ij r_ij j^2 / i^2}. Tag {@code rlm_lrlge}. */
  static double longRunLowGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.longLowGreyLevelEmphasis(m);
  }

  /** Long run high grey level emphasis, IBSI 3KUM: {@code (1/N_s) sum_ij r_ij i^2 j^2}. Tag {@code rlm_lrhge}. */
  static double longRunHighGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.longHighGreyLevelEmphasis(m);
  }

  /** Grey level non-uniformity, IBSI R5YN: {@code (1/N_s) sum_i r_i.^2}. Tag {@code rlm_glnu}. */
  static double greyLevelNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.greyLevelNonUniformity(m);
  }

  /** Normalised grey level non-uniformity, IBSI OVBL: {@code (1/N_s^2) sum_i r_i.^2}. Tag {@code rlm_glnu_norm}. */
  static double normalisedGreyLevelNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.normalisedGreyLevelNonUniformity(m);
  }

  /** Run length non-uniformity, IBSI W92Y: {@code (1/N_s) sum_j r_.j^2}. Tag {@code rlm_rlnu}. */
  static double runLengthNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.extentNonUniformity(m);
  }

  /** Normalised run length non-uniformity, IBSI IC23: {@code (1/N_s^2) sum_j r_.j^2}. Tag {@code rlm_rlnu_norm}. */
  static double normalisedRunLengthNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.normalisedExtentNonUniformity(m);
  }

  /** Run percentage, IBSI 9ZK5: {@code N_s / N_v}. Tag {@code rlm_r_perc}. */
  static double runPercentage(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.percentage(m);
  }

  /** Grey level variance, IBSI 8CE5: {@code sum_ij (i - mu)^2 p_ij, mu = sum_ij i p_ij}. Tag {@code rlm_gl_var}. */
  static double greyLevelVariance(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.greyLevelVariance(m);
  }

  /** Run length variance, IBSI SXLW: {@code sum_ij (j - mu)^2 p_ij, mu = sum_ij j p_ij}. Tag {@code rlm_rl_var}. */
  static double runLengthVariance(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.extentVariance(m);
  }

  /** Run entropy, IBSI HJ9O: {@code -sum_ij p_ij log2 p_ij}. Tag {@code rlm_rl_entr}. */
  static double runEntropy(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.entropy(m);
  }
}
