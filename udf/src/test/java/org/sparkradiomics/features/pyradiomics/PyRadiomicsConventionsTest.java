package org.sparkradiomics.features.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.profile.ProfileResult;
import org.sparkradiomics.features.profile.PyRadiomicsProfile;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/** PyRadiomics conventions on hand-computed small volumes (each computation written next to its assertion). */
class PyRadiomicsConventionsTest {
  private static final double EPS = 1e-12;

  private static Map<String, Double> original(String yaml, Volume img, boolean[] mask) {
    ProfileResult r = PyRadiomicsProfile.fromYaml(yaml).extract(img, Mask.onGridOf(img, mask));
    assertTrue(r.ok(), () -> r.message());
    return r.byImageType().get("original").values();
  }

  private static boolean[] all(int n) {
    boolean[] b = new boolean[n];
    java.util.Arrays.fill(b, true);
    return b;
  }

  @Test
  void binWidthIsAnchoredAtZero() {
    // values -7..13, w = 5. Python: -7 % 5 = 3, lowBound = -10; edges -10, -5, 0, 5, 10, 15;
    // bin = floor(x/5) - floor(-7/5) + 1 = floor(x/5) + 3: -7..-6 -> 1, -5..-1 -> 2, 0..4 -> 3, 5..9 -> 4, 10..13 -> 5
    float[] x = new float[21];
    for (int i = 0; i < 21; i++) {
      x[i] = -7 + i;
    }
    int[] bins = new int[21];
    int ng = PyDiscretiser.apply(x, all(21), 5, null, bins);
    assertEquals(5, ng);
    int[] expected = {1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5};
    assertArrayEquals(expected, bins);
    // IBSI's fixed bin size (anchored at the ROI minimum -7) would put -7..-3 in bin 1: the conventions differ.
    // A positive minimum: x = {12, 14, 25}, w = 10: lowBound = 10, bins floor(x/10) - 1 + 1 = 1, 1, 2.
    int[] b2 = new int[3];
    assertEquals(2, PyDiscretiser.apply(new float[] {12, 14, 25}, all(3), 10, null, b2));
    assertArrayEquals(new int[] {1, 1, 2}, b2);
  }

  @Test
  void binCountUsesNumpyHistogramEdges() {
    // x = 0..10, N = 4: edges linspace(0, 10, 5) = 0, 2.5, 5, 7.5, 10 (+1 -> 11):
    // 0,1,2 -> 1; 3,4 -> 2; 5,6,7 -> 3; 8,9,10 -> 4 (the maximum falls in the last bin)
    float[] x = new float[11];
    for (int i = 0; i <= 10; i++) {
      x[i] = i;
    }
    int[] bins = new int[11];
    assertEquals(4, PyDiscretiser.apply(x, all(11), 25, 4, bins));
    assertArrayEquals(new int[] {1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4}, bins);
    // flat ROI of 3 with N = 4: numpy's range [2.5, 3.5], edges 2.5, 2.75, 3.0, 3.25, 3.5(+1): 3 >= 3.0 -> bin 3
    int[] flat = new int[2];
    PyDiscretiser.apply(new float[] {3, 3}, all(2), 25, 4, flat);
    assertArrayEquals(new int[] {3, 3}, flat);
  }

