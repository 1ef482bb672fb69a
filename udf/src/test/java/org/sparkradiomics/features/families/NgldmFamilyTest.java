package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.testing.IbsiReference;
import org.sparkradiomics.testing.TestRois;

class NgldmFamilyTest {
  private static final double EPS = 1e-12;
  private static final String[] ALL_MODES = {"2D", "2_5D", "3D"};

  private static FeatureSettings settings(int distance, int alpha, SpatialMode... modes) {
    return FeatureSettings.builder().families("ngl").textureDistance(distance).ngldmAlpha(alpha).textureModes(modes)
        .build();
  }

  private static FeatureVector run(RoiImage roi, FeatureSettings s) {
    return TestRois.compute(new NgldmFamily(), roi, s);
  }

  @Test
  void nameIsNgl() {
    assertEquals("ngl", new NgldmFamily().name());
  }

  @Test
  void digitalPhantomMatchesIbsiReferenceValues() {
    IbsiReference.assertDigitalPhantom(new NgldmFamily(), "ngl_", 51);
  }

  /**
   * One 3x2 slice, all voxels in the ROI, d = 1, α = 0:
   * <pre>
   *   y=0: 1 2 2
   *   y=1: 1 1 3
   * </pre>
   * Dependence j = 1 + equal-level neighbours: (0,0)=1 → 3, (1,0)=2 → 2, (2,0)=2 → 2, (0,1)=1 → 3, (1,1)=1 → 3,
   * (2,1)=3 → 1. Matrix s(1,3) = 3, s(2,2) = 2, s(3,1) = 1; N_s = N_v = 6.
   * lde = (3/9 + 2/4 + 1)/6 = 11/36; hde = (27 + 8 + 1)/6 = 6; lgce = (3 + 2/4 + 1/9)/6 = 65/108;
   * hgce = (3 + 8 + 9)/6 = 10/3; ldlge = (3/9 + 2/16 + 1/9)/6 = 41/432; ldhge = (3/9 + 2 + 9)/6 = 17/9;
   * hdlge = (27 + 2 + 1/9)/6 = 131/27; hdhge = (27 + 32 + 9)/6 = 34/3.
   * Row sums (3, 2, 1), column sums (j=1..3) (1, 2, 3): glnu = dcnu = 14/6 = 7/3, normalised 14/36 = 7/18.
   * dc_perc = 6/6 = 1. gl_var: μ = 5/3, (4/9)/2 + (1/9)/3 + (16/9)/6 = 5/9; dc_var: μ = 7/3, same terms → 5/9.
   * dc_entr = 1/2 + (1/3) log2 3 + (1/6) log2 6; dc_energy = 1/4 + 1/9 + 1/36 = 7/18.
   */
  @Test
  void handComputedSlice() {
    RoiImage roi = TestRois.roi(3, 2, 1, new int[] {1, 2, 2, 1, 1, 3});
    FeatureVector fv = run(roi, settings(1, 0, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3));
    double log2 = Math.log(2);
    double[] expected = {11.0 / 36, 6, 65.0 / 108, 10.0 / 3, 41.0 / 432, 17.0 / 9, 131.0 / 27, 34.0 / 3, 7.0 / 3,
        7.0 / 18, 7.0 / 3, 7.0 / 18, 1, 5.0 / 9, 5.0 / 9,
        0.5 + Math.log(3) / log2 / 3 + Math.log(6) / log2 / 6, 7.0 / 18};
    for (String m : ALL_MODES) {
      for (int f = 0; f < NgldmFamily.FEATURES.length; f++) {
        String name = "ngl_" + NgldmFamily.FEATURES[f] + "_" + m;
        assertEquals(expected[f], fv.get(name), EPS, name);
      }
    }
  }

