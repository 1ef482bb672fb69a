package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparkradiomics.testing.TestRois.allModes;
import static org.sparkradiomics.testing.TestRois.roi;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.testing.DigitalPhantom;
import org.sparkradiomics.testing.IbsiReference;
import org.sparkradiomics.testing.TestRois;

class GlrlmFamilyTest {
  private static final double EPS = 1e-9;

  private static FeatureVector run(RoiImage roi, FeatureSettings s) {
    return TestRois.compute(new GlrlmFamily(), roi, s);
  }

  @Test
  void nameAndFeatureCount() {
    assertEquals("rlm", new GlrlmFamily().name());
    FeatureVector out = run(DigitalPhantom.roi(), allModes());
    assertEquals(6 * 16, out.size());
  }

  @Test
  void digitalPhantomMatchesEveryIbsiReferenceValue() {
    IbsiReference.assertDigitalPhantom(new GlrlmFamily(), "rlm_", 96);
  }

  @Test
  void ctPhantomConfigurationAWithinTolerance() {
    RoiImage roi = IbsiReference.ctPhantom("A");
    assertEquals(114596, roi.intensityMaskCount()); // int_mask_vox_count_reseg_roi
    assertEquals(125256, roi.morphMaskCount()); // morph_mask_vox_count_reseg_roi
    IbsiReference.assertCtPhantom(new GlrlmFamily(), "A", "rlm_", 64);
  }

  /**
   * One direction on a 3x3 slice, matrix by hand.
   *
   * <pre>
   * y=0: 1 1 2
   * y=1: 1 2 2
   * y=2: 3 3 3
   * </pre>
   *
   * Along x (0°) the runs are (g1,len2) (g2,len1) | (g1,len1) (g2,len2) | (g3,len3): r(1,1)=r(1,2)=r(2,1)=r(2,2)=
   * r(3,3)=1, N_s=5, N_v=9; marginals r_i. = (2,2,1), r_.j = (2,2,1).
   * sre = (2/1 + 2/4 + 1/9)/5 = 0.5222222; lre = (2 + 8 + 9)/5 = 3.8; lgre = 0.5222222; hgre = 3.8;
   * srlge = (1 + 1/4 + 1/4 + 1/16 + 1/81)/5 = 0.3149691; srhge = (1 + 1/4 + 4 + 1 + 1)/5 = 1.45;
   * lrlge = (1 + 4 + 1/4 + 1 + 1)/5 = 1.45; lrhge = (1 + 4 + 4 + 16 + 81)/5 = 21.2;
   * glnu = (4+4+1)/5 = 1.8; glnu_norm = 9/25 = 0.36; rlnu = 1.8; rlnu_norm = 0.36; r_perc = 5/9;
   * gl_var = (1+1+4+4+9)/5 - 1.8^2 = 0.56; rl_var = 0.56; rl_entr = log2 5 = 2.3219281.
   */
  @Test
  void singleDirectionMatrixByHand() {
    int[] bins = {1, 1, 2, 1, 2, 2, 3, 3, 3};
    double[] m = new double[3 * 3];
    GlrlmFamily.countRuns(bins, 3, 3, 1, new int[] {1, 0, 0}, 0, 1, m, 3);
    assertArrayEquals(new double[] {1, 1, 0, 1, 1, 0, 0, 0, 1}, m, 0);
    double[] f = TextureMatrixFeatures.fromDense(m, 3, 3, 9);
    double[] expected = {0.5222222222, 3.8, 0.5222222222, 3.8, 0.3149691358, 1.45, 1.45, 21.2, 1.8, 0.36, 1.8,
        0.36, 5.0 / 9, 0.56, 0.56, 2.3219280949};
    assertArrayEquals(expected, f, 1e-9);
  }

