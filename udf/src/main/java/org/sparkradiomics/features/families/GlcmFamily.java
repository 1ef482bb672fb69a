package org.sparkradiomics.features.families;

import java.util.Arrays;
import java.util.Set;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;

/**
 * Grey level co-occurrence matrix features (IBSI-1 section 3.6, tags {@code cm_*}) on the texture grey levels
 * {@code roi.bins} (1..N_g, {@code N_g = roi.nBins}) of the intensity mask.
 *
 * <p>A matrix for offset {@code delta = direction * settings.textureDistance()} counts, for every voxel pair
 * (v, v + delta) with both voxels in the intensity mask, the pair of grey levels in both orders (symmetric matrix:
 * {@code m[g(v)][g(v+delta)]++} and {@code m[g(v+delta)][g(v)]++}). Matrices are dense {@code N_g x N_g} double
 * arrays, each filled in one pass over the ROI box; memory is a handful of such matrices, never one per slice.
 *
 * <p>Aggregation per {@link SpatialMode} in {@code settings.textureModes()} (IBSI-1 3.1), suffix
 * {@code _<mode>_avg} / {@code _<mode>_comb}:
 * <ul>
 *   <li>2D avg: one matrix per slice and in-plane direction (4), features averaged over all of them;
 *       2D comb: per slice the 4 direction matrices are summed, features averaged over slices;
 *   <li>2.5D avg: per in-plane direction the matrices of all slices are summed, features averaged over the 4
 *       directions; 2.5D comb: everything summed into one matrix;
 *   <li>3D avg: one volume matrix per 3D direction (13), features averaged; 3D comb: the 13 summed.
 * </ul>
 * Empty matrices (no neighbouring pair, e.g. a slice with one voxel) take no part in an average. A feature
 * undefined for one matrix (correlation, information correlation 1 for a single grey level) is averaged over the
 * matrices where it is defined; it is undefined, with the reason, when it is defined for none. Each matrix is
 * prepared once ({@link GlcmMatrixFeatures.CoMatrix}: probabilities, marginals, shared sums) and every feature is
 * one method of {@link GlcmMatrixFeatures} with its formula and IBSI code.
 */
public final class GlcmFamily implements FeatureFamily {
  private static final String NO_PAIRS = "no pair of neighbouring voxels in the intensity mask at this distance";

  /**
   * Largest N_g for the dense matrices (up to 7 of N_g x N_g doubles plus the prepared non-zero cells, 16 bytes per
   * cell, are held at once: 72 MB at 1024). A finer discretisation leaves the features undefined with a reason
   * instead of exhausting an executor's memory.
   */
  public static final int MAX_GREY_LEVELS = 1024;

  public GlcmFamily() {}

  @Override
  public String name() {
    return "cm";
  }

