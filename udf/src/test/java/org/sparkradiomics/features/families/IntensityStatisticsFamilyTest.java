package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.testing.IbsiReference;
import org.sparkradiomics.testing.TestRois;

class IntensityStatisticsFamilyTest {
  private static final double EPS = 1e-12;

  private static RoiImage roi(int nx, int ny, int nz, float[] values, boolean[] mask) {
    return TestRois.intensities(nx, ny, nz, values, mask);
  }

  private static FeatureVector compute(RoiImage roi) {
    return compute(roi, FeatureSettings.builder().build());
  }

  private static FeatureVector compute(RoiImage roi, FeatureSettings s) {
    return TestRois.compute(new IntensityStatisticsFamily(), roi, s);
  }

  @Test
  void digitalPhantomMatchesEveryIbsiReferenceValue() {
    FeatureVector fv = IbsiReference.assertDigitalPhantom(new IntensityStatisticsFamily(), "stat_", 18);
    assertEquals(IntensityStatisticsFamily.FEATURES, List.copyOf(fv.values().keySet()));
  }

  @Test
  void handComputedSmallRoi() {
    // 3x2x1 box; the voxel with 100 is outside the mask. ROI intensities (sorted): 1, 1, 2, 4; N = 4.
    // mean = 8/4 = 2; deviations -1, -1, 0, 2: var = (1+1+0+4)/4 = 1.5; m3 = (-1-1+0+8)/4 = 1.5;
    // skew = 1.5 / 1.5^1.5 = 1/sqrt(1.5); m4 = (1+1+0+16)/4 = 4.5; kurt = 4.5/1.5^2 - 3 = -1.
    // Percentiles, h = 3p (0-based rank): median h=1.5 -> 1 + .5*(2-1) = 1.5; P10 h=.3 -> 1; P25 h=.75 -> 1;
    // P75 h=2.25 -> 2 + .25*(4-2) = 2.5; P90 h=2.7 -> 2 + .7*2 = 3.4. iqr = 1.5, range = 3.
    // mad = (1+1+0+2)/4 = 1; rmad: voxels in [1, 3.4] = {1,1,2}, mean 4/3, |dev| 1/3,1/3,2/3 -> 4/9;
    // medad = (.5+.5+.5+2.5)/4 = 1; cov = sqrt(1.5)/2; qcod = 1.5/3.5 = 3/7; energy = 1+1+4+16 = 22;
    // rms = sqrt(22/4).
    float[] v = {1, 2, 100, 1, 4, 7};
    boolean[] m = {true, true, false, true, true, false};
    FeatureVector fv = compute(roi(3, 2, 1, v, m));
    assertDescriptivesOf1124(fv, "stat_");
    assertEquals(22.0, fv.get("stat_energy"), EPS);
    assertEquals(Math.sqrt(5.5), fv.get("stat_rms"), EPS);
  }

  /**
   * The descriptive features shared by stat_* and ih_* for the sample {1, 1, 2, 4} (hand computation in
   * {@link #handComputedSmallRoi()}), under the tags {@code prefix + name}.
   */
  static void assertDescriptivesOf1124(FeatureVector fv, String prefix) {
    assertEquals(2.0, fv.get(prefix + "mean"), EPS);
    assertEquals(1.5, fv.get(prefix + "var"), EPS);
    assertEquals(1 / Math.sqrt(1.5), fv.get(prefix + "skew"), EPS);
    assertEquals(-1.0, fv.get(prefix + "kurt"), EPS);
    assertEquals(1.5, fv.get(prefix + "median"), EPS);
    assertEquals(1.0, fv.get(prefix + "min"), EPS);
    assertEquals(1.0, fv.get(prefix + "p10"), EPS);
    assertEquals(3.4, fv.get(prefix + "p90"), EPS);
    assertEquals(4.0, fv.get(prefix + "max"), EPS);
    assertEquals(1.5, fv.get(prefix + "iqr"), EPS);
    assertEquals(3.0, fv.get(prefix + "range"), EPS);
    assertEquals(1.0, fv.get(prefix + "mad"), EPS);
    assertEquals(4.0 / 9.0, fv.get(prefix + "rmad"), EPS);
    assertEquals(1.0, fv.get(prefix + "medad"), EPS);
    assertEquals(Math.sqrt(1.5) / 2, fv.get(prefix + "cov"), EPS);
    assertEquals(3.0 / 7.0, fv.get(prefix + "qcod"), EPS);
  }