  /**
   * All variants on one 2x2 slice, by hand.
   *
   * <pre>
   * y=0: 1 2
   * y=1: 1 2
   * </pre>
   *
   * 0°, 45° and 135°: every voxel is a run of length 1: r = {g1: [2, 0], g2: [2, 0]} (N_s = 4). 90°: the two columns:
   * r = {g1: [0, 1], g2: [0, 1]} (N_s = 2). N_v = 4.
   * Matrix A (0°/45°/135°): sre 1, lre 1, r_perc 1, rlnu 16/4 = 4, glnu (4+4)/4 = 2, rl_var 0, entropy 1.
   * Matrix B (90°): sre 1/4, lre 4, r_perc 2/4 = 0.5, rlnu 4/2 = 2, glnu (1+1)/2 = 1, rl_var 0, entropy 1.
   * 2D avg = 2.5D avg (one slice) = mean(A, A, A, B): sre 3.25/4 = 0.8125, lre 7/4 = 1.75, r_perc 3.5/4 = 0.875,
   * rlnu 14/4 = 3.5, glnu 7/4 = 1.75.
   * 2D comb = 2.5D comb: r = {g1: [6, 1], g2: [6, 1]}, N_s = 14, N_v = 4 x 4 = 16: sre (12 + 2/4)/14 = 0.8928571,
   * lre (12 + 8)/14 = 1.4285714, r_perc 14/16 = 0.875, rlnu (144 + 4)/14 = 10.5714286, rlnu_norm 148/196,
   * glnu (49 + 49)/14 = 7, rl_var (12 + 8)/14 - (16/14)^2 = 0.1224490,
   * entropy -2 (6/14 log2 6/14) - 2 (1/14 log2 1/14) = 1.5916728.
   * 3D: the 9 out-of-plane directions see only runs of length 1 (one slice), i.e. matrix A. avg = (12 A + B)/13:
   * sre 12.25/13 = 0.9423077, lre 16/13 = 1.2307692, r_perc 12.5/13 = 0.9615385. comb: r = {g1: [24, 1],
   * g2: [24, 1]}, N_s = 50, N_v = 13 x 4 = 52: sre (48 + 0.5)/50 = 0.97, lre (48 + 8)/50 = 1.12,
   * r_perc 50/52 = 0.9615385.
   */
  @Test
  void allVariantsOnTwoByTwoSliceByHand() {
    RoiImage roi = roi(2, 2, 1, new int[] {1, 2, 1, 2});
    FeatureVector out = run(roi, allModes());
    for (String v : new String[] {"2D_avg", "2_5D_avg"}) {
      assertEquals(0.8125, out.get("rlm_sre_" + v), EPS);
      assertEquals(1.75, out.get("rlm_lre_" + v), EPS);
      assertEquals(0.875, out.get("rlm_r_perc_" + v), EPS);
      assertEquals(3.5, out.get("rlm_rlnu_" + v), EPS);
      assertEquals(1.75, out.get("rlm_glnu_" + v), EPS);
      assertEquals(0.0, out.get("rlm_rl_var_" + v), EPS);
      assertEquals(1.0, out.get("rlm_rl_entr_" + v), EPS);
    }
    for (String v : new String[] {"2D_comb", "2_5D_comb"}) {
      assertEquals(12.5 / 14, out.get("rlm_sre_" + v), EPS);
      assertEquals(20.0 / 14, out.get("rlm_lre_" + v), EPS);
      assertEquals(0.875, out.get("rlm_r_perc_" + v), EPS);
      assertEquals(148.0 / 14, out.get("rlm_rlnu_" + v), EPS);
      assertEquals(148.0 / 196, out.get("rlm_rlnu_norm_" + v), EPS);
      assertEquals(7.0, out.get("rlm_glnu_" + v), EPS);
      assertEquals(0.5, out.get("rlm_glnu_norm_" + v), EPS);
      assertEquals(20.0 / 14 - (16.0 / 14) * (16.0 / 14), out.get("rlm_rl_var_" + v), EPS);
      assertEquals(1.5916727786, out.get("rlm_rl_entr_" + v), 1e-9);
      assertEquals(0.25, out.get("rlm_gl_var_" + v), EPS);
    }
    assertEquals(12.25 / 13, out.get("rlm_sre_3D_avg"), EPS);
    assertEquals(16.0 / 13, out.get("rlm_lre_3D_avg"), EPS);
    assertEquals(12.5 / 13, out.get("rlm_r_perc_3D_avg"), EPS);
    assertEquals(0.97, out.get("rlm_sre_3D_comb"), EPS);
    assertEquals(1.12, out.get("rlm_lre_3D_comb"), EPS);
    assertEquals(50.0 / 52, out.get("rlm_r_perc_3D_comb"), EPS);
  }

