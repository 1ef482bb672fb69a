package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.testing.IbsiReference;
import org.sparkradiomics.testing.TestRois;

class NgtdmFamilyTest {
  private static final double EPS = 1e-12;
  private static final String[] ALL_MODES = {"2D", "2_5D", "3D"};

  private static FeatureSettings settings(int distance, SpatialMode... modes) {
    return FeatureSettings.builder().families("ngt").textureDistance(distance).textureModes(modes).build();
  }

  private static FeatureVector run(RoiImage roi, FeatureSettings s) {
    return TestRois.compute(new NgtdmFamily(), roi, s);
  }

  @Test
  void nameIsNgt() {
    assertEquals("ngt", new NgtdmFamily().name());
  }

  @Test
  void digitalPhantomMatchesIbsiReferenceValues() {
    IbsiReference.assertDigitalPhantom(new NgtdmFamily(), "ngt_", 15);
  }

  /**
   * One 3x2 slice, all voxels in the ROI, d = 1 (8-neighbourhood):
   * <pre>
   *   y=0: 1 2 2
   *   y=1: 1 1 3
   * </pre>
   * Neighbour means and |i - mean|:
   * (0,0)=1: {2,1,1} 4/3 → 1/3;  (1,0)=2: {1,2,1,1,3} 8/5 → 2/5;  (2,0)=2: {2,1,3} 2 → 0;
   * (0,1)=1: {1,2,1} 4/3 → 1/3;  (1,1)=1: {1,2,2,1,3} 9/5 → 4/5;  (2,1)=3: {2,2,1} 5/3 → 4/3.
   * Matrix: n = (3, 2, 1), s = (22/15, 2/5, 4/3), N_v,c = 6, p = (1/2, 1/3, 1/6), Σ s = 16/5.
   * Σ p s = 11/15 + 2/15 + 2/9 = 49/45 → coarseness 45/49.
   * Contrast: Σ_ij p_i p_j (i-j)^2 = 2 (1/6·1 + 1/12·4 + 1/18·1) = 10/9; / (3·2) = 5/27; × (16/5)/6 → 8/81.
   * Busyness: i p_i = (1/2, 2/3, 1/2); Σ_ij |i p_i - j p_j| = 2 (1/6 + 0 + 1/6) = 2/3 → (49/45)/(2/3) = 49/30.
   * Complexity: pairs (1,2) 1·(11/15+2/15)/(5/6) = 26/25, (1,3) 2·(11/15+2/9)/(2/3) = 43/15,
   * (2,3) 1·(2/15+2/9)/(1/2) = 32/45; both orders → 2078/225; / 6 → 1039/675.
   * Strength: Σ_ij (p_i+p_j)(i-j)^2 = 2 (5/6 + 2/3·4 + 1/2) = 8; / (16/5) → 5/2.
   * With one slice, 2D, 2.5D and 3D are all this matrix.
   */
  @Test
  void handComputedSlice() {
    RoiImage roi = TestRois.roi(3, 2, 1, new int[] {1, 2, 2, 1, 1, 3});
    FeatureVector fv = run(roi, settings(1, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3));
    assertHandComputedSlice(fv, ALL_MODES);
  }

  /** The features of the slice of {@link #handComputedSlice()} (hand computation there) in the given modes. */
  private static void assertHandComputedSlice(FeatureVector fv, String... modes) {
    for (String m : modes) {
      assertEquals(45.0 / 49, fv.get("ngt_coarseness_" + m), EPS, m);
      assertEquals(8.0 / 81, fv.get("ngt_contrast_" + m), EPS, m);
      assertEquals(49.0 / 30, fv.get("ngt_busyness_" + m), EPS, m);
      assertEquals(1039.0 / 675, fv.get("ngt_complexity_" + m), EPS, m);
      assertEquals(2.5, fv.get("ngt_strength_" + m), EPS, m);
    }
  }

