package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.testing.IbsiReference;
import org.sparkradiomics.testing.TestRois;

class IntensityVolumeHistogramFamilyTest {
  private static final double EPS = 1e-12;

  private static RoiImage row(float... values) {
    return TestRois.row(values);
  }

  private static FeatureVector compute(RoiImage roi, FeatureSettings s) {
    return TestRois.compute(new IntensityVolumeHistogramFamily(), roi, s);
  }

  private static FeatureSettings ivh(Discretisation d) {
    return FeatureSettings.builder().ivh(d).build();
  }

  @Test
  void digitalPhantomMatchesEveryIbsiReferenceValue() {
    // ivh_auc has no reference value (not standardised): 6 rows remain.
    FeatureVector fv = IbsiReference.assertDigitalPhantom(new IntensityVolumeHistogramFamily(), "ivh_", 6);
    assertEquals(IntensityVolumeHistogramFamily.FEATURES, List.copyOf(fv.values().keySet()));
  }

  @Test
  void handComputedIntegerIntensitiesWithoutDiscretisation() {
    // X = {0, 1, 1, 2, 3}, no discretisation: levels 0..4 (4 = one above the maximum), range [0, 3].
    // nu(i) = fraction with X >= i: nu(0) = 1, nu(1) = 4/5, nu(2) = 2/5, nu(3) = 1/5, nu(4) = 0.
    // gamma(i) = i/3: 0, 1/3, 2/3, 1.
    // V10: lowest i with gamma >= .1 is 1 -> .8; V90: lowest with gamma >= .9 is 3 -> .2; diff .6.
    // I10: lowest i with nu <= .1 is 4; I90: lowest with nu <= .9 is 1; diff 3.
    // AUC (trapezoids of width 1/3): (1/3) [(1 + .8)/2 + (.8 + .4)/2 + (.4 + .2)/2] = (1/3)(1.8) = .6.
    FeatureVector fv = compute(row(2, 0, 1, 3, 1), ivh(Discretisation.none()));
    assertEquals(0.8, fv.get("ivh_v10"), EPS);
    assertEquals(0.2, fv.get("ivh_v90"), EPS);
    assertEquals(4.0, fv.get("ivh_i10"), EPS);
    assertEquals(1.0, fv.get("ivh_i90"), EPS);
    assertEquals(0.6, fv.get("ivh_diff_v10_v90"), EPS);
    assertEquals(3.0, fv.get("ivh_diff_i10_i90"), EPS);
    assertEquals(0.6, fv.get("ivh_auc"), EPS);
  }

  @Test
  void resegmentationRangeSetsTheIntensityFractionRange() {
    // X = {0, 1, 1, 2, 3} with resegmentation range [0, 10]: gamma(i) = i/10; levels 0..10 (nu = 0 from 4 on).
    // V10: gamma >= .1 first at i = 1 -> .8; V90: i = 9 -> 0. I10 = 4, I90 = 1 as before.
    // AUC: (1/10)[(1+.8)/2 + (.8+.4)/2 + (.4+.2)/2 + (.2+0)/2 + 0...] = (1/10)(.9 + .6 + .3 + .1) = .19.
    FeatureSettings s = FeatureSettings.builder().ivh(Discretisation.none()).resegmentRange(0, 10).build();
    FeatureVector fv = compute(row(2, 0, 1, 3, 1), s);
    assertEquals(0.8, fv.get("ivh_v10"), EPS);
    assertEquals(0.0, fv.get("ivh_v90"), EPS);
    assertEquals(4.0, fv.get("ivh_i10"), EPS);
    assertEquals(1.0, fv.get("ivh_i90"), EPS);
    assertEquals(0.19, fv.get("ivh_auc"), EPS);
  }

  @Test
  void handComputedFixedBinSize() {
    // X = {0, 1, 3, 6, 9.5}, FBS w = 2.5, resegmentation [0, 10]: bins floor(X/2.5)+1 = 1, 1, 2, 3, 4; the last
    // possible bin is ceil(10/2.5) = 4. Bin centres 1.25, 3.75, 6.25, 8.75 (and 11.25 above), range [1.25, 8.75].
    // nu per bin: 1, 3/5, 2/5, 1/5, 0; gamma: 0, 1/3, 2/3, 1.
    // V10 = .6 (bin 2), V90 = .2 (bin 4); I10 = 11.25 (bin 5, nu 0), I90 = 3.75 (bin 2, nu .6).
    // AUC = (1/3)[(1+.6)/2 + (.6+.4)/2 + (.4+.2)/2] = 1.6/3.
    FeatureSettings s =
        FeatureSettings.builder().ivh(Discretisation.fixedBinSize(2.5)).resegmentRange(0, 10).build();
    FeatureVector fv = compute(row(0, 1, 3, 6, 9.5f), s);
    assertEquals(0.6, fv.get("ivh_v10"), EPS);
    assertEquals(0.2, fv.get("ivh_v90"), EPS);
    assertEquals(11.25, fv.get("ivh_i10"), EPS);
    assertEquals(3.75, fv.get("ivh_i90"), EPS);
    assertEquals(0.4, fv.get("ivh_diff_v10_v90"), EPS);
    assertEquals(7.5, fv.get("ivh_diff_i10_i90"), EPS);
    assertEquals(1.6 / 3, fv.get("ivh_auc"), EPS);
  }

