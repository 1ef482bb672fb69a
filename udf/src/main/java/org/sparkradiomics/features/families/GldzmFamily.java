package org.sparkradiomics.features.families;

import java.util.Arrays;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;

/**
 * Grey level distance zone matrix features (IBSI-1 section 3.9, family code VMDZ), tags
 * {@code dzm_<feature>_<variant>}.
 *
 * <p>Zones are those of the size zone matrix ({@link ZoneLabeller}: 8-connectivity within a slice for 2D and 2.5D,
 * 26-connectivity for 3D). The distance of a zone is the minimum, over its voxels, of the voxel's city-block
 * distance to the ROI edge, a voxel on the edge having distance 1 ({@link ZoneLabeller#edgeDistance}: 4-connected
 * within the slice for 2D and 2.5D, 6-connected in 3D). {@code d_ij} counts the zones of grey level {@code i} and
 * distance {@code j}. Variants: {@code _2D} per slice, features averaged over slices (N_v = slice voxels);
 * {@code _2_5D} slice matrices merged; {@code _3D} one 3D matrix (N_v = ROI voxels).
 *
 * <p>Which mask defines the ROI edge: the distance map is computed on the <em>morphological</em> mask
 * ({@link RoiImage#morphMask}), not on the resegmented intensity mask, so voxels removed by resegmentation do not
 * create interior edges (zones next to a removed voxel keep their depth inside the ROI). The digital phantom cannot
 * decide this (both masks are equal); the CT phantom, configuration A, does: resegmentation to [-500, 400] HU leaves
 * 114596 of the 125256 morphological-mask voxels, and with the morphological-mask edge all 32 2D/2.5D dzm reference
 * values are within tolerance, whereas with the intensity-mask edge 20 of 32 are not (every distance-dependent
 * feature, e.g. dzm_sde_2D 0.321 vs 0.192 +- 0.006, dzm_lde_2D 116 vs 161 +- 1). GldzmFamilyTest keeps both
 * checks.
 *
 * <p>Each matrix is prepared once ({@link TextureMatrixFeatures.Prepared}: the sums the features share, one pass over
 * its non-zero cells); each feature is one method below with its formula and IBSI code, listed by
 * {@link #features}. Features, with {@code N_s} the number of zones, {@code d_i.} / {@code d_.j} the marginals and
 * {@code p_ij = d_ij / N_s}:
 *
 * <ul>
 *   <li>{@code dzm_sde}: small distance emphasis {@code (1/N_s) sum_j d_.j / j^2}
 *   <li>{@code dzm_lde}: large distance emphasis {@code (1/N_s) sum_j d_.j j^2}
 *   <li>{@code dzm_lgze}: low grey level zone emphasis {@code (1/N_s) sum_i d_i. / i^2}
 *   <li>{@code dzm_hgze}: high grey level zone emphasis {@code (1/N_s) sum_i d_i. i^2}
 *   <li>{@code dzm_sdlge}: small distance low grey level emphasis {@code (1/N_s) sum_ij d_ij / (i^2 j^2)}
 *   <li>{@code dzm_sdhge}: small distance high grey level emphasis {@code (1/N_s) sum_ij d_ij i^2 / j^2}
 *   <li>{@code dzm_ldlge}: large distance low grey level emphasis {@code (1/N_s) sum_ij d_ij j^2 / i^2}
 *   <li>{@code dzm_ldhge}: large distance high grey level emphasis {@code (1/N_s) sum_ij d_ij i^2 j^2}
 *   <li>{@code dzm_glnu}: grey level non-uniformity {@code (1/N_s) sum_i d_i.^2}
 *   <li>{@code dzm_glnu_norm}: normalised grey level non-uniformity {@code (1/N_s^2) sum_i d_i.^2}
 *   <li>{@code dzm_zdnu}: zone distance non-uniformity {@code (1/N_s) sum_j d_.j^2}
 *   <li>{@code dzm_zdnu_norm}: normalised zone distance non-uniformity {@code (1/N_s^2) sum_j d_.j^2}
 *   <li>{@code dzm_z_perc}: zone percentage {@code N_s / N_v}
 *   <li>{@code dzm_gl_var}: grey level variance {@code sum_ij (i - mu)^2 p_ij}, {@code mu = sum_ij i p_ij}
 *   <li>{@code dzm_zd_var}: zone distance variance {@code sum_ij (j - mu)^2 p_ij}, {@code mu = sum_ij j p_ij}
 *   <li>{@code dzm_zd_entr}: zone distance entropy {@code -sum_ij p_ij log2 p_ij}
 * </ul>
 *
 * <p>Cost: one labelling pass and one two-pass distance transform per connectivity, then one pass over the voxels
 * for the zone distances. An empty ROI yields undefined features.
 */
