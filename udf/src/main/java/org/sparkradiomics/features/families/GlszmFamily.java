package org.sparkradiomics.features.families;

import java.util.Set;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;

/**
 * Grey level size zone matrix features (IBSI-1 section 3.8, family code 9SAK), tags {@code szm_<feature>_<variant>}.
 *
 * <p>A zone is a connected group of ROI voxels with the same grey level ({@link ZoneLabeller}: 8-connectivity within a
 * slice for 2D and 2.5D, 26-connectivity for 3D). {@code s_ij} counts the zones of grey level {@code i} and size
 * (voxel count) {@code j}. Variants: {@code _2D} one matrix per slice, features averaged over the slices that hold
 * ROI voxels (N_v = slice voxels); {@code _2_5D} the slice matrices merged (N_v = ROI voxels); {@code _3D} one 3D
 * matrix (N_v = ROI voxels).
 *
 * <p>Each matrix is prepared once ({@link TextureMatrixFeatures.Prepared}: the sums the features share, one pass over
 * its non-zero cells); each feature is one method below with its formula and IBSI code, listed by
 * {@link #features}. Features, with {@code N_s} the number of zones, {@code s_i.} / {@code s_.j} the marginals and
 * {@code p_ij = s_ij / N_s}:
 *
 * <ul>
 *   <li>{@code szm_sze}: small zone emphasis {@code (1/N_s) sum_j s_.j / j^2}
 *   <li>{@code szm_lze}: large zone emphasis {@code (1/N_s) sum_j s_.j j^2}
 *   <li>{@code szm_lgze}: low grey level zone emphasis {@code (1/N_s) sum_i s_i. / i^2}
 *   <li>{@code szm_hgze}: high grey level zone emphasis {@code (1/N_s) sum_i s_i. i^2}
 *   <li>{@code szm_szlge}: small zone low grey level emphasis {@code (1/N_s) sum_ij s_ij / (i^2 j^2)}
 *   <li>{@code szm_szhge}: small zone high grey level emphasis {@code (1/N_s) sum_ij s_ij i^2 / j^2}
 *   <li>{@code szm_lzlge}: large zone low grey level emphasis {@code (1/N_s) sum_ij s_ij j^2 / i^2}
 *   <li>{@code szm_lzhge}: large zone high grey level emphasis {@code (1/N_s) sum_ij s_ij i^2 j^2}
 *   <li>{@code szm_glnu}: grey level non-uniformity {@code (1/N_s) sum_i s_i.^2}
 *   <li>{@code szm_glnu_norm}: normalised grey level non-uniformity {@code (1/N_s^2) sum_i s_i.^2}
 *   <li>{@code szm_zsnu}: zone size non-uniformity {@code (1/N_s) sum_j s_.j^2}
 *   <li>{@code szm_zsnu_norm}: normalised zone size non-uniformity {@code (1/N_s^2) sum_j s_.j^2}
 *   <li>{@code szm_z_perc}: zone percentage {@code N_s / N_v}
 *   <li>{@code szm_gl_var}: grey level variance {@code sum_ij (i - mu)^2 p_ij}, {@code mu = sum_ij i p_ij}
 *   <li>{@code szm_zs_var}: zone size variance {@code sum_ij (j - mu)^2 p_ij}, {@code mu = sum_ij j p_ij}
 *   <li>{@code szm_zs_entr}: zone size entropy {@code -sum_ij p_ij log2 p_ij}
 * </ul>
 *
 * <p>Cost: one labelling pass per connectivity (planar, 3D); the matrix is kept sparse (one sortable key per zone),
 * so large zones cost no dense {@code N_g x N_v} matrix. An empty ROI yields undefined features.
 */
public final class GlszmFamily implements FeatureFamily {
  /** Feature tag stems, in {@link #features} order. */
  static final String[] FEATURES = {
    "sze", "lze", "lgze", "hgze", "szlge", "szhge", "lzlge", "lzhge",
    "glnu", "glnu_norm", "zsnu", "zsnu_norm", "z_perc", "gl_var", "zs_var", "zs_entr"
  };

  public GlszmFamily() {}