  @Test
  void handComputedFixedBinNumber() {
    // X = {0, 10, 20, 30, 40}, FBN 4: bins floor(4 X / 40) + 1 capped at 4 = 1, 2, 3, 4, 4; range [1, 4].
    // nu: 1, .8, .6, .4, 0 (bin 5); gamma: 0, 1/3, 2/3, 1.
    // V10 = .8, V90 = .4, I10 = 5, I90 = 2; AUC = (1/3)[.9 + .7 + .5] = .7.
    FeatureVector fv = compute(row(0, 10, 20, 30, 40), ivh(Discretisation.fixedBinNumber(4)));
    assertEquals(0.8, fv.get("ivh_v10"), EPS);
    assertEquals(0.4, fv.get("ivh_v90"), EPS);
    assertEquals(5.0, fv.get("ivh_i10"), EPS);
    assertEquals(2.0, fv.get("ivh_i90"), EPS);
    assertEquals(0.7, fv.get("ivh_auc"), EPS);
  }

  @Test
  void nonIntegerIntensitiesUseTheDistinctValues() {
    // X = {.5, 1.5, 1.5, 2.25}: levels are the distinct values .5, 1.5, 2.25 (no grid step to extend by).
    // nu: 1, .75, .25; range [.5, 2.25], gamma: 0, 1/1.75, 1.
    // V10 = .75, V90 = .25; I90 = 1.5; I10 undefined (no level has nu <= .1).
    // AUC = (1/1.75)(1 + .75)/2 + (.75/1.75)(.75 + .25)/2 = .5 + .375/1.75.
    FeatureVector fv = compute(row(0.5f, 1.5f, 1.5f, 2.25f), ivh(Discretisation.none()));
    assertEquals(0.75, fv.get("ivh_v10"), EPS);
    assertEquals(0.25, fv.get("ivh_v90"), EPS);
    assertEquals(1.5, fv.get("ivh_i90"), EPS);
    assertNull(fv.get("ivh_i10"));
    assertNull(fv.get("ivh_diff_i10_i90"));
    assertTrue(fv.undefinedReason("ivh_i10").contains("no level"));
    assertEquals(0.5 + 0.375 / 1.75, fv.get("ivh_auc"), EPS);
  }

  @Test
  void hugeIntegerRangeNeedsNoDenseGrid() {
    // X = {0, 2e9} (integers, step 1): nu(0) = 1, nu(1..2e9) = .5, nu(2e9 + 1) = 0.
    // V10 = V90 = .5; I10 = 2e9 + 1 (first level with nu <= .1); I90 = 1.
    // AUC = (1/2e9) [sum_{g=0}^{2e9} nu(g) - (nu(0) + nu(2e9))/2] = (1/2e9) [1 + 2e9 * .5 - .75].
    FeatureVector fv = compute(row(0f, 2e9f), ivh(Discretisation.none()));
    assertEquals(0.5, fv.get("ivh_v10"), EPS);
    assertEquals(0.5, fv.get("ivh_v90"), EPS);
    assertEquals(2e9 + 1, fv.get("ivh_i10"), EPS);
    assertEquals(1.0, fv.get("ivh_i90"), EPS);
    assertEquals((1 + 1e9 - 0.75) / 2e9, fv.get("ivh_auc"), 1e-12);
  }

  @Test
  void singleVoxelHasNoIntensityFraction() {
    // One voxel X = 7: range [7, 7] -> gamma undefined: V10, V90, their difference and the AUC are undefined.
    // nu(7) = 1, nu(8) = 0 -> I10 = I90 = 8, difference 0.
    FeatureVector fv = compute(row(7), ivh(Discretisation.none()));
    for (String f : List.of("ivh_v10", "ivh_v90", "ivh_diff_v10_v90", "ivh_auc")) {
      assertNull(fv.get(f));
      assertTrue(fv.undefinedReason(f).contains("single value"), fv.undefinedReason(f));
    }
    assertEquals(8.0, fv.get("ivh_i10"), EPS);
    assertEquals(8.0, fv.get("ivh_i90"), EPS);
    assertEquals(0.0, fv.get("ivh_diff_i10_i90"), EPS);
  }

  @Test
  void emptyMaskMarksEveryFeatureUndefined() {
    RoiImage r = row(1, 2);
    java.util.Arrays.fill(r.intensityMask, false);
    FeatureVector fv = compute(r, ivh(Discretisation.none()));
    TestRois.assertAllUndefined(fv, IntensityVolumeHistogramFamily.FEATURES.size(), "empty intensity mask");
    assertEquals(IntensityVolumeHistogramFamily.FEATURES, List.copyOf(fv.values().keySet()));
  }

  @Test
  void ctPhantomConfigurationA() {
    // Configuration A: IVH on the undiscretised HU values, intensity range = resegmentation range [-500, 400].
    IbsiReference.assertCtPhantom(new IntensityVolumeHistogramFamily(), "A", "ivh_", 6);
  }
}