  /**
   * Same slice with α = 1 (neighbours within one grey level count):
   * (0,0)=1: {2,1,1} all → j = 4; (1,0)=2: {1,2,1,1,3} all → 6; (2,0)=2: {2,1,3} all → 4; (0,1)=1: {1,2,1} → 4;
   * (1,1)=1: {1,2,2,1,3} without the 3 → 5; (2,1)=3: {2,2,1} without the 1 → 3.
   * hde = (16 + 36 + 16 + 16 + 25 + 9)/6 = 118/6 = 59/3; lde = (1/16 + 1/36 + 1/16 + 1/16 + 1/25 + 1/9)/6.
   */
  @Test
  void handComputedCoarsenessAlpha() {
    RoiImage roi = TestRois.roi(3, 2, 1, new int[] {1, 2, 2, 1, 1, 3});
    FeatureVector fv = run(roi, settings(1, 1, SpatialMode.D3));
    assertEquals(59.0 / 3, fv.get("ngl_hde_3D"), EPS);
    assertEquals((3.0 / 16 + 1.0 / 36 + 1.0 / 25 + 1.0 / 9) / 6, fv.get("ngl_lde_3D"), EPS);
  }

  /**
   * nx=2, ny=1, nz=2, all level 1. In-plane each voxel has one equal neighbour: j = 2 for all → lde 1/4, hde 4 in
   * 2D and 2.5D. In 3D each voxel sees the other three (x, z and diagonal): j = 4 → lde 1/16, hde 16. A single
   * grey level and a single dependence count: gl_var = dc_var = 0, dc_entr = 0, dc_energy = 1.
   */
  @Test
  void handComputedModesAndSingleGreyLevel() {
    RoiImage roi = TestRois.roi(2, 1, 2, new int[] {1, 1, 1, 1});
    FeatureVector fv = run(roi, settings(1, 0, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3));
    assertEquals(0.25, fv.get("ngl_lde_2D"), EPS);
    assertEquals(4, fv.get("ngl_hde_2_5D"), EPS);
    assertEquals(1.0 / 16, fv.get("ngl_lde_3D"), EPS);
    assertEquals(16, fv.get("ngl_hde_3D"), EPS);
    for (String m : ALL_MODES) {
      assertEquals(0, fv.get("ngl_gl_var_" + m), EPS);
      assertEquals(0, fv.get("ngl_dc_var_" + m), EPS);
      assertEquals(0, fv.get("ngl_dc_entr_" + m), EPS);
      assertEquals(1, fv.get("ngl_dc_energy_" + m), EPS);
      assertEquals(1, fv.get("ngl_dc_perc_" + m), EPS);
    }
  }

  /**
   * Two slices: z=0 is {1, 2} (nx=2), z=1 is {2, 2}. 2D: slice 0 has j = (1, 1), lde 1; slice 1 j = (2, 2), lde 1/4;
   * average 5/8. 2.5D: merged s(1,1) = 1, s(2,1) = 1, s(2,2) = 2 → lde (1 + 1 + 2/4)/4 = 5/8 too, but
   * glnu differs: 2D average of (1+1)/2 = 1 and 4/2 = 2 → 3/2; 2.5D (1 + 9)/4 = 5/2.
   */
  @Test
  void handComputedSliceAveragingVersusMerging() {
    RoiImage roi = TestRois.roi(2, 1, 2, new int[] {1, 2, 2, 2});
    FeatureVector fv = run(roi, settings(1, 0, SpatialMode.D2, SpatialMode.D2_5));
    assertEquals(5.0 / 8, fv.get("ngl_lde_2D"), EPS);
    assertEquals(5.0 / 8, fv.get("ngl_lde_2_5D"), EPS);
    assertEquals(1.5, fv.get("ngl_glnu_2D"), EPS);
    assertEquals(2.5, fv.get("ngl_glnu_2_5D"), EPS);
  }