  /**
   * The slice above plus one voxel (level 3) at x = 4, y = 0 with no ROI neighbour (column x = 3 and (4,1) are
   * outside): IBSI-1 excludes voxels without a valid neighbourhood from n_i and N_v,c, so every feature keeps the
   * hand-computed value of {@link #handComputedSlice()}.
   */
  @Test
  void voxelWithoutNeighbourIsExcluded() {
    RoiImage roi = TestRois.roi(5, 2, 1, new int[] {1, 2, 2, 0, 3, 1, 1, 3, 0, 0});
    FeatureVector fv = run(roi, settings(1, SpatialMode.D2, SpatialMode.D3));
    assertHandComputedSlice(fv, "2D", "3D");
  }

  /**
   * Two slices (nx=2, ny=1, nz=2): z=0 is {1, 2}, z=1 is {2, 2}.
   * 2D, slice 0: each voxel's only neighbour differs by 1: n = (1, 1), s = (1, 1), p = (1/2, 1/2), Σ p s = 1
   * → coarseness 1; slice 1: one grey level, s = 0 → coarseness 10^6 (IBSI); 2D average (1 + 10^6)/2.
   * 2.5D: merged n = (1, 3), s = (1, 1), p = (1/4, 3/4), Σ p s = 1 → coarseness 1;
   * strength Σ_ij (p_i+p_j)(i-j)^2 / Σ s = 2·1/2 = 1.
   * 3D: (0,0,0)=1 has neighbours {2,2,2}: |1-2| = 1; (1,0,0)=2: {1,2,2} 5/3 → 1/3; the two z=1 voxels: {1,2,2}
   * → 1/3 each. n = (1, 3), s = (1, 1), p = (1/4, 3/4) → coarseness 1 / (1/4 + 3/4) = 1.
   */
  @Test
  void handComputedModes() {
    RoiImage roi = TestRois.roi(2, 1, 2, new int[] {1, 2, 2, 2});
    FeatureVector fv = run(roi, settings(1, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3));
    assertEquals((1 + 1e6) / 2, fv.get("ngt_coarseness_2D"), 1e-6);
    assertEquals(1.0, fv.get("ngt_coarseness_2_5D"), EPS);
    assertEquals(1.0, fv.get("ngt_strength_2_5D"), EPS);
    assertEquals(1.0, fv.get("ngt_coarseness_3D"), EPS);
    // 3D strength: Σ_ij (p_i+p_j)(i-j)^2 = 2·1 = 2, Σ s = 2 → 1.
    assertEquals(1.0, fv.get("ngt_strength_3D"), EPS);
    // 2D contrast: slice 0 gives [2·(1/4)·1 / 2]·(2/2) = 1/4; slice 1 undefined (one grey level) → average 1/4.
    assertEquals(0.25, fv.get("ngt_contrast_2D"), EPS);
  }

  @Test
  void singleGreyLevelFollowsIbsiConventions() {
    RoiImage roi = TestRois.roi(2, 2, 2, new int[] {3, 3, 3, 3, 3, 3, 3, 3});
    FeatureVector fv = run(roi, settings(1, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3));
    for (String m : ALL_MODES) {
      // s_i = 0 everywhere: coarseness capped at 10^6, busyness 0 (N_g,p = 1), strength 0 (Σ s = 0).
      assertEquals(1e6, fv.get("ngt_coarseness_" + m), 0, m);
      assertEquals(0.0, fv.get("ngt_busyness_" + m), 0, m);
      assertEquals(0.0, fv.get("ngt_complexity_" + m), 0, m);
      assertEquals(0.0, fv.get("ngt_strength_" + m), 0, m);
      assertNull(fv.get("ngt_contrast_" + m), m);
      assertTrue(fv.undefinedReason("ngt_contrast_" + m).contains("N_g,p = 1"), m);
    }
  }

  @Test
  void singleVoxelIsUndefinedWithReason() {
    RoiImage roi = TestRois.roi(3, 3, 1, new int[] {0, 0, 0, 0, 2, 0, 0, 0, 0});
    FeatureVector fv = run(roi, settings(1, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3));
    assertEquals(15, fv.size());
    for (String f : NgtdmFamily.FEATURES) {
      for (String m : ALL_MODES) {
        String name = "ngt_" + f + "_" + m;
        assertTrue(fv.contains(name), name);
        assertNull(fv.get(name), name);
        assertTrue(fv.undefinedReason(name).contains("N_v,c = 0"), fv.undefinedReason(name));
      }
    }
  }

