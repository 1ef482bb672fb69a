package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkradiomics.testing.TestRois.roi;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.testing.IbsiReference;
import org.sparkradiomics.testing.TestRois;

class GlcmFamilyTest {
  private static final double EPS = 1e-12;
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  private static FeatureVector compute(RoiImage roi, int distance, SpatialMode... modes) {
    FeatureSettings s = FeatureSettings.builder().textureModes(modes).textureDistance(distance).build();
    return TestRois.compute(new GlcmFamily(), roi, s);
  }

  private static FeatureVector all(RoiImage roi) {
    return compute(roi, 1, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3);
  }

  @Test
  void digitalPhantomMatchesEveryIbsiReferenceValue() {
    FeatureVector fv = IbsiReference.assertDigitalPhantom(new GlcmFamily(), "cm_", 150);
    assertEquals(GlcmFamily.featureNames(EnumSet.allOf(SpatialMode.class)), List.copyOf(fv.values().keySet()));
  }

  /** Expected features of {{.5, 0}, {0, .5}}: grey levels 1-1 and 2-2 only (hand computation in the test). */
  private static Map<String, Double> diagonal() {
    Map<String, Double> e = new LinkedHashMap<>();
    e.put("joint_max", .5);
    e.put("joint_avg", 1.5);
    e.put("joint_var", .25);
    e.put("joint_entr", 1.0);
    e.put("diff_avg", 0.0);
    e.put("diff_var", 0.0);
    e.put("diff_entr", 0.0);
    e.put("sum_avg", 3.0);
    e.put("sum_var", 1.0);
    e.put("sum_entr", 1.0);
    e.put("energy", .5);
    e.put("contrast", 0.0);
    e.put("dissimilarity", 0.0);
    e.put("inv_diff", 1.0);
    e.put("inv_diff_norm", 1.0);
    e.put("inv_diff_mom", 1.0);
    e.put("inv_diff_mom_norm", 1.0);
    e.put("inv_var", 0.0);
    e.put("corr", 1.0);
    e.put("auto_corr", 2.5);
    e.put("clust_tend", 1.0);
    e.put("clust_shade", 0.0);
    e.put("clust_prom", 1.0);
    e.put("info_corr1", -1.0);
    e.put("info_corr2", Math.sqrt(1 - Math.exp(-2.0)));
    return e;
  }

  /** Expected features of {{0, .5}, {.5, 0}}: grey levels 1-2 only (hand computation in the test). */
  private static Map<String, Double> offDiagonal() {
    Map<String, Double> e = new LinkedHashMap<>();
    e.put("joint_max", .5);
    e.put("joint_avg", 1.5);
    e.put("joint_var", .25);
    e.put("joint_entr", 1.0);
    e.put("diff_avg", 1.0);
    e.put("diff_var", 0.0);
    e.put("diff_entr", 0.0);
    e.put("sum_avg", 3.0);
    e.put("sum_var", 0.0);
    e.put("sum_entr", 0.0);
    e.put("energy", .5);
    e.put("contrast", 1.0);
    e.put("dissimilarity", 1.0);
    e.put("inv_diff", .5);
    e.put("inv_diff_norm", 2.0 / 3.0);
    e.put("inv_diff_mom", .5);
    e.put("inv_diff_mom_norm", .8);
    e.put("inv_var", 1.0);
    e.put("corr", -1.0);
    e.put("auto_corr", 2.0);
    e.put("clust_tend", 0.0);
    e.put("clust_shade", 0.0);
    e.put("clust_prom", 0.0);
    e.put("info_corr1", -1.0);
    e.put("info_corr2", Math.sqrt(1 - Math.exp(-2.0)));
    return e;
  }