  /** Every feature tag this family writes for the given modes, in output order. */
  public static java.util.List<String> featureNames(Set<SpatialMode> modes) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (SpatialMode mode : SpatialMode.values()) {
      if (modes.contains(mode)) {
        for (String agg : new String[] {"_avg", "_comb"}) {
          for (String f : GlcmMatrixFeatures.NAMES) {
            names.add("cm_" + f + "_" + mode.tag() + agg);
          }
        }
      }
    }
    return names;
  }

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    Set<SpatialMode> modes = settings.textureModes();
    int ng = roi.nBins;
    int count = 0;
    int bad = 0;
    for (int i = 0; i < roi.bins.length; i++) {
      if (roi.intensityMask[i]) {
        count++;
        if (roi.bins[i] < 1 || roi.bins[i] > ng) {
          bad++;
        }
      }
    }
    String why = null;
    if (count == 0) {
      why = "empty intensity mask";
    } else if (bad > 0) {
      why = bad + " intensity-mask voxels have a texture grey level outside 1.." + ng;
    } else if (ng > MAX_GREY_LEVELS) {
      why = "too many grey levels for a dense co-occurrence matrix (N_g = " + ng + " > " + MAX_GREY_LEVELS
          + "): use a coarser texture discretisation";
    }
    if (why != null) {
      for (String name : featureNames(modes)) {
        out.putUndefined(name, why);
      }
      return;
    }
    Work w = new Work(ng);
    int dist = settings.textureDistance();
    boolean d2 = modes.contains(SpatialMode.D2);
    boolean d25 = modes.contains(SpatialMode.D2_5);
    if (d2 || d25) {
      planar(roi, dist, d2, d25, w, out);
    }
    if (modes.contains(SpatialMode.D3)) {
      volumetric(roi, dist, w, out);
    }
  }

  /** The feature names of {@link #matrixFeatures}, in order (IBSI names without prefix and suffix). */
  public static String[] matrixFeatureNames() {
    return GlcmMatrixFeatures.NAMES.clone();
  }

  /**
   * The 25 features of one dense co-occurrence count matrix {@code m[(i - 1) * ng + (j - 1)]} (symmetric or not,
   * see {@link GlcmMatrixFeatures}) into {@code f} in {@link #matrixFeatureNames} order, NaN where undefined
   * (correlation, information correlation 1 for a single grey level); returns false (f untouched) when the matrix
   * is empty. Used by the PyRadiomics profile for its angle sets and weightings.
   */
  public static boolean matrixFeatures(double[] m, int ng, double[] f) {
    return GlcmMatrixFeatures.compute(new GlcmMatrixFeatures.CoMatrix(ng), m, f);
  }

  /** 2D and 2.5D: one pass over each slice per in-plane direction. */
  private static void planar(RoiImage roi, int dist, boolean d2, boolean d25, Work w, FeatureVector out) {
    int ng = w.ng;
    int[][] dirs = Directions.scaled(Directions.UNIQUE_2D, dist);
    Mean avg2 = new Mean();
    Mean comb2 = new Mean();
    double[][] perDir = d25 ? new double[dirs.length][ng * ng] : null;
    double[] slice = d2 ? new double[ng * ng] : null;
    double[] sliceComb = d2 ? new double[ng * ng] : null;
    for (int z = 0; z < roi.nz; z++) {
      if (d2) {
        Arrays.fill(sliceComb, 0.0);
      }
      for (int d = 0; d < dirs.length; d++) {
        if (d2) {
          Arrays.fill(slice, 0.0);
          if (accumulate(roi, dirs[d], z, z + 1, slice) > 0) {
            avg2.add(w, slice);
            add(sliceComb, slice);
            if (d25) {
              add(perDir[d], slice);
            }
          }
        } else {
          accumulate(roi, dirs[d], z, z + 1, perDir[d]);
        }
      }
      if (d2) {
        comb2.add(w, sliceComb);
      }
    }
    if (d2) {
      avg2.write(out, "_2D_avg");
      comb2.write(out, "_2D_comb");
    }
    if (d25) {
      Mean avg25 = new Mean();
      Mean comb25 = new Mean();
      double[] all = new double[ng * ng];
      for (double[] m : perDir) {
        avg25.add(w, m);
        add(all, m);
      }
      comb25.add(w, all);
      avg25.write(out, "_2_5D_avg");
      comb25.write(out, "_2_5D_comb");
    }
  }

  /** 3D: one pass over the box per 3D direction. */
  private static void volumetric(RoiImage roi, int dist, Work w, FeatureVector out) {
    int ng = w.ng;
    int[][] dirs = Directions.scaled(Directions.UNIQUE_3D, dist);
    Mean avg = new Mean();
    Mean comb = new Mean();
    double[] m = new double[ng * ng];
    double[] all = new double[ng * ng];
    for (int[] dir : dirs) {
      Arrays.fill(m, 0.0);
      if (accumulate(roi, dir, 0, roi.nz, m) > 0) {
        avg.add(w, m);
        add(all, m);
      }
    }
    comb.add(w, all);
    avg.write(out, "_3D_avg");
    comb.write(out, "_3D_comb");
  }

  /**
   * Adds the symmetric co-occurrences at offset {@code off} of every voxel v with z in [z0, z1) into {@code m};
   * returns the number of pairs counted (each pair adds 2 to the matrix total).
   */
  static long accumulate(RoiImage roi, int[] off, int z0, int z1, double[] m) {
    int nx = roi.nx;
    int ny = roi.ny;
    int nz = roi.nz;
    int ng = roi.nBins;
    int dx = off[0];
    int dy = off[1];
    int dz = off[2];
    int xs = Math.max(0, -dx);
    int xe = Math.min(nx, nx - dx);
    int ys = Math.max(0, -dy);
    int ye = Math.min(ny, ny - dy);
    int zs = Math.max(z0, -dz);
    int ze = Math.min(z1, nz - dz);
    int shift = dx + nx * (dy + ny * dz);
    boolean[] mask = roi.intensityMask;
    int[] bins = roi.bins;
    long pairs = 0;
    for (int z = zs; z < ze; z++) {
      for (int y = ys; y < ye; y++) {
        int base = nx * (y + ny * z);
        for (int x = xs; x < xe; x++) {
          int i = base + x;
          int j = i + shift;
          if (mask[i] && mask[j]) {
            int a = bins[i] - 1;
            int b = bins[j] - 1;
            m[a * ng + b] += 1;
            m[b * ng + a] += 1;
            pairs++;
          }
        }
      }
    }
    return pairs;
  }

  private static void add(double[] into, double[] m) {
    for (int k = 0; k < m.length; k++) {
      into[k] += m[k];
    }
  }

  /** The prepared-matrix buffers (reused for every matrix of the ROI) and the feature output row. */
  private static final class Work {
    final int ng;
    final GlcmMatrixFeatures.CoMatrix cm;
    final double[] f = new double[GlcmMatrixFeatures.NAMES.length];

    Work(int ng) {
      this.ng = ng;
      this.cm = new GlcmMatrixFeatures.CoMatrix(ng);
    }
  }

  /** Running mean of each feature over the non-empty matrices where it is defined. */
  private static final class Mean {
    final double[] sum = new double[GlcmMatrixFeatures.NAMES.length];
    final int[] n = new int[GlcmMatrixFeatures.NAMES.length];
    int matrices;

    void add(Work w, double[] m) {
      if (!GlcmMatrixFeatures.compute(w.cm, m, w.f)) {
        return;
      }
      matrices++;
      for (int k = 0; k < sum.length; k++) {
        if (!Double.isNaN(w.f[k])) {
          sum[k] += w.f[k];
          n[k]++;
        }
      }
    }

    void write(FeatureVector out, String suffix) {
      for (int k = 0; k < sum.length; k++) {
        String name = "cm_" + GlcmMatrixFeatures.NAMES[k] + suffix;
        if (matrices == 0) {
          out.putUndefined(name, NO_PAIRS);
        } else if (n[k] == 0) {
          out.putUndefined(name, GlcmMatrixFeatures.reason(k));
        } else {
          out.put(name, sum[k] / n[k]);
        }
      }
    }
  }
}