public final class GldzmFamily implements FeatureFamily {
  /** Feature tag stems, in {@link #features} order. */
  static final String[] FEATURES = {
    "sde", "lde", "lgze", "hgze", "sdlge", "sdhge", "ldlge", "ldhge",
    "glnu", "glnu_norm", "zdnu", "zdnu_norm", "z_perc", "gl_var", "zd_var", "zd_entr"
  };

  private final boolean morphologicalEdge;

  /** The IBSI-1 definition: distances to the edge of the morphological mask. */
  public GldzmFamily() {
    this(true);
  }

  /** @param morphologicalEdge true: edge of the morphological mask (IBSI); false: edge of the intensity mask */
  GldzmFamily(boolean morphologicalEdge) {
    this.morphologicalEdge = morphologicalEdge;
  }

  @Override
  public String name() {
    return "dzm";
  }

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    boolean[] edgeMask = morphologicalEdge ? roi.morphMask : roi.intensityMask;
    GlszmFamily.computeZoneMatrices(roi, settings, out, "dzm", FEATURES, GldzmFamily::features, (zones, planar) ->
        zoneDistances(zones, ZoneLabeller.edgeDistance(edgeMask, roi.nx, roi.ny, roi.nz, planar)));
  }

  /**
   * Distance of each zone: the minimum edge distance over its voxels, at least 1 (a ROI voxel outside the edge mask,
   * which a consistent RoiImage does not have, counts as lying on the edge).
   */
  static int[] zoneDistances(ZoneLabeller.Zones zones, int[] dist) {
    int[] zd = new int[zones.count + 1];
    Arrays.fill(zd, Integer.MAX_VALUE);
    int[] labels = zones.labels;
    for (int v = 0; v < labels.length; v++) {
      int k = labels[v];
      if (k > 0) {
        zd[k] = Math.min(zd[k], Math.max(1, dist[v]));
      }
    }
    return zd;
  }

  /** The features of a non-empty prepared matrix, in {@link #FEATURES} order (one method each). */
  static double[] features(TextureMatrixFeatures.Prepared m) {
    return new double[] {
      smallDistanceEmphasis(m), largeDistanceEmphasis(m), lowGreyLevelZoneEmphasis(m), highGreyLevelZoneEmphasis(m),
      smallDistanceLowGreyLevelEmphasis(m), smallDistanceHighGreyLevelEmphasis(m),
      largeDistanceLowGreyLevelEmphasis(m), largeDistanceHighGreyLevelEmphasis(m), greyLevelNonUniformity(m),
      normalisedGreyLevelNonUniformity(m), zoneDistanceNonUniformity(m), normalisedZoneDistanceNonUniformity(m),
      zonePercentage(m), greyLevelVariance(m), zoneDistanceVariance(m), zoneDistanceEntropy(m)
    };
  }

  /** Small distance emphasis, IBSI 0GBI: {@code (1/N_s) sum_j d_.j / j^2}. Tag {@code dzm_sde}. */
  static double smallDistanceEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.shortEmphasis(m);
  }

  /** Large distance emphasis, IBSI MB4I: {@code (1/N_s) sum_j d_.j j^2}. Tag {@code dzm_lde}. */
  static double largeDistanceEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.longEmphasis(m);
  }

  /** Low grey level zone emphasis, IBSI S1RA: {@code (1/N_s) sum_i d_i. / i^2}. Tag {@code dzm_lgze}. */
  static double lowGreyLevelZoneEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.lowGreyLevelEmphasis(m);
  }

  /** High grey level zone emphasis, IBSI K26C: {@code (1/N_s) sum_i d_i. i^2}. Tag {@code dzm_hgze}. */
  static double highGreyLevelZoneEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.highGreyLevelEmphasis(m);
  }

  /**
   * Small distance low grey level emphasis, IBSI RUVG: {@code (1/N_s) sum_ij d_ij / (i^2 j^2)}.
   * Tag {@code dzm_sdlge}.
   */
  static double smallDistanceLowGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.shortLowGreyLevelEmphasis(m);
  }

  /**
   * Small distance high grey level emphasis, IBSI DKNJ: {@code (1/N_s) sum_ij d_ij i^2 / j^2}.
   * Tag {@code dzm_sdhge}.
   */
  static double smallDistanceHighGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.shortHighGreyLevelEmphasis(m);
  }

  /**
   * Large distance low grey level emphasis, IBSI A7WM: {@code (1/N_s) sum_ij d_ij j^2 / i^2}.
   * Tag {@code dzm_ldlge}.
   */
  static double largeDistanceLowGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.longLowGreyLevelEmphasis(m);
  }

  /** Large distance high grey level emphasis, IBSI KLTH: {@code (1/N_s) sum_ij d_ij i^2 j^2}. Tag {@code dzm_ldhge}. */
  static double largeDistanceHighGreyLevelEmphasis(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.longHighGreyLevelEmphasis(m);
  }

  /** Grey level non-uniformity, IBSI VFT7: {@code (1/N_s) sum_i d_i.^2}. Tag {@code dzm_glnu}. */
  static double greyLevelNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.greyLevelNonUniformity(m);
  }

  /** Normalised grey level non-uniformity, IBSI 7HP3: {@code (1/N_s^2) sum_i d_i.^2}. Tag {@code dzm_glnu_norm}. */
  static double normalisedGreyLevelNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.normalisedGreyLevelNonUniformity(m);
  }

  /** Zone distance non-uniformity, IBSI V294: {@code (1/N_s) sum_j d_.j^2}. Tag {@code dzm_zdnu}. */
  static double zoneDistanceNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.extentNonUniformity(m);
  }

  /** Normalised zone distance non-uniformity, IBSI IATH: {@code (1/N_s^2) sum_j d_.j^2}. Tag {@code dzm_zdnu_norm}. */
  static double normalisedZoneDistanceNonUniformity(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.normalisedExtentNonUniformity(m);
  }

  /** Zone percentage, IBSI VIWW: {@code N_s / N_v}. Tag {@code dzm_z_perc}. */
  static double zonePercentage(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.percentage(m);
  }

  /** Grey level variance, IBSI QK93: {@code sum_ij (i - mu)^2 p_ij, mu = sum_ij i p_ij}. Tag {@code dzm_gl_var}. */
  static double greyLevelVariance(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.greyLevelVariance(m);
  }

  /** Zone distance variance, IBSI 7WT1: {@code sum_ij (j - mu)^2 p_ij, mu = sum_ij j p_ij}. Tag {@code dzm_zd_var}. */
  static double zoneDistanceVariance(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.extentVariance(m);
  }

  /** Zone distance entropy, IBSI GBDU: {@code -sum_ij p_ij log2 p_ij}. Tag {@code dzm_zd_entr}. */
  static double zoneDistanceEntropy(TextureMatrixFeatures.Prepared m) {
    return TextureMatrixFeatures.entropy(m);
  }
}