  @Test
  void handComputedTwoByTwoSlice() {
    // 2x2x1 ROI, N_g = 2, grey levels (x across, y down):
    //   y=0: 1 1
    //   y=1: 2 2
    // Symmetric counts per in-plane direction (both orders counted):
    //   0°   (1,0):  pairs (1,1) and (2,2)          -> M = [[2,0],[0,2]], P = [[.5,0],[0,.5]]  ("diagonal")
    //   45°  (1,1):  (0,0)->(1,1): 1-2              -> M = [[0,1],[1,0]], P = [[0,.5],[.5,0]]  ("off-diagonal")
    //   90°  (0,1):  1-2 twice                      -> M = [[0,2],[2,0]], same P
    //   135° (-1,1): (1,0)->(0,1): 1-2              -> M = [[0,1],[1,0]], same P
    // Diagonal P: p_x = (.5,.5), mu = 1.5, sigma^2 = .25; p_(x-y)(0) = 1; p_(x+y)(2) = p_(x+y)(4) = .5:
    //   joint_max .5, joint_entr 1, sum_avg 3, sum_var 1, sum_entr 1, energy .5, contrast 0, all inverse
    //   differences 1, inv_var 0, corr = sum (i-1.5)(j-1.5)p / .25 = (.25*.5 + .25*.5)/.25 = 1,
    //   auto_corr = 1*.5 + 4*.5 = 2.5, (i+j-3) = -1, +1: clust_tend 1, shade 0, prom 1;
    //   HX = 1, HXY = 1, HXY1 = -sum p log2(.25) = 2, HXY2 = -4 * .25 log2 .25 = 2:
    //   info_corr1 = (1 - 2)/1 = -1, info_corr2 = sqrt(1 - e^(-2 (2 - 1))).
    // Off-diagonal P: p_(x-y)(1) = 1, p_(x+y)(3) = 1: diff_avg 1, contrast 1, dissimilarity 1, inv_diff .5,
    //   inv_diff_norm 1/(1 + 1/2) = 2/3, inv_diff_mom .5, inv_diff_mom_norm 1/(1 + 1/4) = .8, inv_var 1,
    //   corr = 2 * (-.5)(.5)(.5) / .25 = -1, auto_corr = 2 * 2 * .5 = 2, clust_* 0 (i+j-3 = 0),
    //   info_corr1 = -1, info_corr2 as above.
    // 2D avg = mean over the 4 matrices = (diagonal + 3 * offDiagonal) / 4.
    RoiImage r = roi(2, 2, 1, new int[] {1, 1, 2, 2}, 2);
    FeatureVector fv = all(r);
    Map<String, Double> dg = diagonal();
    Map<String, Double> od = offDiagonal();
    for (String f : GlcmMatrixFeatures.NAMES) {
      double avg = (dg.get(f) + 3 * od.get(f)) / 4;
      assertEquals(avg, fv.get("cm_" + f + "_2D_avg"), EPS, f + "_2D_avg");
      // One slice: 2.5D = 2D. 3D: the 9 through-plane directions find no pairs, so they are left out: 3D = 2D.
      assertEquals(avg, fv.get("cm_" + f + "_2_5D_avg"), EPS, f + "_2_5D_avg");
      assertEquals(avg, fv.get("cm_" + f + "_3D_avg"), EPS, f + "_3D_avg");
    }
    // Merged (comb): M = [[2,4],[4,2]], total 12, P = [[1/6,1/3],[1/3,1/6]]; p_x = (.5,.5), mu 1.5, var .25.
    //   joint_max 1/3; joint_entr = 2(1/6)log2 6 + 2(1/3)log2 3 = (1/3)(1 + log2 3) + (2/3)log2 3 = 1/3 + log2 3;
    //   p_(x-y) = (1/3, 2/3): diff_avg 2/3, diff_var = (1/3)(4/9) + (2/3)(1/9) = 2/9,
    //   diff_entr = (1/3)log2 3 + (2/3)log2(3/2) = log2 3 - 2/3;
    //   p_(x+y)(2,3,4) = (1/6, 2/3, 1/6): sum_avg 3, sum_var 1/3, sum_entr = (1/3)log2 6 + (2/3)log2(3/2)
    //   = log2 3 - 1/3; energy = 2/36 + 2/9 = 5/18; contrast = dissimilarity = 2/3; inv_diff = 1/3 + 1/3;
    //   inv_diff_norm = 1/3 + (2/3)/1.5 = 7/9; inv_diff_mom = 2/3; inv_diff_mom_norm = 1/3 + (2/3)/1.25 = 13/15;
    //   inv_var 2/3; corr = (2(.25)(1/6) - 2(.25)(1/3))/.25 = -1/3; auto_corr = 1/6 + 4/6 + 4/3 = 13/6;
    //   clust_tend = prom = 2/6 = 1/3, shade 0; HX = 1, HXY1 = HXY2 = 2:
    //   info_corr1 = HXY - 2, info_corr2 = sqrt(1 - e^(-2 (2 - HXY))).
    double hxy = 1.0 / 3 + LOG2_3;
    double[] comb = {1.0 / 3, 1.5, .25, hxy, 2.0 / 3, 2.0 / 9, LOG2_3 - 2.0 / 3, 3, 1.0 / 3, LOG2_3 - 1.0 / 3,
      5.0 / 18, 2.0 / 3, 2.0 / 3, 2.0 / 3, 7.0 / 9, 2.0 / 3, 13.0 / 15, 2.0 / 3, -1.0 / 3, 13.0 / 6, 1.0 / 3, 0,
      1.0 / 3, hxy - 2, Math.sqrt(1 - Math.exp(-2 * (2 - hxy)))};
    for (int k = 0; k < comb.length; k++) {
      String f = GlcmMatrixFeatures.NAMES[k];
      assertEquals(comb[k], fv.get("cm_" + f + "_2D_comb"), EPS, f + "_2D_comb");
      assertEquals(comb[k], fv.get("cm_" + f + "_2_5D_comb"), EPS, f + "_2_5D_comb");
      assertEquals(comb[k], fv.get("cm_" + f + "_3D_comb"), EPS, f + "_3D_comb");
    }
  }