  @Test
  void firstOrderWithShiftKurtosisAndNumpyPercentiles() {
    // 3x2x1 image, spacing (1, 1, 2) -> voxel volume 2 mm^3; ROI = 5 voxels X = {1, 2, 3, 4, 10} (the 6th is out)
    Volume img = new Volume(3, 2, 1, new float[] {1, 2, 3, 4, 10, 99}, new double[] {1, 1, 2},
        new double[] {0, 0, 0}, Volume.identity());
    boolean[] m = {true, true, true, true, true, false};
    Map<String, Double> f = original("setting: {binWidth: 5, voxelArrayShift: 2}\n"
        + "featureClass: {firstorder: [Mean, Energy, TotalEnergy, RootMeanSquared, Variance, Skewness, Kurtosis,"
        + " 10Percentile, 90Percentile, Median, InterquartileRange, Range, MeanAbsoluteDeviation,"
        + " RobustMeanAbsoluteDeviation, Entropy, Uniformity, Minimum, Maximum, StandardDeviation]}\n", img, m);
    // mean 4; deviations -3 -2 -1 0 6: m2 = 50/5 = 10, m3 = 180/5 = 36, m4 = 1394/5 = 278.8
    assertEquals(4, f.get("firstorder_Mean"), EPS);
    assertEquals(10, f.get("firstorder_Variance"), EPS);
    assertEquals(Math.sqrt(10), f.get("firstorder_StandardDeviation"), EPS);
    assertEquals(36 / Math.pow(10, 1.5), f.get("firstorder_Skewness"), EPS);
    assertEquals(2.788, f.get("firstorder_Kurtosis"), EPS); // m4/m2^2 = 278.8/100 (excess would be -0.212)
    // Energy = sum (x + 2)^2 = 9 + 16 + 25 + 36 + 144 = 230; TotalEnergy = 2 mm^3 * 230; RMS = sqrt(230/5)
    assertEquals(230, f.get("firstorder_Energy"), EPS);
    assertEquals(460, f.get("firstorder_TotalEnergy"), EPS);
    assertEquals(Math.sqrt(46), f.get("firstorder_RootMeanSquared"), EPS);
    // numpy linear percentiles on [1,2,3,4,10], rank q/100*4: P10 rank 0.4 -> 1.4; P90 rank 3.6 -> 4 + 0.6*6 = 7.6;
    // P50 = 3; P25 = 2, P75 = 4 -> IQR 2
    assertEquals(1.4, f.get("firstorder_10Percentile"), EPS);
    assertEquals(7.6, f.get("firstorder_90Percentile"), EPS);
    assertEquals(3, f.get("firstorder_Median"), EPS);
    assertEquals(2, f.get("firstorder_InterquartileRange"), EPS);
    assertEquals(9, f.get("firstorder_Range"), EPS);
    assertEquals(1, f.get("firstorder_Minimum"), EPS);
    assertEquals(10, f.get("firstorder_Maximum"), EPS);
    assertEquals(2.4, f.get("firstorder_MeanAbsoluteDeviation"), EPS); // (3+2+1+0+6)/5
    // 1.4 <= x <= 7.6: {2, 3, 4}, mean 3 -> (1 + 0 + 1)/3
    assertEquals(2.0 / 3, f.get("firstorder_RobustMeanAbsoluteDeviation"), EPS);
    // binWidth 5: bins floor(x/5) + 1 = 1,1,1,1,3 -> p = 0.8, 0.2
    assertEquals(-(0.8 * Math.log(0.8) + 0.2 * Math.log(0.2)) / Math.log(2), f.get("firstorder_Entropy"), 1e-14);
    assertEquals(0.68, f.get("firstorder_Uniformity"), EPS);
    // output order is the featureClass list's order
    assertEquals("firstorder_Mean", f.keySet().iterator().next());
  }

  @Test
  void defaultFirstOrderOrderAndDeprecatedOnlyOnRequest() {
    Volume img = Volume.of(2, 2, 1, new float[] {1, 2, 3, 4}, 1, 1, 1);
    Map<String, Double> f = original("featureClass: {firstorder: }\n", img, all(4));
    List<String> keys = List.copyOf(f.keySet());
    // PyRadiomics orders by getter name: MeanAbsoluteDeviation before Mean; StandardDeviation (deprecated) absent
    assertEquals(List.of("firstorder_10Percentile", "firstorder_90Percentile", "firstorder_Energy",
        "firstorder_Entropy", "firstorder_InterquartileRange", "firstorder_Kurtosis", "firstorder_Maximum",
        "firstorder_MeanAbsoluteDeviation", "firstorder_Mean", "firstorder_Median", "firstorder_Minimum",
        "firstorder_Range", "firstorder_RobustMeanAbsoluteDeviation", "firstorder_RootMeanSquared",
        "firstorder_Skewness", "firstorder_TotalEnergy", "firstorder_Uniformity", "firstorder_Variance"), keys);
  }