  /** One voxel: j = 1, s(i,1) = 1; every feature is defined (emphases are i^±2, non-uniformities 1, ...). */
  @Test
  void singleVoxel() {
    RoiImage roi = TestRois.roi(3, 3, 1, new int[] {0, 0, 0, 0, 2, 0, 0, 0, 0});
    FeatureVector fv = run(roi, settings(1, 0, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3));
    assertEquals(51, fv.size());
    for (String m : ALL_MODES) {
      assertEquals(1, fv.get("ngl_lde_" + m), EPS);
      assertEquals(0.25, fv.get("ngl_lgce_" + m), EPS);
      assertEquals(4, fv.get("ngl_hgce_" + m), EPS);
      assertEquals(1, fv.get("ngl_glnu_" + m), EPS);
      assertEquals(1, fv.get("ngl_dcnu_norm_" + m), EPS);
      assertEquals(0, fv.get("ngl_dc_entr_" + m), EPS);
    }
  }

  @Test
  void emptyRoiIsUndefinedWithReason() {
    RoiImage roi = TestRois.roi(2, 2, 1, new int[4]);
    FeatureVector fv = run(roi, settings(1, 0, SpatialMode.D2, SpatialMode.D3));
    assertEquals(34, fv.size());
    assertNull(fv.get("ngl_lde_2D"));
    assertTrue(fv.undefinedReason("ngl_dc_energy_3D").contains("empty ROI"));
  }

  /** Naive dependence counts with explicit bounds checks, for the cross-check of the padded implementation. */
  private static NgldmFamily.Matrix naive(RoiImage roi, int d, int alpha, boolean planar) {
    int[][] offs = Directions.neighbourhood(d, planar);
    NgldmFamily.Matrix m = new NgldmFamily.Matrix(roi.nBins, offs.length + 1);
    for (int z = 0; z < roi.nz; z++) {
      for (int y = 0; y < roi.ny; y++) {
        for (int x = 0; x < roi.nx; x++) {
          int b = roi.bins[roi.index(x, y, z)];
          if (b == 0) {
            continue;
          }
          int j = 1;
          for (int q : TestRois.neighbourLevels(roi, x, y, z, offs)) {
            if (Math.abs(q - b) <= alpha) {
              j++;
            }
          }
          m.s[b * (m.nd + 1) + j]++;
          m.roiVoxels++;
        }
      }
    }
    return m;
  }

  @Test
  void paddedCountsEqualNaiveLoop() {
    RoiImage roi = TestRois.randomBall(12, 10, 8, 6, 11);
    for (int d = 1; d <= 2; d++) {
      for (int alpha = 0; alpha <= 1; alpha++) {
        FeatureVector fv = run(roi, settings(d, alpha, SpatialMode.D2_5, SpatialMode.D3));
        double[] v3 = naive(roi, d, alpha, false).features();
        double[] v25 = naive(roi, d, alpha, true).features();
        for (int f = 0; f < NgldmFamily.FEATURES.length; f++) {
          String n = NgldmFamily.FEATURES[f];
          String ctx = n + " d=" + d + " alpha=" + alpha;
          assertEquals(v3[f], fv.get("ngl_" + n + "_3D"), 1e-9 * Math.abs(v3[f]), ctx);
          assertEquals(v25[f], fv.get("ngl_" + n + "_2_5D"), 1e-9 * Math.abs(v25[f]), ctx);
        }
      }
    }
  }

  /** Non-asserting timing: ~46k-voxel ROI (a ball in a 44^3 box), 32 grey levels, d = 1, α = 0. */
  @Test
  void timingOnA46kVoxelRoi() {
    RoiImage roi = TestRois.randomBall(44, 44, 44, 32, 7);
    TestRois.printTiming(new NgldmFamily(), roi, settings(1, 0, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3),
        "d = 1, 2D+2.5D+3D");
    FeatureVector fv = TestRois.printTiming(new NgldmFamily(), roi, settings(1, 0, SpatialMode.D3), "d = 1, 3D");
    assertEquals(1, fv.get("ngl_dc_perc_3D"), EPS);
  }

  @Test
  void ctPhantomConfigA() {
    IbsiReference.assertCtPhantom(new NgldmFamily(), "A", "ngl_", 34);
  }
}
