package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparkradiomics.testing.TestRois.allModes;
import static org.sparkradiomics.testing.TestRois.roi;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.testing.DigitalPhantom;
import org.sparkradiomics.testing.IbsiReference;
import org.sparkradiomics.testing.TestRois;

class GlszmFamilyTest {
  private static final double EPS = 1e-9;

  private static FeatureVector run(RoiImage roi, FeatureSettings s) {
    return TestRois.compute(new GlszmFamily(), roi, s);
  }

  @Test
  void nameAndFeatureCount() {
    assertEquals("szm", new GlszmFamily().name());
    assertEquals(3 * 16, run(DigitalPhantom.roi(), allModes()).size());
  }

  @Test
  void digitalPhantomMatchesEveryIbsiReferenceValue() {
    IbsiReference.assertDigitalPhantom(new GlszmFamily(), "szm_", 48);
  }

  @Test
  void ctPhantomConfigurationAWithinTolerance() {
    IbsiReference.assertCtPhantom(new GlszmFamily(), "A", "szm_", 32);
  }

  /**
   * One 4x3 slice, zones by hand (8-connectivity).
   *
   * <pre>
   * y=0: 1 1 2 2
   * y=1: 1 3 2 1
   * y=2: 3 3 1 2
   * </pre>
   *
   * Zones: g1 {(0,0),(1,0),(0,1)} size 3; g1 {(3,1),(2,2)} size 2 (diagonal); g2 {(2,0),(3,0),(2,1),(3,2)} size 4
   * ((3,2) joins through the diagonal (2,1)); g3 {(1,1),(0,2),(1,2)} size 3. Matrix: s(1,2) = s(1,3) = s(2,4) =
   * s(3,3) = 1, N_s = 4, N_v = 12; s_i. = (2, 1, 1), s_.j = (j=2: 1, j=3: 2, j=4: 1).
   * sze = (1/9 + 1/4 + 1/16 + 1/9)/4 = 0.1336806; lze = (9 + 4 + 16 + 9)/4 = 9.5;
   * lgze = (1 + 1 + 1/4 + 1/9)/4 = 0.5902778; hgze = (1 + 1 + 4 + 9)/4 = 3.75;
   * szlge = (1/9 + 1/4 + 1/64 + 1/81)/4 = 0.0972705; szhge = (1/9 + 1/4 + 4/16 + 9/9)/4 = 0.4027778;
   * lzlge = (9 + 4 + 16/4 + 9/9)/4 = 4.5; lzhge = (9 + 4 + 64 + 81)/4 = 39.5;
   * glnu = (4 + 1 + 1)/4 = 1.5; glnu_norm = 6/16 = 0.375; zsnu = (1 + 4 + 1)/4 = 1.5; zsnu_norm = 0.375;
   * z_perc = 4/12; gl_var = 15/4 - 1.75^2 = 0.6875; zs_var = 38/4 - 3^2 = 0.5; zs_entr = log2 4 = 2.
   * One slice, so 2D = 2.5D = 3D (26-connectivity within one slice is 8-connectivity).
   */
  @Test
  void singleSliceZonesByHand() {
    RoiImage roi = roi(4, 3, 1, new int[] {1, 1, 2, 2, 1, 3, 2, 1, 3, 3, 1, 2});
    FeatureVector out = run(roi, allModes());
    String[] names = GlszmFamily.FEATURES;
    double[] expected = {0.1336805556, 9.5, 0.5902777778, 3.75, 0.0972704475, 0.4027777778, 4.5, 39.5, 1.5, 0.375,
        1.5, 0.375, 1.0 / 3, 0.6875, 0.5, 2.0};
    for (String v : new String[] {"2D", "2_5D", "3D"}) {
      for (int k = 0; k < names.length; k++) {
        assertEquals(expected[k], out.get("szm_" + names[k] + "_" + v), 1e-9, names[k] + "_" + v);
      }
    }
  }