  @Test
  void glcmSymmetricAveragedOverAngles() {
    // 2x2x1 image [[1,2],[3,4]] (x fastest), binWidth 1 -> grey levels 1..4. Non-empty 3D directions:
    //  (1,0,0): pairs (1,2),(3,4) -> symmetric entries (1,2),(2,1),(3,4),(4,3), each 1/4: contrast 1
    //  (0,1,0): pairs (1,3),(2,4): contrast 4;  (1,1,0): pair (1,4): contrast 9;  (1,-1,0): pair (3,2): contrast 1
    // The 9 other directions have no pair and are dropped. Contrast = (1+4+9+1)/4 = 3.75.
    // JointAverage: every matrix is symmetric in the 4 levels it uses, mean i = 2.5 for each -> 2.5.
    // JointEnergy: 4*(1/4)^2 = 0.25, 0.25, 2*(1/2)^2 = 0.5, 0.5 -> 0.375.
    Volume img = Volume.of(2, 2, 1, new float[] {1, 2, 3, 4}, 1, 1, 1);
    Map<String, Double> f = original("setting: {binWidth: 1}\nfeatureClass: {glcm: [Contrast, JointAverage, "
        + "JointEnergy, SumAverage]}\n", img, all(4));
    assertEquals(3.75, f.get("glcm_Contrast"), EPS);
    assertEquals(2.5, f.get("glcm_JointAverage"), EPS);
    assertEquals(0.375, f.get("glcm_JointEnergy"), EPS);
    assertEquals(5.0, f.get("glcm_SumAverage"), EPS); // 2 * JointAverage
    // weightingNorm no_weighting: the 4 matrices summed: 12 entries of 1/12, contrast 2(1+1+4+4+9+1)/12 = 40/12
    Map<String, Double> g = original("setting: {binWidth: 1, weightingNorm: no_weighting}\n"
        + "featureClass: {glcm: [Contrast]}\n", img, all(4));
    assertEquals(40.0 / 12, g.get("glcm_Contrast"), EPS);
  }

  @Test
  void force2DUsesInPlaneDirectionsOverAllSlices() {
    // 2x2x2, both slices [[1,2],[3,4]] (grey level = 1 + x + 2y), binWidth 1.
    // 3D: contrast per direction: in-plane (1,0,0) 1, (0,1,0) 4, (1,1,0) 9, (1,-1,0) 1; (0,0,1) 0;
    //   (1,0,+-1) 1, 1; (0,1,+-1) 4, 4; (1,1,+-1) 9, 9; (1,-1,+-1) 1, 1 -> sum 45 over 13 directions
    // force2D (dimension 0 = z): the 4 in-plane directions, pairs of both slices: (1+4+9+1)/4 = 3.75
    // force2Ddimension 1 (planes y = const, directions in x-z): (1,0,0) 1, (0,0,1) 0, (1,0,+-1) 1, 1 -> 0.75
    // force2Ddimension 2 (planes x = const, directions in y-z): (0,1,0) 4, (0,0,1) 0, (0,1,+-1) 4, 4 -> 3
    Volume img = Volume.of(2, 2, 2, new float[] {1, 2, 3, 4, 1, 2, 3, 4}, 1, 1, 1);
    String cls = "featureClass: {glcm: [Contrast]}\n";
    assertEquals(45.0 / 13, original("setting: {binWidth: 1}\n" + cls, img, all(8)).get("glcm_Contrast"), EPS);
    assertEquals(3.75, original("setting: {binWidth: 1, force2D: True}\n" + cls, img, all(8))
        .get("glcm_Contrast"), EPS);
    assertEquals(0.75, original("setting: {binWidth: 1, force2D: True, force2Ddimension: 1}\n" + cls, img, all(8))
        .get("glcm_Contrast"), EPS);
    assertEquals(3, original("setting: {binWidth: 1, force2D: True, force2Ddimension: 2}\n" + cls, img, all(8))
        .get("glcm_Contrast"), EPS);
  }

  @Test
  void mccOfSmallMatrices() {
    // counts [[2,2],[2,2]]: p = 1/4 each, px = 1/2: Q(i,j) = 2 * (1/16) / (1/4) = 1/2 -> eigenvalues 1, 0 -> MCC 0
    assertEquals(0, PyGlcmExtras.mccOfMatrix(new double[] {2, 2, 2, 2}, 2), 1e-7);
    // counts [[2,1],[1,0]]: p = [[1/2,1/4],[1/4,0]], px = (3/4, 1/4):
    // Q = [[7/9, 2/9],[2/3, 1/3]]: trace 10/9, det 7/27 - 4/27 = 1/9 -> eigenvalues 1 and 1/9 -> MCC 1/3
    assertEquals(1.0 / 3, PyGlcmExtras.mccOfMatrix(new double[] {2, 1, 1, 0}, 2), 1e-12);
  }