  @Test
  void singleVoxelIsDefinedWithZeroSpread() {
    // One voxel X = 5: mean = median = every percentile = 5; var = 0 so skew = kurt = 0 (IBSI-1); mad = rmad =
    // medad = 0; cov = 0/5 = 0; qcod = 0/10 = 0; energy = 25; rms = 5.
    FeatureVector fv = compute(roi(1, 1, 1, new float[] {5}, new boolean[] {true}));
    for (String f : IntensityStatisticsFamily.FEATURES) {
      assertNotNull(fv.get(f), f + " " + fv.undefinedReason(f));
    }
    assertEquals(5.0, fv.get("stat_mean"), EPS);
    assertEquals(0.0, fv.get("stat_var"), EPS);
    assertEquals(0.0, fv.get("stat_skew"), EPS);
    assertEquals(0.0, fv.get("stat_kurt"), EPS);
    assertEquals(5.0, fv.get("stat_p90"), EPS);
    assertEquals(0.0, fv.get("stat_rmad"), EPS);
    assertEquals(0.0, fv.get("stat_cov"), EPS);
    assertEquals(0.0, fv.get("stat_qcod"), EPS);
    assertEquals(25.0, fv.get("stat_energy"), EPS);
    assertEquals(5.0, fv.get("stat_rms"), EPS);
  }

  @Test
  void zeroMeanAndZeroQuartileSumAreUndefinedWithReasons() {
    // Single voxel X = 0: cov = sigma/mu = 0/0 and qcod = 0/(0+0) are undefined; everything else is 0.
    FeatureVector fv = compute(roi(1, 1, 1, new float[] {0}, new boolean[] {true}));
    assertNull(fv.get("stat_cov"));
    assertTrue(fv.undefinedReason("stat_cov").contains("mean is 0"));
    assertNull(fv.get("stat_qcod"));
    assertTrue(fv.undefinedReason("stat_qcod").contains("P75 + P25"));
    assertEquals(0.0, fv.get("stat_energy"), EPS);
    // Two voxels {0, 10}: P10 = 1, P90 = 9, no voxel between them -> rmad undefined; mean 5, var 25.
    FeatureVector two = compute(roi(2, 1, 1, new float[] {0, 10}, new boolean[] {true, true}));
    assertNull(two.get("stat_rmad"));
    assertTrue(two.undefinedReason("stat_rmad").contains("between the 10th and 90th"));
    assertEquals(25.0, two.get("stat_var"), EPS);
    assertEquals(1.0, two.get("stat_p10"), EPS);
  }

  @Test
  void emptyMaskMarksEveryFeatureUndefined() {
    FeatureVector fv = compute(roi(2, 1, 1, new float[] {3, 4}, new boolean[] {false, false}));
    TestRois.assertAllUndefined(fv, IntensityStatisticsFamily.FEATURES.size(), "empty intensity mask");
    assertEquals(IntensityStatisticsFamily.FEATURES, List.copyOf(fv.values().keySet()));
  }

  @Test
  void ctPhantomConfigurationA() {
    // IBSI-1 CT phantom, configuration A through the real preprocessing (no interpolation, resegmentation
    // [-500, 400] HU); reference values with their IBSI tolerances.
    IbsiReference.assertCtPhantom(new IntensityStatisticsFamily(), "A", "stat_", 18);
  }
}