  @Test
  void throughPlaneNeighboursAndSliceAggregation() {
    // 1x1x2 column: level 1 above level 2. In-plane there are no pairs: 2D and 2.5D undefined (no pairs).
    // 3D: only direction (0,0,1) has a pair: M = [[0,1],[1,0]] -> the off-diagonal matrix, avg = comb.
    FeatureVector fv = all(roi(1, 1, 2, new int[] {1, 2}, 2));
    Map<String, Double> od = offDiagonal();
    for (String f : GlcmMatrixFeatures.NAMES) {
      assertEquals(od.get(f), fv.get("cm_" + f + "_3D_avg"), EPS, f);
      assertEquals(od.get(f), fv.get("cm_" + f + "_3D_comb"), EPS, f);
      assertNull(fv.get("cm_" + f + "_2D_avg"));
      assertTrue(fv.undefinedReason("cm_" + f + "_2_5D_comb").contains("no pair"));
    }
  }

  @Test
  void twoSlicesAverageAndMergeDifferently() {
    // Two 2x1 slices: z=0: [1 1] -> 0° matrix [[2,0],[0,0]] (single level); z=1: [1 2] -> [[0,1],[1,0]].
    // Other in-plane directions have no pairs. 2D avg (2 matrices): joint_max (1 + .5)/2 = .75;
    // corr is undefined on slice 0 (single grey level) so it averages over slice 1 only: -1.
    // 2.5D (one direction): merged M = [[2,1],[1,0]], total 4, P = [[.5,.25],[.25,0]]: joint_max .5,
    // joint_avg = 1(.75) + 2(.25) = 1.25, contrast = 2 * .25 = .5.
    FeatureVector fv = compute(roi(2, 1, 2, new int[] {1, 1, 1, 2}, 2), 1, SpatialMode.D2, SpatialMode.D2_5);
    assertEquals(.75, fv.get("cm_joint_max_2D_avg"), EPS);
    assertEquals(.75, fv.get("cm_joint_max_2D_comb"), EPS);
    assertEquals(-1.0, fv.get("cm_corr_2D_avg"), EPS);
    assertEquals(.5, fv.get("cm_joint_max_2_5D_avg"), EPS);
    assertEquals(.5, fv.get("cm_joint_max_2_5D_comb"), EPS);
    assertEquals(1.25, fv.get("cm_joint_avg_2_5D_comb"), EPS);
    assertEquals(.5, fv.get("cm_contrast_2_5D_avg"), EPS);
    assertEquals(4 * 25, fv.values().size()); // 2D and 2.5D, avg and comb; no 3D features when not requested
    // 2.5D alone accumulates the direction matrices without per-slice matrices: same values.
    FeatureVector only25 = compute(roi(2, 1, 2, new int[] {1, 1, 1, 2}, 2), 1, SpatialMode.D2_5);
    assertEquals(2 * 25, only25.values().size());
    for (String f : GlcmMatrixFeatures.NAMES) {
      for (String agg : new String[] {"_2_5D_avg", "_2_5D_comb"}) {
        assertEquals(fv.get("cm_" + f + agg), only25.get("cm_" + f + agg), "cm_" + f + agg);
      }
    }
  }