  @Test
  void gldmDependenceWithAlpha() {
    // 2x2x1 grey levels [[1,2],[2,4]] (binWidth 1); every voxel neighbours the 3 others.
    // a = 0: dependences (1 + equal neighbours): 1 -> 1, 2 -> 2, 2 -> 2, 4 -> 1; N = 4
    //   SDE = (1/1 + 1/4 + 1/4 + 1/1)/4 = 0.625, LDE = (1 + 4 + 4 + 1)/4 = 2.5
    // a = 1: 1 -> 3 (both 2s), 2 -> 3 (the 1 and the other 2), 2 -> 3, 4 -> 1 (|4-2| = 2 > 1)
    //   SDE = (3/9 + 1)/4 = 1/3, LDE = (3*9 + 1)/4 = 7
    Volume img = Volume.of(2, 2, 1, new float[] {1, 2, 2, 4}, 1, 1, 1);
    String cls = "featureClass: {gldm: [SmallDependenceEmphasis, LargeDependenceEmphasis]}\n";
    Map<String, Double> a0 = original("setting: {binWidth: 1}\n" + cls, img, all(4));
    assertEquals(0.625, a0.get("gldm_SmallDependenceEmphasis"), EPS);
    assertEquals(2.5, a0.get("gldm_LargeDependenceEmphasis"), EPS);
    Map<String, Double> a1 = original("setting: {binWidth: 1, gldm_a: 1}\n" + cls, img, all(4));
    assertEquals(1.0 / 3, a1.get("gldm_SmallDependenceEmphasis"), EPS);
    assertEquals(7, a1.get("gldm_LargeDependenceEmphasis"), EPS);
  }

  @Test
  void shapeDiametersAndAxes() {
    // 2x2x1 mask, spacing 1. Mesh vertices on voxel-edge midpoints:
    //  plane z = 0: (-0.5,0),(-0.5,1),(1.5,0),(1.5,1),(0,-0.5),(1,-0.5),(0,1.5),(1,1.5): diameter sqrt(2^2+1^2)
    //  planes z = +-0.5: unit squares (diameter sqrt 2) -> Slice = sqrt 5
    //  plane y = 0: (-0.5,0,0),(1.5,0,0),(0,0,+-0.5),(1,0,+-0.5): diameter 2 -> Column = 2; Row (x planes) = 2
    //  3D: sqrt 5. PCA: centres (0,0),(1,0),(0,1),(1,1): var x = var y = 4*(1/4)/4 = 1/4 (PyRadiomics divides by
    //  N: coordinates /= sqrt(Np)), cov 0, var z 0 -> Major = Minor = 4 sqrt(1/4) = 2, Least 0, Elongation 1, Flatness 0; VoxelVolume 4
    Volume img = Volume.of(4, 4, 3, new float[48], 1, 1, 1);
    boolean[] m = new boolean[48];
    for (int y = 1; y <= 2; y++) {
      for (int x = 1; x <= 2; x++) {
        m[x + 4 * (y + 4)] = true;
      }
    }
    Map<String, Double> f = original("featureClass: {shape: }\n", img, m);
    assertEquals(Math.sqrt(5), f.get("shape_Maximum2DDiameterSlice"), EPS);
    assertEquals(2, f.get("shape_Maximum2DDiameterColumn"), EPS);
    assertEquals(2, f.get("shape_Maximum2DDiameterRow"), EPS);
    assertEquals(Math.sqrt(5), f.get("shape_Maximum3DDiameter"), EPS);
    assertEquals(2.0, f.get("shape_MajorAxisLength"), 1e-9);
    assertEquals(2.0, f.get("shape_MinorAxisLength"), 1e-9);
    assertEquals(0, f.get("shape_LeastAxisLength"), 1e-6);
    assertEquals(1, f.get("shape_Elongation"), 1e-9);
    assertEquals(0, f.get("shape_Flatness"), 1e-6);
    assertEquals(4, f.get("shape_VoxelVolume"), EPS);
    assertFalse(f.containsKey("shape_Compactness1")); // deprecated: only on request
    double v = f.get("shape_MeshVolume");
    double a = f.get("shape_SurfaceArea");
    assertEquals(a / v, f.get("shape_SurfaceVolumeRatio"), EPS);
    assertEquals(Math.cbrt(36 * Math.PI * v * v) / a, f.get("shape_Sphericity"), EPS);
  }

