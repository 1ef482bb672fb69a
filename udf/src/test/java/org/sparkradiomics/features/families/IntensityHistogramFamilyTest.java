package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.testing.IbsiReference;
import org.sparkradiomics.testing.TestRois;

class IntensityHistogramFamilyTest {
  private static final double EPS = 1e-12;

  /**
   * A ROI box whose histogram grey levels are {@code levels} (0 = outside the mask), N_g = {@code ng}; the
   * intensities are 10 x the levels, so a family reading intensities instead of bins would fail.
   */
  static RoiImage roi(int nx, int ny, int nz, int[] levels, int ng) {
    return TestRois.roi(nx, ny, nz, levels, ng, 10f);
  }

  private static FeatureVector compute(RoiImage roi) {
    return compute(roi, FeatureSettings.builder().build());
  }

  private static FeatureVector compute(RoiImage roi, FeatureSettings s) {
    return TestRois.compute(new IntensityHistogramFamily(), roi, s);
  }

  @Test
  void digitalPhantomMatchesEveryIbsiReferenceValue() {
    FeatureVector fv = IbsiReference.assertDigitalPhantom(new IntensityHistogramFamily(), "ih_", 23);
    assertEquals(IntensityHistogramFamily.FEATURES, List.copyOf(fv.values().keySet()));
  }

  @Test
  void handComputedSmallRoi() {
    // 2x2x1 ROI with grey levels {1, 2, 1, 4}, N_g = 4. Histogram n = (2, 1, 0, 1), p = (.5, .25, 0, .25).
    // Sorted 1, 1, 2, 4: the same sample as IntensityStatisticsFamilyTest.handComputedSmallRoi: mean 2,
    // var 1.5, skew 1/sqrt(1.5), kurt -1, median 1.5, P10 1, P90 3.4, iqr 1.5, mad 1, rmad 4/9, medad 1,
    // cov sqrt(1.5)/2, qcod 3/7.
    // mode = 1 (count 2); entropy = -(.5 log2 .5 + 2 * .25 log2 .25) = .5 + 1 = 1.5; uniformity = .25 + 2*.0625
    // = .375. Gradient: H'(1) = n2 - n1 = -1; H'(2) = (n3 - n1)/2 = -1; H'(3) = (n4 - n2)/2 = 0;
    // H'(4) = n4 - n3 = 1. max 1 at 4; min -1 first reached at 1.
    FeatureVector fv = compute(roi(2, 2, 1, new int[] {1, 2, 1, 4}, 4));
    IntensityStatisticsFamilyTest.assertDescriptivesOf1124(fv, "ih_");
    assertEquals(1.0, fv.get("ih_mode"), EPS);
    assertEquals(1.5, fv.get("ih_entropy"), EPS);
    assertEquals(0.375, fv.get("ih_uniformity"), EPS);
    assertEquals(1.0, fv.get("ih_max_grad"), EPS);
    assertEquals(4.0, fv.get("ih_max_grad_g"), EPS);
    assertEquals(-1.0, fv.get("ih_min_grad"), EPS);
    assertEquals(1.0, fv.get("ih_min_grad_g"), EPS);
  }

  @Test
  void modeTieGoesToTheLevelClosestToTheMean() {
    // Levels {1, 1, 3, 3, 4}: counts 2 at both 1 and 3; mean = 12/5 = 2.4; |1 - 2.4| = 1.4 > |3 - 2.4| = .6,
    // so the mode is 3 (the lowest tied level would be 1).
    FeatureVector fv = compute(roi(5, 1, 1, new int[] {1, 1, 3, 3, 4}, 4));
    assertEquals(3.0, fv.get("ih_mode"), EPS);
    // Equidistant tie: {1, 3} with mean 2 -> the lower one, 1.
    FeatureVector eq = compute(roi(2, 1, 1, new int[] {1, 3}, 3));
    assertEquals(1.0, eq.get("ih_mode"), EPS);
  }

  @Test
  void singleVoxelSingleBinLeavesOnlyTheGradientUndefined() {
    // One voxel at level 1, N_g = 1: p = (1): entropy 0, uniformity 1, mode 1; gradient needs two bins.
    FeatureVector fv = compute(roi(1, 1, 1, new int[] {1}, 1));
    assertEquals(0.0, fv.get("ih_entropy"), EPS);
    assertEquals(1.0, fv.get("ih_uniformity"), EPS);
    assertEquals(1.0, fv.get("ih_mode"), EPS);
    assertEquals(0.0, fv.get("ih_skew"), EPS);
    for (String f : List.of("ih_max_grad", "ih_max_grad_g", "ih_min_grad", "ih_min_grad_g")) {
      assertNull(fv.get(f));
      assertTrue(fv.undefinedReason(f).contains("single bin"), fv.undefinedReason(f));
    }
    assertEquals(IntensityHistogramFamily.FEATURES.size(), fv.size());
  }

  @Test
  void singleGreyLevelWithSeveralBinsHasGradients() {
    // Three voxels all at level 2 of N_g = 3: n = (0, 3, 0); H'(1) = 3, H'(2) = 0, H'(3) = -3.
    FeatureVector fv = compute(roi(3, 1, 1, new int[] {2, 2, 2}, 3));
    assertEquals(3.0, fv.get("ih_max_grad"), EPS);
    assertEquals(1.0, fv.get("ih_max_grad_g"), EPS);
    assertEquals(-3.0, fv.get("ih_min_grad"), EPS);
    assertEquals(3.0, fv.get("ih_min_grad_g"), EPS);
    assertEquals(0.0, fv.get("ih_var"), EPS);
    assertEquals(0.0, fv.get("ih_cov"), EPS);
  }

  @Test
  void emptyMaskMarksEveryFeatureUndefined() {
    FeatureVector fv = compute(roi(2, 1, 1, new int[] {0, 0}, 0));
    TestRois.assertAllUndefined(fv, IntensityHistogramFamily.FEATURES.size(), "empty intensity mask");
    assertEquals(IntensityHistogramFamily.FEATURES, List.copyOf(fv.values().keySet()));
  }

  @Test
  void ctPhantomConfigurationA() {
    // Configuration A histogram: fixed bin size 25 HU from -500 HU, after resegmentation to [-500, 400].
    IbsiReference.assertCtPhantom(new IntensityHistogramFamily(), "A", "ih_", 23);
  }
}