  /**
   * A run along a 3D direction crosses slices: a 1x1x3 column of grey level 2 has one run of length 3 along z
   * (direction {0, 0, 1}) and three runs of length 1 along each of the other 12 directions. 3D comb: r(2,1) = 36,
   * r(2,3) = 1, N_s = 37, lre = (36 + 9)/37, r_perc = 37/(13 x 3).
   */
  @Test
  void runsCrossSlicesIn3D() {
    RoiImage roi = roi(1, 1, 3, new int[] {2, 2, 2});
    FeatureVector out = run(roi, FeatureSettings.builder().textureModes(SpatialMode.D3).build());
    assertEquals(45.0 / 37, out.get("rlm_lre_3D_comb"), EPS);
    assertEquals(37.0 / 39, out.get("rlm_r_perc_3D_comb"), EPS);
    assertEquals(4.0, out.get("rlm_hgre_3D_comb"), EPS);
    assertEquals((12 * 1.0 + 9.0) / 13, out.get("rlm_lre_3D_avg"), EPS); // 12 directions lre 1, z-direction lre 9
  }

  @Test
  void degenerateRoisDoNotThrow() {
    // Empty ROI: every feature undefined with a reason.
    TestRois.assertAllUndefined(run(roi(2, 2, 2, new int[8]), allModes()), 96, null);
    // One voxel of grey level 3: every run has length 1 in every direction.
    int[] one = new int[27];
    one[13] = 3;
    FeatureVector single = run(roi(3, 3, 3, one), allModes());
    assertEquals(96, single.size());
    for (String v : new String[] {"2D_avg", "2D_comb", "2_5D_avg", "2_5D_comb", "3D_avg", "3D_comb"}) {
      assertEquals(1.0, single.get("rlm_sre_" + v), EPS);
      assertEquals(1.0 / 9, single.get("rlm_lgre_" + v), EPS);
      assertEquals(1.0, single.get("rlm_r_perc_" + v), EPS);
      assertEquals(0.0, single.get("rlm_gl_var_" + v), EPS);
      assertEquals(0.0, single.get("rlm_rl_entr_" + v), EPS);
    }
    // A single grey level (5) filling a 3x3x3 cube: everything defined; grey level features exact whatever the
    // run structure: hgre = 5^2 = 25, gl_var = 0, glnu_norm = 1.
    int[] cube = new int[27];
    java.util.Arrays.fill(cube, 5);
    FeatureVector flat = run(roi(3, 3, 3, cube), allModes());
    TestRois.assertAllDefined(flat);
    assertEquals(25.0, flat.get("rlm_hgre_3D_comb"), EPS);
    assertEquals(0.0, flat.get("rlm_gl_var_3D_comb"), EPS);
    assertEquals(1.0, flat.get("rlm_glnu_norm_2D_avg"), EPS);
    // Along x each of the 9 rows is one run of length 3: r_perc = 9/27.
    assertEquals(1.0 / 3, runPercentageAlongX(cube), EPS);
  }

  private static double runPercentageAlongX(int[] bins) {
    double[] m = new double[5 * 3];
    GlrlmFamily.countRuns(bins, 3, 3, 3, new int[] {1, 0, 0}, 0, 3, m, 3);
    return TextureMatrixFeatures.fromDense(m, 5, 3, 27)[TextureMatrixFeatures.PERCENTAGE];
  }

  /** Non-asserting timing on a ~46k-voxel ROI (printed for the report), see TestRois#printTimings. */
  @Test
  void timingOnFortySixThousandVoxels() {
    TestRois.printTimings(new GlrlmFamily());
  }
}