  @Test
  void resegmentationModes() {
    // X = {1, 2, 3, 4, 10}: relative [0.25, 0.5] of max 10 -> [2.5, 5] keeps {3, 4} -> Mean 3.5;
    // sigma [-1, 1]: mean 4, population sd sqrt(10) = 3.162 -> [0.838, 7.162] keeps {1, 2, 3, 4} -> Mean 2.5
    Volume img = Volume.of(3, 2, 1, new float[] {1, 2, 3, 4, 10, 99}, 1, 1, 1);
    boolean[] m = {true, true, true, true, true, false};
    String cls = "featureClass: {firstorder: [Mean]}\n";
    assertEquals(3.5, original("setting: {resegmentRange: [0.25, 0.5], resegmentMode: relative}\n" + cls, img, m)
        .get("firstorder_Mean"), EPS);
    assertEquals(2.5, original("setting: {resegmentRange: [-1, 1], resegmentMode: sigma}\n" + cls, img, m)
        .get("firstorder_Mean"), EPS);
    // absolute, lower bound only: x >= 3 -> {3, 4, 10} -> mean 17/3
    assertEquals(17.0 / 3, original("setting: {resegmentRange: [3]}\n" + cls, img, m).get("firstorder_Mean"),
        EPS);
  }

  @Test
  void resamplingOnTheCornerAlignedGrid() {
    // 4x2x1 image, spacing 1, value = x; all voxels in the ROI; padDistance 0.
    // Target (2, 1, 1), linear: x ratio r = 1/2, L = max(0, floor((0 - 0.5) / 2)) = 0,
    // U = min(ceil(4/2) - 1, ceil((3 + 0.5) / 2)) = 1 -> 2 voxels at p = (2-1)/2 + j*2 = 0.5, 2.5 -> values 0.5, 2.5;
    // y and z unchanged. ROI = 2x2 voxels of 2 mm^3: Mean 1.5, Minimum 0.5, Maximum 2.5, VoxelVolume 8.
    Volume img = Volume.of(4, 2, 1, new float[] {0, 1, 2, 3, 0, 1, 2, 3}, 1, 1, 1);
    String cls = "featureClass: {shape: [VoxelVolume], firstorder: [Mean, Minimum, Maximum]}\n";
    PyRadiomicsProfile p = PyRadiomicsProfile.fromYaml("setting: {resampledPixelSpacing: [2, 1, 1], "
        + "interpolator: sitkLinear, padDistance: 0}\n" + cls);
    PyRadiomicsProfile.CaseResult r = p.extractCase(img, Mask.onGridOf(img, all(8)));
    Map<String, Double> f = r.features().byImageType().get("original").values();
    assertEquals(1.5, f.get("firstorder_Mean"), EPS);
    assertEquals(0.5, f.get("firstorder_Minimum"), EPS);
    assertEquals(2.5, f.get("firstorder_Maximum"), EPS);
    assertEquals(8, f.get("shape_VoxelVolume"), EPS);
    assertEquals("(2.0, 1.0, 1.0)", r.diagnostics().get("diagnostics_Image-interpolated_Spacing"));
    assertEquals("(2, 2, 1)", r.diagnostics().get("diagnostics_Image-interpolated_Size"));
    // Target (0.5, 0, 0) (0 keeps the axis), nearest: r = 2, L = max(0, floor(-0.5 * 2)) = 0,
    // U = min(ceil(8) - 1, ceil(3.5 * 2)) = 7 -> 8 voxels at p = -0.25 + 0.5 j -> source floor(p + 0.5) =
    // 0,0,1,1,2,2,3,3: 16 ROI voxels of 0.5 mm^3 (VoxelVolume 8), Mean 1.5
    PyRadiomicsProfile q = PyRadiomicsProfile.fromYaml("setting: {resampledPixelSpacing: [0.5, 0, 0], "
        + "interpolator: sitkNearestNeighbor, padDistance: 0}\n" + cls);
    Map<String, Double> g = q.extract(img, Mask.onGridOf(img, all(8))).byImageType().get("original").values();
    assertEquals(8, g.get("shape_VoxelVolume"), EPS);
    assertEquals(1.5, g.get("firstorder_Mean"), EPS);
    assertThrows(IllegalArgumentException.class, () -> PyRadiomicsProfile.fromYaml(
        "setting: {resampledPixelSpacing: [1, 1, 1], interpolator: sitkGaussian}\n"));
  }