  @Test
  void emptyRoiIsUndefinedWithReason() {
    RoiImage roi = TestRois.roi(2, 2, 1, new int[4]);
    FeatureVector fv = run(roi, settings(1, SpatialMode.D2, SpatialMode.D3));
    assertEquals(10, fv.size());
    assertNull(fv.get("ngt_coarseness_3D"));
    assertTrue(fv.undefinedReason("ngt_coarseness_3D").contains("empty ROI"));
  }

  /** Naive NGTDM (explicit neighbour loop) for the cross-check of the prefix-sum implementation. */
  private static NgtdmFamily.Matrix naive(RoiImage roi, int d, boolean planar, int zFrom, int zTo) {
    NgtdmFamily.Matrix m = new NgtdmFamily.Matrix(roi.nBins);
    int[][] offs = Directions.neighbourhood(d, planar);
    for (int z = zFrom; z < zTo; z++) {
      for (int y = 0; y < roi.ny; y++) {
        for (int x = 0; x < roi.nx; x++) {
          int b = roi.bins[roi.index(x, y, z)];
          if (b == 0) {
            continue;
          }
          m.roiVoxels++;
          int[] q = TestRois.neighbourLevels(roi, x, y, z, offs);
          long sum = 0;
          for (int level : q) {
            sum += level;
          }
          int w = q.length;
          if (w > 0) {
            m.s[b] += Math.abs(b - (double) sum / w);
            m.n[b]++;
          }
        }
      }
    }
    return m;
  }

  @Test
  void prefixSumsEqualNaiveNeighbourLoopAtDistances1To3() {
    RoiImage roi = TestRois.randomBall(13, 11, 9, 7, 42);
    for (int d = 1; d <= 3; d++) {
      FeatureVector fv = run(roi, settings(d, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3));
      NgtdmFamily.Result r3 = naive(roi, d, false, 0, roi.nz).features();
      NgtdmFamily.Result r25 = naive(roi, d, true, 0, roi.nz).features();
      double coarse2d = 0;
      int slices = 0;
      for (int z = 0; z < roi.nz; z++) {
        NgtdmFamily.Matrix m = naive(roi, d, true, z, z + 1);
        if (m.roiVoxels > 0) {
          coarse2d += m.features().values[0];
          slices++;
        }
      }
      for (int f = 0; f < NgtdmFamily.FEATURES.length; f++) {
        String n = NgtdmFamily.FEATURES[f];
        assertNull(r3.reasons[f]);
        assertEquals(r3.values[f], fv.get("ngt_" + n + "_3D"), 1e-9 * Math.abs(r3.values[f]), n + " d=" + d);
        assertEquals(r25.values[f], fv.get("ngt_" + n + "_2_5D"), 1e-9 * Math.abs(r25.values[f]), n + " d=" + d);
      }
      assertEquals(coarse2d / slices, fv.get("ngt_coarseness_2D"), 1e-9 * coarse2d / slices);
    }
  }

  /** Non-asserting timing: ~46k-voxel ROI (a ball in a 44^3 box), 32 grey levels, d = 1 and d = 3. */
  @Test
  void timingOnA46kVoxelRoi() {
    RoiImage roi = TestRois.randomBall(44, 44, 44, 32, 7);
    TestRois.printTiming(new NgtdmFamily(), roi, settings(1, SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3),
        "d = 1, 2D+2.5D+3D");
    FeatureVector fv = TestRois.printTiming(new NgtdmFamily(), roi, settings(1, SpatialMode.D3), "d = 1, 3D");
    TestRois.printTiming(new NgtdmFamily(), roi, settings(3, SpatialMode.D3), "d = 3 (7^3 window), 3D");
    assertNotNull(fv.get("ngt_coarseness_3D"));
  }

  @Test
  void ctPhantomConfigA() {
    IbsiReference.assertCtPhantom(new NgtdmFamily(), "A", "ngt_", 10);
  }
}