  /**
   * Two slices of a 2x2x2 box (0 = outside):
   *
   * <pre>
   * z=0: 1 0    z=1: 0 1
   *      0 2         2 0
   * </pre>
   *
   * 2D/2.5D (8-connectivity within a slice): four zones of size 1, two per slice. Per slice: N_s = 2, N_v = 2,
   * z_perc 1, glnu (1 + 1)/2 = 1, sze 1. 2D = mean over the 2 slices: glnu 1, z_perc 1. 2.5D merged: s(1,1) = 2,
   * s(2,1) = 2, N_s = 4, N_v = 4: glnu (4 + 4)/4 = 2, zsnu 16/4 = 4, z_perc 1.
   * 3D (26-connectivity): (0,0,0)-(1,0,1) and (1,1,0)-(0,1,1) touch diagonally: zones (g1, 2) and (g2, 2):
   * N_s = 2, sze 1/4, lze 4, z_perc 2/4 = 0.5, glnu (1 + 1)/2 = 1.
   */
  @Test
  void sliceAveragingMergingAndThreeDimensionalConnectivityByHand() {
    RoiImage roi = roi(2, 2, 2, new int[] {1, 0, 0, 2, 0, 1, 2, 0});
    FeatureVector out = run(roi, allModes());
    assertEquals(1.0, out.get("szm_glnu_2D"), EPS);
    assertEquals(1.0, out.get("szm_z_perc_2D"), EPS);
    assertEquals(1.0, out.get("szm_sze_2D"), EPS);
    assertEquals(2.0, out.get("szm_glnu_2_5D"), EPS);
    assertEquals(4.0, out.get("szm_zsnu_2_5D"), EPS);
    assertEquals(1.0, out.get("szm_z_perc_2_5D"), EPS);
    assertEquals(0.25, out.get("szm_sze_3D"), EPS);
    assertEquals(4.0, out.get("szm_lze_3D"), EPS);
    assertEquals(0.5, out.get("szm_z_perc_3D"), EPS);
    assertEquals(1.0, out.get("szm_glnu_3D"), EPS);
  }

  @Test
  void degenerateRoisDoNotThrow() {
    TestRois.assertAllUndefined(run(roi(2, 2, 2, new int[8]), allModes()), 48, null);
    // One voxel of grey level 2: one zone of size 1 in every variant.
    int[] one = new int[27];
    one[13] = 2;
    FeatureVector single = run(roi(3, 3, 3, one), allModes());
    assertEquals(48, single.size());
    for (String v : new String[] {"2D", "2_5D", "3D"}) {
      assertEquals(1.0, single.get("szm_sze_" + v), EPS);
      assertEquals(0.25, single.get("szm_lgze_" + v), EPS);
      assertEquals(1.0, single.get("szm_z_perc_" + v), EPS);
      assertEquals(0.0, single.get("szm_zs_var_" + v), EPS);
      assertEquals(0.0, single.get("szm_zs_entr_" + v), EPS);
    }
    // One grey level filling a 3x3x3 cube: 3D one zone of 27 voxels (lze 729), per slice one zone of 9 voxels.
    int[] cube = new int[27];
    java.util.Arrays.fill(cube, 4);
    FeatureVector flat = run(roi(3, 3, 3, cube), allModes());
    TestRois.assertAllDefined(flat);
    assertEquals(729.0, flat.get("szm_lze_3D"), EPS);
    assertEquals(1.0 / 27, flat.get("szm_z_perc_3D"), EPS);
    assertEquals(81.0, flat.get("szm_lze_2D"), EPS);
    assertEquals(3.0 / 27, flat.get("szm_z_perc_2_5D"), EPS);
    assertEquals(0.0, flat.get("szm_gl_var_2_5D"), EPS);
  }

  /** Non-asserting timing on a ~46k-voxel ROI (printed for the report), see TestRois#printTimings. */
  @Test
  void timingOnFortySixThousandVoxels() {
    TestRois.printTimings(new GlszmFamily());
  }
}