  @Test
  void minimumRoiDimensionsIsATypedError() {
    // a 5x1x1 ROI spans 1 dimension < minimumROIDimensions 2
    Volume img = Volume.of(5, 1, 1, new float[] {1, 2, 3, 4, 5}, 1, 1, 1);
    ProfileResult r = PyRadiomicsProfile.fromYaml("{}").extract(img, Mask.onGridOf(img, all(5)));
    assertEquals(ErrorKind.EMPTY_ROI, r.error());
    assertTrue(r.message().contains("minimumROIDimensions"), r.message());
    ProfileResult ok = PyRadiomicsProfile.fromYaml("setting: {minimumROIDimensions: 1}\n"
        + "featureClass: {firstorder: [Mean]}").extract(img, Mask.onGridOf(img, all(5)));
    assertEquals(3, ok.byImageType().get("original").get("firstorder_Mean"), EPS);
  }

  @Test
  void unknownKeysAreErrorsNamingTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PyRadiomicsParams.parse("setting:\n  binWidht: 25\n"));
    assertTrue(e.getMessage().contains("'binWidht'") && e.getMessage().contains("binWidth"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PyRadiomicsParams.parse("imageType:\n  Lapl: {}\n"));
    assertTrue(e.getMessage().contains("'Lapl'") && e.getMessage().contains("LoG"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PyRadiomicsParams.parse("featureClass:\n  glcm: [Foo]\n"));
    assertTrue(e.getMessage().contains("'Foo'") && e.getMessage().contains("Contrast"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PyRadiomicsParams.parse("settings: {}\n"));
    assertTrue(e.getMessage().contains("'settings'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PyRadiomicsParams.parse("setting: {binWidth: abc}\n"));
    assertTrue(e.getMessage().contains("binWidth"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> PyRadiomicsProfile.fromYaml("setting: {label_channel: 1}\n"));
    assertTrue(e.getMessage().contains("label_channel"), e.getMessage());
  }

  @Test
  void shape2DOnlyWithForce2DAndEnabledByDefault() {
    // 2x2x1 slice: shape2D without force2D is skipped as PyRadiomics' extractor does (warning, no columns)
    Volume img = Volume.of(2, 2, 1, new float[] {1, 2, 3, 4}, 1, 1, 1);
    Map<String, Double> skipped = original("featureClass: {shape2D: , firstorder: [Mean]}\n", img, all(4));
    assertEquals(2.5, skipped.get("firstorder_Mean"), EPS);
    assertTrue(skipped.keySet().stream().noneMatch(k -> k.startsWith("shape2D_")), skipped.toString());
    // with force2D: the 2x2 square of pixel centres -> marching-squares area 2x2 - 4 corner triangles of 1/8 = 3.5,
    // pixel surface 4
    Map<String, Double> f = original("setting: {force2D: True}\nfeatureClass: {shape2D: }\n", img, all(4));
    assertEquals(3.5, f.get("shape2D_MeshSurface"), EPS);
    assertEquals(4, f.get("shape2D_PixelSurface"), EPS);
    // no featureClass section: every class, shape2D included (computed with force2D only)
    assertTrue(PyRadiomicsParams.parse("setting: {force2D: True}\n").featureClasses().containsKey("shape2D"));
  }

  @Test
  void typicalParamsFileParses() {
    PyRadiomicsParams p = PyRadiomicsParams.parse("imageType:\n  Original: {}\n  LoG:\n    sigma: [1.0, 3.0]\n"
        + "featureClass:\n  shape:\n  firstorder: []\n  glcm:\n    - Contrast\n    - MCC\n"
        + "setting:\n  binWidth: 25\n  label: 2\n  interpolator: 'sitkBSpline'\n  weightingNorm: None\n"
        + "  normalize: True\n  normalizeScale: 100\n");
    assertEquals(2, p.label());
    assertTrue(p.normalize());
    assertEquals(100, p.normalizeScale(), 0);
    assertEquals(null, p.weightingNorm());
    assertEquals(List.of("Original", "LoG"), List.copyOf(p.imageTypes().keySet()));
    assertEquals(List.of(1.0, 3.0), p.settingsFor("LoG").get("sigma"));
    assertEquals(List.of("Contrast", "MCC"), p.featureClasses().get("glcm"));
    assertEquals(List.of("shape", "firstorder", "glcm"), List.copyOf(p.featureClasses().keySet()));
    // defaults
    PyRadiomicsParams d = PyRadiomicsParams.defaults();
    assertEquals(25, d.binWidth(), 0);
    assertEquals(List.of(1), d.distances());
    assertEquals(List.of("Original"), List.copyOf(d.imageTypes().keySet()));
  }

  /** A stand-in filter producing PyRadiomics-named derived images (2x and 3x the image), to test naming only. */
  static final class ScaleFilter implements PyImageTypeFilter {
    private static final long serialVersionUID = 1L;
    private final String type;
    private final String[] names;

    ScaleFilter(String type, String... names) {
      this.type = type;
      this.names = names;
    }

    @Override
    public String imageType() {
      return type;
    }

    @Override
    public LinkedHashMap<String, Volume> apply(Volume image, Mask mask, Map<String, Object> settings) {
      LinkedHashMap<String, Volume> out = new LinkedHashMap<>();
      for (int k = 0; k < names.length; k++) {
        float[] d = image.data().clone();
        for (int i = 0; i < d.length; i++) {
          d[i] *= (k + 2);
        }
        out.put(names[k], image.withData(d));
      }
      return out;
    }
  }

  @Test
  void imageTypesAreKeyedByPyRadiomicsPrefixes() {
    Volume img = Volume.of(2, 2, 1, new float[] {1, 2, 3, 4}, 1, 1, 1);
    PyRadiomicsProfile p = new PyRadiomicsProfile(PyRadiomicsParams.parse("imageType: {Original: {}, LoG: {sigma: "
        + "[1.0]}, Wavelet: {}}\nfeatureClass: {shape: [VoxelVolume], firstorder: [Mean], glrlm: [RunEntropy]}\n"),
        List.of(new ScaleFilter("LoG", "log-sigma-1-0-mm-3D"), new ScaleFilter("Wavelet", "wavelet-LLH",
            "wavelet-HHH")));
    ProfileResult r = p.extract(img, Mask.onGridOf(img, all(4)));
    assertTrue(r.ok(), r.message());
    assertEquals(List.of("original", "log-sigma-1-0-mm-3D", "wavelet-LLH", "wavelet-HHH"),
        List.copyOf(r.byImageType().keySet()));
    FeatureVector o = r.byImageType().get("original");
    // shape only for original, first
    assertEquals(List.of("shape_VoxelVolume", "firstorder_Mean", "glrlm_RunEntropy"), List.copyOf(o.values().keySet()));
    assertEquals(List.of("firstorder_Mean", "glrlm_RunEntropy"),
        List.copyOf(r.byImageType().get("wavelet-LLH").values().keySet()));
    assertEquals(2.5, o.get("firstorder_Mean"), EPS);
    assertEquals(5.0, r.byImageType().get("log-sigma-1-0-mm-3D").get("firstorder_Mean"), EPS);
    assertEquals(7.5, r.byImageType().get("wavelet-HHH").get("firstorder_Mean"), EPS);
    assertThrows(IllegalArgumentException.class, () -> PyRadiomicsProfile.fromYaml("imageType: {Gabor: {}}\n"));
  }

  @Test
  void pythonFloatRepr() {
    assertEquals("1.0", PyDiagnostics.pyFloat(1));
    assertEquals("0.1", PyDiagnostics.pyFloat(0.1));
    assertEquals("1e-05", PyDiagnostics.pyFloat(1e-5));
    assertEquals("0.0001", PyDiagnostics.pyFloat(1e-4));
    assertEquals("1e+16", PyDiagnostics.pyFloat(1e16));
    assertEquals("123456789.0", PyDiagnostics.pyFloat(123456789));
    assertEquals("-2.5", PyDiagnostics.pyFloat(-2.5));
  }
}