  @Override
  public String name() {
    return "szm";
  }

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    computeZoneMatrices(roi, settings, out, "szm", FEATURES, GlszmFamily::features, (zones, planar) -> zones.size);
  }

  /** The second index of a zone matrix: one value per zone (index = zone label), for planar or 3D zones. */
  interface ZoneExtent {
    int[] of(ZoneLabeller.Zones zones, boolean planar);
  }

  /**
   * The zone-matrix families (GLSZM, GLDZM): labels the zones of the intensity-mask grey levels (planar zones for 2D
   * and 2.5D, 3D zones for 3D), builds one sparse matrix entry (grey level, {@code extent}) per zone, prepares each
   * matrix once and writes the features of {@code row} (the family's per-feature methods, {@code names} order) under
   * {@code prefix_name_mode}; an empty ROI makes every feature undefined.
   */
  static void computeZoneMatrices(RoiImage roi, FeatureSettings settings, FeatureVector out, String prefix,
      String[] names, TextureMatrixFeatures.Row row, ZoneExtent extent) {
    Set<SpatialMode> modes = settings.textureModes();
    int n = roi.bins.length;
    int total = 0;
    for (int v = 0; v < n; v++) {
      if (roi.bins[v] > 0) {
        total++;
      }
    }
    if (total == 0) {
      TextureFamilySupport.writeEmpty(out, prefix, names, modes);
      return;
    }
    if (modes.contains(SpatialMode.D2) || modes.contains(SpatialMode.D2_5)) {
      ZoneLabeller.Zones zones = ZoneLabeller.label(roi.bins, roi.nx, roi.ny, roi.nz, true);
      long[] keys = keys(zones, extent.of(zones, true));
      writeSliceModes(out, prefix, names, row, modes, keys, zones, roi, total);
    }
    if (modes.contains(SpatialMode.D3)) {
      ZoneLabeller.Zones zones = ZoneLabeller.label(roi.bins, roi.nx, roi.ny, roi.nz, false);
      long[] keys = keys(zones, extent.of(zones, false));
      double[] volume = TextureMatrixFeatures.fromKeys(keys, 0, keys.length, total, row);
      write(out, prefix, names, SpatialMode.D3.tag(), volume);
    }
  }

  /** One key (grey level, extent[k]) per zone k, in zone order. */
  static long[] keys(ZoneLabeller.Zones zones, int[] extent) {
    long[] keys = new long[zones.count];
    for (int k = 1; k <= zones.count; k++) {
      keys[k - 1] = TextureMatrixFeatures.key(zones.level[k], extent[k]);
    }
    return keys;
  }

  /**
   * Writes the 2D (per-slice matrices, features averaged over slices) and 2.5D (slice matrices merged) variants from
   * planar zones; {@code keys} (one per zone, in zone order) are reordered.
   */
  static void writeSliceModes(FeatureVector out, String prefix, String[] names, TextureMatrixFeatures.Row row,
      Set<SpatialMode> modes, long[] keys, ZoneLabeller.Zones zones, RoiImage roi, int total) {
    int nxy = roi.nx * roi.ny;
    if (modes.contains(SpatialMode.D2)) {
      int[] sliceCount = new int[roi.nz];
      for (int v = 0; v < roi.bins.length; v++) {
        if (roi.bins[v] > 0) {
          sliceCount[v / nxy]++;
        }
      }
      // Planar zones are numbered in raster order of their first voxel, hence grouped by slice.
      TextureMatrixFeatures.Mean mean = new TextureMatrixFeatures.Mean();
      int k = 0;
      while (k < zones.count) {
        int z = zones.seed[k + 1] / nxy;
        int e = k + 1;
        while (e < zones.count && zones.seed[e + 1] / nxy == z) {
          e++;
        }
        mean.add(TextureMatrixFeatures.fromKeys(keys, k, e, sliceCount[z], row));
        k = e;
      }
      write(out, prefix, names, SpatialMode.D2.tag(), mean.mean());
    }
    if (modes.contains(SpatialMode.D2_5)) {
      double[] merged = TextureMatrixFeatures.fromKeys(keys, 0, keys.length, total, row);
      write(out, prefix, names, SpatialMode.D2_5.tag(), merged);
    }
  }

  static void write(FeatureVector out, String prefix, String[] names, String tag, double[] f) {
    for (int k = 0; k < names.length; k++) {
      out.put(prefix + "_" + names[k] + "_" + tag, f[k]);
    }
  }

  /** The features of a non-empty prepared matrix, in {@link #FEATURES} order (one method each). */
  static double[] features(TextureMatrixFeatures.Prepared m) {
    return new double[] {
      smallZoneEmphasis(m), largeZoneEmphasis(m), lowGreyLevelZoneEmphasis(m), highGreyLevelZoneEmphasis(m),
      smallZoneLowGreyLevelEmphasis(m), smallZoneHighGreyLevelEmphasis(m), largeZoneLowGreyLevelEmphasis(m),
      largeZoneHighGreyLevelEmphasis(m), greyLevelNonUniformity(m), normalisedGreyLevelNonUniformity(m),
      zoneSizeNonUniformity(m), normalisedZoneSizeNonUniformity(m), zonePercentage(m), greyLevelVariance(m),
      zoneSizeVariance(m), zoneSizeEntropy(m)
    };
  }

  /** Small zone emphasis, IBSI 5QRC: {@code (1/N_s) sum_j s_.j / j^2}. Tag {@code szm_sze}. */
  static double smallZoneEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.shortEmphasis(m);
  }

  /** Large zone emphasis, IBSI 48P8: {@code (1/N_s) sum_j s_.j j^2}. Tag {@code szm_lze}. */
  static double largeZoneEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.longEmphasis(m);
  }

  /** Low grey level zone emphasis, IBSI XMSY: {@code (1/N_s) sum_i s_i. / i^2}. Tag {@code szm_lgze}. */
  static double lowGreyLevelZoneEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.lowGreyLevelEmphasis(m);
  }

  /** High grey level zone emphasis, IBSI 5GN9: {@code (1/N_s) sum_i s_i. i^2}. Tag {@code szm_hgze}. */
  static double highGreyLevelZoneEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.highGreyLevelEmphasis(m);
  }

  /** Small zone low grey level emphasis, IBSI 5RAI: {@code (1/N_s) sum_ij s_ij / (i^2 j^2)}. Tag {@code szm_szlge}. */
  static double smallZoneLowGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.shortLowGreyLevelEmphasis(m);
  }

  /** Small zone high grey level emphasis, IBSI HW1V: {@code (1/N_s) sum_ij s_ij i^2 / j^2}. Tag {@code szm_szhge}. */
  static double smallZoneHighGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.shortHighGreyLevelEmphasis(m);
  }

  /** Large zone low grey level emphasis, IBSI YH51: {@code (1/N_s) sum_ij s_ij j^2 / i^2}. Tag {@code szm_lzlge}. */
  static double largeZoneLowGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.longLowGreyLevelEmphasis(m);
  }

  /** Large zone high grey level emphasis, IBSI J17V: {@code (1/N_s) sum_ij s_ij i^2 j^2}. Tag {@code szm_lzhge}. */
  static double largeZoneHighGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.longHighGreyLevelEmphasis(m);
  }

  /** Grey level non-uniformity, IBSI JNSA: {@code (1/N_s) sum_i s_i.^2}. Tag {@code szm_glnu}. */
  static double greyLevelNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.greyLevelNonUniformity(m);
  }

  /** Normalised grey level non-uniformity, IBSI Y1RO: {@code (1/N_s^2) sum_i s_i.^2}. Tag {@code szm_glnu_norm}. */
  static double normalisedGreyLevelNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.normalisedGreyLevelNonUniformity(m);
  }

  /** Zone size non-uniformity, IBSI 4JP3: {@code (1/N_s) sum_j s_.j^2}. Tag {@code szm_zsnu}. */
  static double zoneSizeNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.extentNonUniformity(m);
  }

  /** Normalised zone size non-uniformity, IBSI VB3A: {@code (1/N_s^2) sum_j s_.j^2}. Tag {@code szm_zsnu_norm}. */
  static double normalisedZoneSizeNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.normalisedExtentNonUniformity(m);
  }

  /** Zone percentage, IBSI P30P: {@code N_s / N_v}. Tag {@code szm_z_perc}. */
  static double zonePercentage(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.percentage(m);
  }

  /** Grey level variance, IBSI BYLV: {@code sum_ij (i - mu)^2 p_ij, mu = sum_ij i p_ij}. Tag {@code szm_gl_var}. */
  static double greyLevelVariance(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.greyLevelVariance(m);
  }

  /** Zone size variance, IBSI 3NSA: {@code sum_ij (j - mu)^2 p_ij, mu = sum_ij j p_ij}. Tag {@code szm_zs_var}. */
  static double zoneSizeVariance(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.extentVariance(m);
  }

  /** Zone size entropy, IBSI GU8N: {@code -sum_ij p_ij log2 p_ij}. Tag {@code szm_zs_entr}. */
  static double zoneSizeEntropy(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.entropy(m);
  }
}