  @Test
  void distanceScalesTheOffsets() {
    // 3x1x1 row [1 2 1], distance 2: only 0° at offset (2,0,0) pairs x=0 with x=2: levels 1-1 -> M = [[2,0],[0,0]].
    // Single grey level: joint_max 1, energy 1, joint_entr 0, contrast 0, info_corr2 = sqrt(1 - e^0) = 0;
    // corr and info_corr1 are undefined (zero variance / zero HX), with reasons.
    FeatureVector fv = compute(roi(3, 1, 1, new int[] {1, 2, 1}, 2), 2, SpatialMode.D2);
    assertEquals(1.0, fv.get("cm_joint_max_2D_avg"), EPS);
    assertEquals(1.0, fv.get("cm_energy_2D_avg"), EPS);
    assertEquals(0.0, fv.get("cm_joint_entr_2D_avg"), EPS);
    assertEquals(0.0, fv.get("cm_contrast_2D_avg"), EPS);
    assertEquals(0.0, fv.get("cm_info_corr2_2D_avg"), EPS);
    assertEquals(1.0, fv.get("cm_joint_avg_2D_avg"), EPS);
    assertNull(fv.get("cm_corr_2D_avg"));
    assertTrue(fv.undefinedReason("cm_corr_2D_avg").contains("single grey level"));
    assertNull(fv.get("cm_info_corr1_2D_comb"));
    assertTrue(fv.undefinedReason("cm_info_corr1_2D_comb").contains("HX"));
    // At distance 1 the same row has 1-2 and 2-1 pairs instead: contrast 1.
    FeatureVector d1 = compute(roi(3, 1, 1, new int[] {1, 2, 1}, 2), 1, SpatialMode.D2);
    assertEquals(1.0, d1.get("cm_contrast_2D_avg"), EPS);
  }

  @Test
  void singleVoxelAndEmptyMaskAreUndefinedWithoutThrowing() {
    FeatureVector one = all(roi(1, 1, 1, new int[] {1}, 1));
    List<String> names = GlcmFamily.featureNames(EnumSet.allOf(SpatialMode.class));
    assertEquals(names.size(), one.size());
    for (String n : names) {
      assertNull(one.get(n));
      assertTrue(one.undefinedReason(n).contains("no pair"), n);
    }
    FeatureVector empty = all(roi(2, 1, 1, new int[] {0, 0}, 0));
    for (String n : names) {
      assertNull(empty.get(n));
      assertEquals("empty intensity mask", empty.undefinedReason(n));
    }
  }

  @Test
  void tooManyGreyLevelsAreRefusedWithAReason() {
    // Two voxels at levels 1 and 2000 of N_g = 2000 (> 1024): a dense 2000^2 matrix set is refused.
    FeatureVector fv = compute(roi(2, 1, 1, new int[] {1, 2000}, 2000), 1, SpatialMode.D3);
    assertNull(fv.get("cm_contrast_3D_comb"));
    assertTrue(fv.undefinedReason("cm_contrast_3D_comb").contains("too many grey levels"));
    // At N_g = 1024 it is computed: one 1-1024 pair, contrast = 1023^2.
    FeatureVector ok = compute(roi(2, 1, 1, new int[] {1, 1024}, 1024), 1, SpatialMode.D3);
    assertEquals(1023.0 * 1023.0, ok.get("cm_contrast_3D_comb"), EPS);
  }

  @Test
  void singleGreyLevelRoiDefinesAllButCorrelations() {
    // 2x2x2 cube, all level 1 of N_g = 1: every matrix is [[c]] -> P = [[1]].
    FeatureVector fv = all(roi(2, 2, 2, new int[] {1, 1, 1, 1, 1, 1, 1, 1}, 1));
    for (String n : GlcmFamily.featureNames(EnumSet.allOf(SpatialMode.class))) {
      if (n.startsWith("cm_corr_") || n.startsWith("cm_info_corr1_")) {
        assertNull(fv.get(n), n);
      } else {
        assertNotNull(fv.get(n), n + ": " + fv.undefinedReason(n));
      }
    }
    assertEquals(1.0, fv.get("cm_joint_max_3D_comb"), EPS);
    assertEquals(1.0, fv.get("cm_auto_corr_3D_avg"), EPS);
    assertEquals(0.0, fv.get("cm_info_corr2_2_5D_avg"), EPS);
  }

  @Test
  void ctPhantomConfigurationA() {
    // Configuration A: 2D + 2.5D, no interpolation, resegmentation [-500, 400] HU, FBS 25 HU from -500.
    IbsiReference.assertCtPhantom(new GlcmFamily(), "A", "cm_", 100);
  }
}
