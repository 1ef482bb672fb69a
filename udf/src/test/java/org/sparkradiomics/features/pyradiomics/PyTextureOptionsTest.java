package org.sparkradiomics.features.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.features.families.GlcmFamily;
import org.sparkradiomics.features.families.GlrlmFamily;
import org.sparkradiomics.features.families.NgldmFamily;
import org.sparkradiomics.features.families.NgtdmFamily;
import org.sparkradiomics.features.profile.ProfileResult;
import org.sparkradiomics.features.profile.PyRadiomicsProfile;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics' {@code distances}, {@code symmetricalGLCM: False} and {@code weightingNorm} on hand-computed volumes
 * ({@link PyTextureMatrices}), and through the profile.
 */
class PyTextureOptionsTest {
  private static final double EPS = 1e-12;

  /** A ROI whose every voxel is in the mask, grey levels = the given bins (x fastest). */
  private static RoiImage roi(int nx, int ny, int nz, double sx, double sy, double sz, int... bins) {
    int ng = Arrays.stream(bins).max().getAsInt();
    boolean[] m = new boolean[bins.length];
    Arrays.fill(m, true);
    float[] v = new float[bins.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = bins[i];
    }
    return new RoiImage(nx, ny, nz, sx, sy, sz, v, m, m, bins, ng, bins, ng);
  }

  private static Map<String, Double> original(String yaml, Volume img) {
    boolean[] all = new boolean[img.voxelCount()];
    Arrays.fill(all, true);
    ProfileResult r = PyRadiomicsProfile.fromYaml(yaml).extract(img, Mask.onGridOf(img, all));
    assertTrue(r.ok(), r::message);
    return r.byImageType().get("original").values();
  }

  private static double e(double x) {
    return Math.exp(x);
  }

  @Test
  void angleSetsAreChebyshevShells() {
    int[] big = {9, 9, 9};
    // GLCM (one per +/- pair): (3^3 - 1) / 2 = 13; shell 2: (5^3 - 3^3) / 2 = 49; [1, 2]: 62
    assertEquals(13, PyTextureMatrices.angles(new int[] {1}, false, false, big).length);
    assertEquals(49, PyTextureMatrices.angles(new int[] {2}, false, false, big).length);
    assertEquals(62, PyTextureMatrices.angles(new int[] {1, 2}, false, false, big).length);
    // force2D: (3^2 - 1) / 2 = 4, (5^2 - 3^2) / 2 = 8
    assertEquals(4, PyTextureMatrices.angles(new int[] {1}, true, false, big).length);
    assertEquals(8, PyTextureMatrices.angles(new int[] {2}, true, false, big).length);
    // NGTDM/GLDM neighbourhoods (both signs): 26, 98, 124 (5^3 - 1)
    assertEquals(26, PyTextureMatrices.angles(new int[] {1}, false, true, big).length);
    assertEquals(98, PyTextureMatrices.angles(new int[] {2}, false, true, big).length);
    assertEquals(124, PyTextureMatrices.angles(new int[] {1, 2}, false, true, big).length);
    // the shell at 2 contains no offset of norm 1
    for (int[] a : PyTextureMatrices.angles(new int[] {2}, false, true, big)) {
      assertEquals(2, Math.max(Math.abs(a[0]), Math.max(Math.abs(a[1]), Math.abs(a[2]))));
    }
    // PyRadiomics order (z slowest, components from -max), first half: first non-zero (z, y, x) component < 0
    assertArrayEquals(new int[][] {{-1, -1, 0}, {0, -1, 0}, {1, -1, 0}, {-1, 0, 0}},
        PyTextureMatrices.angles(new int[] {1}, true, false, big));
    // a single-slice box (nz = 1): offsets with dz != 0 reach as far as the size and are not generated
    assertEquals(4, PyTextureMatrices.angles(new int[] {1}, false, false, new int[] {3, 3, 1}).length);
  }

  /**
   * 3x3x1 slice (x across, y down), grey levels
   * <pre>
   *   a b c     1 1 2
   *   d e f  =  1 2 2
   *   g h i     2 2 2
   * </pre>
   * distances [2]: the 8 in-plane angles of the shell (one per pair) that fit in 3x3; pairs (reference, neighbour
   * at reference + angle):
   * (-2,-2): (i,a); (-1,-2): (h,a) (i,b); (0,-2): (g,a) (h,b) (i,c); (1,-2): (g,b) (h,c); (2,-2): (g,c);
   * (-2,-1): (f,a) (i,d); (2,-1): (d,c) (g,f); (-2,0): (c,a) (f,d) (i,g) -- 16 pairs, no pair at distance 1.
   * As grey levels: P[2][1] = 10, P[2][2] = 5, P[1][2] = 1, P[1][1] = 0.
   */
  private static RoiImage slice3x3() {
    return roi(3, 3, 1, 1, 1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 2);
  }

  @Test
  void distance2GlcmCountsByHand() {
    double[] p = PyTextureMatrices.weightedGlcm(slice3x3(), new int[] {2}, false, false, "no_weighting");
    assertArrayEquals(new double[] {0, 1, 10, 5}, p, EPS);
    // symmetrical: P + P^T = [[0, 11], [11, 10]]
    p = PyTextureMatrices.weightedGlcm(slice3x3(), new int[] {2}, false, true, "no_weighting");
    assertArrayEquals(new double[] {0, 11, 11, 10}, p, EPS);
    // distance 1 for comparison: 4 angles, pairs (ref, -x), (ref, -y), (ref, -x-y), (ref, +x-y):
    // total pairs 6 + 6 + 4 + 4 = 20, not 16
    double[] q = PyTextureMatrices.weightedGlcm(slice3x3(), new int[] {1}, false, false, "no_weighting");
    assertEquals(20, Arrays.stream(q).sum(), EPS);
  }

  @Test
  void asymmetricGlcmFeaturesByHand() {
    // merged (no_weighting) distance-2 matrix of slice3x3: asymmetric P = [[0, 1], [10, 5]] / 16
    //   row marginal p_x = (1, 15)/16, column marginal p_y = (10, 6)/16
    //   Contrast = (1 + 10)/16 = 11/16
    //   JointAverage = ux = 1/16 + 2*15/16 = 31/16 (uy = 10/16 + 12/16 = 22/16)
    //   ClusterShade = sum (i + j - ux - uy)^3 p, ux + uy = 53/16: cells i + j = 3 (p = 11/16), 4 (p = 5/16)
    //   SumSquares = sum (i - ux)^2 p_x = (15/16)^2/16 + (1/16)^2 15/16 = 240/4096
    //   Correlation: sigma_x^2 = 15/256, sigma_y^2 = 15/64, cov = (-75 - 30 + 25)/2048 = -5/128
    //     -> (-5/128) / (15/128) = -1/3
    // symmetrical P = [[0, 11], [11, 10]] / 32, p = (11, 21)/32:
    //   Contrast 22/32 = 11/16 (unchanged), JointAverage 11/32 + 42/32 = 53/32, ClusterShade unchanged
    //   (2 mu = ux + uy), SumSquares (21/32)^2 11/32 + (11/32)^2 21/32 = 231/1024,
    //   Correlation cov = (-2*21*121 + 121*10)/32768 = -3872/32768, / (231/1024) = -11/21
    String yaml = "setting: {binWidth: 1, distances: [2], weightingNorm: no_weighting, symmetricalGLCM: %s}\n"
        + "featureClass: {glcm: [Contrast, JointAverage, ClusterShade, SumSquares, Correlation]}\n";
    Volume img = Volume.of(3, 3, 1, new float[] {1, 1, 2, 1, 2, 2, 2, 2, 2}, 1, 1, 1);
    Map<String, Double> asym = original(String.format(yaml, "False"), img);
    Map<String, Double> sym = original(String.format(yaml, "True"), img);
    double shade = 11.0 / 16 * Math.pow(3 - 53.0 / 16, 3) + 5.0 / 16 * Math.pow(4 - 53.0 / 16, 3);
    assertEquals(11.0 / 16, asym.get("glcm_Contrast"), EPS);
    assertEquals(31.0 / 16, asym.get("glcm_JointAverage"), EPS);
    assertEquals(shade, asym.get("glcm_ClusterShade"), EPS);
    assertEquals(240.0 / 4096, asym.get("glcm_SumSquares"), EPS);
    assertEquals(-1.0 / 3, asym.get("glcm_Correlation"), EPS);
    assertEquals(11.0 / 16, sym.get("glcm_Contrast"), EPS);
    assertEquals(53.0 / 32, sym.get("glcm_JointAverage"), EPS);
    assertEquals(shade, sym.get("glcm_ClusterShade"), EPS);
    assertEquals(231.0 / 1024, sym.get("glcm_SumSquares"), EPS);
    assertEquals(-11.0 / 21, sym.get("glcm_Correlation"), EPS);
  }

  /**
   * 2x2x1 [[1, 2], [3, 4]] (g(0,0) = 1, g(1,0) = 2, g(0,1) = 3, g(1,1) = 4), spacing (1, 2, 3). In-plane angles and
   * their pairs (reference, neighbour): (-1,-1): (4,1); (0,-1): (3,1) (4,2); (1,-1): (3,2); (-1,0): (2,1) (4,3).
   * |a| * spacing: (1, 2), (0, 2), (1, 2), (1, 0) ->
   * infinity d = 2, 2, 2, 1 -> w = e^-4, e^-4, e^-4, e^-1;
   * euclidean d^2 = 5, 4, 5, 1 -> w = e^-5, e^-4, e^-5, e^-1;
   * manhattan d = 3, 2, 3, 1 -> w = e^-9, e^-4, e^-9, e^-1.
   */
  @Test
  void glcmWeightsByHand() {
    RoiImage r = roi(2, 2, 1, 1, 2, 3, 1, 2, 3, 4);
    double[] inf = PyTextureMatrices.weightedGlcm(r, new int[] {1}, false, false, "infinity");
    double[] want = new double[16];
    want[3 * 4 + 0] = e(-4); // (4,1)
    want[2 * 4 + 0] = e(-4); // (3,1)
    want[3 * 4 + 1] = e(-4); // (4,2)
    want[2 * 4 + 1] = e(-4); // (3,2)
    want[1 * 4 + 0] = e(-1); // (2,1)
    want[3 * 4 + 2] = e(-1); // (4,3)
    assertArrayEquals(want, inf, EPS);
    double[] euc = PyTextureMatrices.weightedGlcm(r, new int[] {1}, false, false, "euclidean");
    assertEquals(e(-5), euc[3 * 4 + 0], EPS);
    assertEquals(e(-4), euc[2 * 4 + 0], EPS);
    assertEquals(e(-5), euc[2 * 4 + 1], EPS);
    double[] man = PyTextureMatrices.weightedGlcm(r, new int[] {1}, false, true, "manhattan");
    // symmetrical: (4,1) and (1,4) both e^-9
    assertEquals(e(-9), man[3 * 4 + 0], EPS);
    assertEquals(e(-9), man[0 * 4 + 3], EPS);
    assertEquals(e(-1), man[0 * 4 + 1], EPS);

    // Contrast of the merged matrix, squared differences (4,1) 9, (3,1) 4, (4,2) 4, (3,2) 1, (2,1) 1, (4,3) 1:
    double cInf = (18 * e(-4) + 2 * e(-1)) / (4 * e(-4) + 2 * e(-1));
    double cEuc = (10 * e(-5) + 8 * e(-4) + 2 * e(-1)) / (2 * e(-5) + 2 * e(-4) + 2 * e(-1));
    double cMan = (10 * e(-9) + 8 * e(-4) + 2 * e(-1)) / (2 * e(-9) + 2 * e(-4) + 2 * e(-1));
    Volume img = Volume.of(2, 2, 1, new float[] {1, 2, 3, 4}, 1, 2, 3);
    String yaml = "setting: {binWidth: 1, weightingNorm: %s}\nfeatureClass: {glcm: [Contrast]}\n";
    assertEquals(cInf, original(String.format(yaml, "infinity"), img).get("glcm_Contrast"), EPS);
    assertEquals(cEuc, original(String.format(yaml, "euclidean"), img).get("glcm_Contrast"), EPS);
    assertEquals(cMan, original(String.format(yaml, "manhattan"), img).get("glcm_Contrast"), EPS);
    // None: per-angle contrasts 9, (4 + 4)/2, 1, (1 + 1)/2 averaged = 15/4; no_weighting: 20/6
    assertEquals(15.0 / 4, original("setting: {binWidth: 1}\nfeatureClass: {glcm: [Contrast]}\n", img)
        .get("glcm_Contrast"), EPS);
    assertEquals(20.0 / 6, original(String.format(yaml, "no_weighting"), img).get("glcm_Contrast"), EPS);
  }

  /**
   * 3x2x1 [[1, 1, 2], [1, 1, 2]], spacing (1, 2, 1). Runs (grey level, length) per in-plane direction:
   * along x (-1,0): (1,2) x2, (2,1) x2; along y (0,-1): (1,2) x2, (2,2) x1;
   * diagonal (-1,-1): (1,2), (1,1) x2, (2,1) x2; anti-diagonal (1,-1): (1,2), (1,1) x2, (2,1) x2.
   * GLRLM weights are the norms themselves (PyRadiomics glrlm.py), |a| * spacing = (1,0), (0,2), (1,2), (1,2):
   * manhattan 1, 2, 3, 3 -> r11 = 3*2 + 3*2 = 12, r12 = 2 + 2*2 + 3 + 3 = 12, r21 = 2 + 3*2 + 3*2 = 14, r22 = 2;
   * N_s = 40, SRE = (12 + 12/4 + 14 + 2/4)/40 = 29.5/40, Np = sum j r = 12 + 24 + 14 + 4 = 54 = 6 voxels x 9,
   * RunPercentage = 40/54. infinity 1, 2, 2, 2: r11 = 8, r12 = 2 + 4 + 2 + 2 = 10, r21 = 2 + 4 + 4 = 10,
   * r22 = 2: SRE = (8 + 10/4 + 10 + 2/4)/30 = 21/30.
   * None: per-direction SRE (2/4 + 2)/4, (2/4 + 1/4)/3, (1/4 + 2 + 2)/5 twice -> mean (0.625 + 0.25 + 1.7)/4.
   */
  @Test
  void glrlmWeightsByHand() {
    RoiImage r = roi(3, 2, 1, 1, 2, 1, 1, 1, 2, 1, 1, 2);
    double[] man = PyTextureMatrices.weightedGlrlm(r, false, "manhattan");
    // len = 3: [(i - 1) * 3 + (j - 1)]
    assertArrayEquals(new double[] {12, 12, 0, 14, 2, 0}, man, EPS);
    Volume img = Volume.of(3, 2, 1, new float[] {1, 1, 2, 1, 1, 2}, 1, 2, 1);
    String yaml = "setting: {binWidth: 1%s}\nfeatureClass: {glrlm: [ShortRunEmphasis, RunPercentage]}\n";
    Map<String, Double> m = original(String.format(yaml, ", weightingNorm: manhattan"), img);
    assertEquals(29.5 / 40, m.get("glrlm_ShortRunEmphasis"), EPS);
    assertEquals(40.0 / 54, m.get("glrlm_RunPercentage"), EPS);
    assertEquals(21.0 / 30, original(String.format(yaml, ", weightingNorm: infinity"), img)
        .get("glrlm_ShortRunEmphasis"), EPS);
    // None (per-direction average) on PyTextureMatrices' 4 in-plane directions of this single-slice box
    FeatureVector none = new FeatureVector();
    PyTextureMatrices.glrlm(r, false, null, "_3D_avg", none);
    assertEquals((0.625 + 0.25 + 1.7) / 4, none.get("rlm_sre_3D_avg"), EPS);
  }

  /**
   * 5x1x1 strip, grey levels 1 2 2 1 2 (minimumROIDimensions 1).
   * NGTDM, distances [2]: neighbours x +- 2 only. x0 (1): {x2 = 2} -> |1 - 2| = 1; x1 (2): {x3 = 1} -> 1;
   * x2 (2): {x0 = 1, x4 = 2} -> |2 - 1.5| = 0.5; x3 (1): {x1 = 2} -> 1; x4 (2): {x2 = 2} -> 0.
   * s_1 = 2, s_2 = 1.5, n = (2, 3), p = (0.4, 0.6): Coarseness = 1/(0.8 + 0.9) = 1/1.7;
   * Contrast = [2 * 0.4 * 0.6 * 1 / (2 * 1)] * (3.5 / 5) = 0.168; Strength = 2 * (0.4 + 0.6) * 1 / 3.5.
   * distances [1] for comparison: x0 {2} 1, x1 {1, 2} 0.5, x2 {2, 1} 0.5, x3 {2, 2} 1, x4 {1} 1:
   * s_1 = 2, s_2 = 2, Coarseness = 1/(0.8 + 1.2) = 0.5.
   */
  @Test
  void ngtdmDistance2ByHand() {
    FeatureVector fv = new FeatureVector();
    PyTextureMatrices.ngtdm(roi(5, 1, 1, 1, 1, 1, 1, 2, 2, 1, 2), new int[] {2}, false, "_3D", fv);
    assertEquals(1 / 1.7, fv.get("ngt_coarseness_3D"), EPS);
    assertEquals(0.168, fv.get("ngt_contrast_3D"), EPS);
    assertEquals(2 / 3.5, fv.get("ngt_strength_3D"), EPS);
    Volume img = Volume.of(5, 1, 1, new float[] {1, 2, 2, 1, 2}, 1, 1, 1);
    String yaml = "setting: {binWidth: 1, minimumROIDimensions: 1%s}\nfeatureClass: {ngtdm: [Coarseness]}\n";
    assertEquals(1 / 1.7, original(String.format(yaml, ", distances: [2]"), img).get("ngtdm_Coarseness"), EPS);
    assertEquals(0.5, original(String.format(yaml, ""), img).get("ngtdm_Coarseness"), EPS);
  }

  /**
   * Same strip 1 2 2 1 2, GLDM alpha 0, distances [1, 2]: neighbours x +- 1 and x +- 2.
   * x0 (1): {2, 2} 0 equal -> dependence 1; x1 (2): {1, 2, 1} 1 -> 2; x2 (2): {2, 1, 1, 2} 2 -> 3;
   * x3 (1): {2, 2, 2} 0 -> 1; x4 (2): {1, 2} 1 -> 2. s(1,1) = 2, s(2,2) = 2, s(2,3) = 1, N_s = 5:
   * LargeDependenceEmphasis = (2 + 2*4 + 9)/5 = 3.8, SmallDependenceEmphasis = (2 + 2/4 + 1/9)/5,
   * DependenceNonUniformity = (2^2 + 2^2 + 1^2)/5 = 1.8.
   * distances [1]: dependences 1, 2, 2, 1, 1 -> s(1,1) = 2, s(2,1) = 1, s(2,2) = 2: LDE = (3 + 8)/5 = 2.2.
   */
  @Test
  void gldmDistances12ByHand() {
    FeatureVector fv = new FeatureVector();
    PyTextureMatrices.gldm(roi(5, 1, 1, 1, 1, 1, 1, 2, 2, 1, 2), new int[] {1, 2}, false, 0, "_3D", fv);
    assertEquals(3.8, fv.get("ngl_hde_3D"), EPS);
    assertEquals((2 + 2.0 / 4 + 1.0 / 9) / 5, fv.get("ngl_lde_3D"), EPS);
    assertEquals(1.8, fv.get("ngl_dcnu_3D"), EPS);
    Volume img = Volume.of(5, 1, 1, new float[] {1, 2, 2, 1, 2}, 1, 1, 1);
    String yaml = "setting: {binWidth: 1, minimumROIDimensions: 1%s}\n"
        + "featureClass: {gldm: [LargeDependenceEmphasis]}\n";
    assertEquals(3.8, original(String.format(yaml, ", distances: [1, 2]"), img)
        .get("gldm_LargeDependenceEmphasis"), EPS);
    assertEquals(2.2, original(String.format(yaml, ""), img).get("gldm_LargeDependenceEmphasis"), EPS);
  }

  @Test
  void glcmDistance2OnAStripByHand() {
    // strip 1 2 1 2 1 (minimumROIDimensions 1), symmetrical, None: distance 2 has one angle (-2,0,0) with pairs
    // (1,1), (2,2), (1,1) -> [[4, 0], [0, 2]]/6: Contrast 0, JointAverage 4/6 + 2*2/6 = 4/3; distance 1: pairs
    // (2,1), (1,2), (2,1), (1,2) -> [[0, 4], [4, 0]]/8: Contrast 1, JointAverage 1.5
    Volume img = Volume.of(5, 1, 1, new float[] {1, 2, 1, 2, 1}, 1, 1, 1);
    String yaml = "setting: {binWidth: 1, minimumROIDimensions: 1%s}\n"
        + "featureClass: {glcm: [Contrast, JointAverage]}\n";
    Map<String, Double> d2 = original(String.format(yaml, ", distances: [2]"), img);
    assertEquals(0, d2.get("glcm_Contrast"), EPS);
    assertEquals(4.0 / 3, d2.get("glcm_JointAverage"), EPS);
    Map<String, Double> d1 = original(String.format(yaml, ""), img);
    assertEquals(1, d1.get("glcm_Contrast"), EPS);
    assertEquals(1.5, d1.get("glcm_JointAverage"), EPS);
  }

  /** 12x10x6 box, bins from a fixed LCG in 1..6, an ellipsoid ROI; spacing (0.7, 0.9, 2.5). */
  private static RoiImage randomRoi() {
    int nx = 12;
    int ny = 10;
    int nz = 6;
    int[] bins = new int[nx * ny * nz];
    boolean[] m = new boolean[bins.length];
    float[] v = new float[bins.length];
    long s = 987654321L;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int i = x + nx * (y + ny * z);
          s = s * 6364136223846793005L + 1442695040888963407L;
          double a = (x - 5.5) / 6.0;
          double b = (y - 4.5) / 5.0;
          double c = (z - 2.5) / 3.0;
          m[i] = a * a + b * b + c * c <= 1;
          bins[i] = m[i] ? 1 + (int) ((s >>> 33) % 6) : 0;
          v[i] = bins[i];
        }
      }
    }
    return new RoiImage(nx, ny, nz, 0.7, 0.9, 2.5, v, m, m, bins, 6, bins, 6);
  }

  @Test
  void defaultSettingsReproduceTheIbsiFamilies() {
    // distances [1], symmetrical, None / no_weighting through PyTextureMatrices = the IBSI 3D avg / comb values
    // (the box is > 1 voxel along every axis, so no angle is dropped, and no angle is flat)
    RoiImage r = randomRoi();
    FeatureSettings fs = FeatureSettings.builder().families("cm", "rlm", "ngt", "ngl").textureModes(SpatialMode.D3)
        .textureDistance(1).ngldmAlpha(0).build();
    FeatureVector ibsi = FeatureExtractor.extract(r, fs).features();
    FeatureVector py = new FeatureVector();
    PyTextureMatrices.glcm(r, new int[] {1}, false, true, null, false, "_3D_avg", py);
    PyTextureMatrices.glcm(r, new int[] {1}, false, true, "no_weighting", false, "_3D_comb", py);
    PyTextureMatrices.glrlm(r, false, null, "_3D_avg", py);
    PyTextureMatrices.ngtdm(r, new int[] {1}, false, "_3D", py);
    PyTextureMatrices.gldm(r, new int[] {1}, false, 0, "_3D", py);
    int compared = 0;
    for (String tag : new String[] {"_3D_avg", "_3D_comb"}) {
      for (String f : GlcmFamily.matrixFeatureNames()) {
        assertEquals(ibsi.get("cm_" + f + tag), py.get("cm_" + f + tag), 1e-10, f + tag);
        compared++;
      }
    }
    for (String f : GlrlmFamily.matrixFeatureNames()) {
      assertEquals(ibsi.get("rlm_" + f + "_3D_avg"), py.get("rlm_" + f + "_3D_avg"), 1e-10, f);
      compared++;
    }
    for (String f : NgtdmFamily.matrixFeatureNames()) {
      assertEquals(ibsi.get("ngt_" + f + "_3D"), py.get("ngt_" + f + "_3D"), 1e-10, f);
      compared++;
    }
    for (String f : NgldmFamily.matrixFeatureNames()) {
      assertEquals(ibsi.get("ngl_" + f + "_3D"), py.get("ngl_" + f + "_3D"), 1e-10, f);
      compared++;
    }
    assertEquals(50 + 16 + 5 + 17, compared);
    // and GLRLM no_weighting = IBSI 3D comb (N_v = 13 x voxels = PyRadiomics' sum_ij j r_ij)
    FeatureVector comb = new FeatureVector();
    PyTextureMatrices.glrlm(r, false, "no_weighting", "_3D_comb", comb);
    for (String f : GlrlmFamily.matrixFeatureNames()) {
      assertEquals(ibsi.get("rlm_" + f + "_3D_comb"), comb.get("rlm_" + f + "_3D_comb"), 1e-10, f);
    }
  }

  @Test
  void transposedGlcmKeepsTransposeInvariantFeatures() {
    // P and P^T: contrast, cluster features, correlation, entropies, Imc1/Imc2 and MCC are invariant;
    // joint average becomes the column mean
    RoiImage r = randomRoi();
    double[] p = PyTextureMatrices.weightedGlcm(r, new int[] {1}, false, false, "no_weighting");
    int ng = 6;
    double[] t = new double[p.length];
    for (int i = 0; i < ng; i++) {
      for (int j = 0; j < ng; j++) {
        t[j * ng + i] = p[i * ng + j];
      }
    }
    double[] fp = new double[25];
    double[] ft = new double[25];
    assertTrue(GlcmFamily.matrixFeatures(p, ng, fp));
    assertTrue(GlcmFamily.matrixFeatures(t, ng, ft));
    String[] names = GlcmFamily.matrixFeatureNames();
    for (int k = 0; k < names.length; k++) {
      if (!names[k].equals("joint_avg") && !names[k].equals("joint_var")) {
        assertEquals(fp[k], ft[k], 1e-10, names[k]);
      }
    }
    assertEquals(PyGlcmExtras.mccOfMatrix(p, ng), PyGlcmExtras.mccOfMatrix(t, ng), 1e-9);
    // joint average of P^T = column mean of P
    double total = Arrays.stream(p).sum();
    double uy = 0;
    for (int i = 0; i < ng; i++) {
      for (int j = 0; j < ng; j++) {
        uy += (j + 1) * p[i * ng + j] / total;
      }
    }
    int ja = Arrays.asList(names).indexOf("joint_avg");
    assertEquals(uy, ft[ja], 1e-12);
    assertNotEquals(fp[ja], ft[ja], 1e-6);
  }

  /** PyRadiomicsProfileTest's 14x12x7 LCG volume (spacing 0.8, 0.8, 2). */
  private static Volume volume() {
    return PyRadiomicsProfileTest.volume();
  }

  /** PyRadiomicsProfileTest's ellipsoid ROI. */
  private static Mask ellipsoid(Volume v) {
    return PyRadiomicsProfileTest.ellipsoid(v);
  }

  private static FeatureVector profile(String settings, Volume v, Mask m) {
    ProfileResult r = PyRadiomicsProfile.fromYaml("setting: {binWidth: 25" + settings + "}\n").extract(v, m);
    assertTrue(r.ok(), r::message);
    FeatureVector f = r.byImageType().get("original");
    for (Map.Entry<String, Double> e : f.values().entrySet()) {
      assertNotNull(e.getValue(), () -> e.getKey() + " undefined: " + f.undefinedReason(e.getKey()));
    }
    return f;
  }

  @Test
  void profileAcceptsTheOptionsAndTheyChangeTheValues() {
    Volume v = volume();
    Mask m = ellipsoid(v);
    FeatureVector dflt = profile("", v, m);
    assertEquals(107, dflt.size());
    FeatureVector dist = profile(", distances: [1, 2]", v, m);
    FeatureVector asym = profile(", symmetricalGLCM: False", v, m);
    FeatureVector euc = profile(", weightingNorm: euclidean", v, m);
    FeatureVector man = profile(", weightingNorm: manhattan", v, m);
    FeatureVector inf = profile(", weightingNorm: infinity, force2D: True", v, m);
    for (FeatureVector f : new FeatureVector[] {dist, asym, euc, man, inf}) {
      assertEquals(107, f.size());
      double mcc = f.get("glcm_MCC");
      assertTrue(mcc >= 0 && mcc <= 1, "MCC in [0, 1]: " + mcc);
    }
    // distances: GLCM, NGTDM and GLDM change; GLRLM does not (always the unit directions); GLSZM neither
    assertNotEquals(dflt.get("glcm_Contrast"), dist.get("glcm_Contrast"), 1e-9);
    assertNotEquals(dflt.get("ngtdm_Coarseness"), dist.get("ngtdm_Coarseness"), 1e-12);
    assertNotEquals(dflt.get("gldm_LargeDependenceEmphasis"), dist.get("gldm_LargeDependenceEmphasis"), 1e-9);
    assertEquals(dflt.get("glrlm_RunPercentage"), dist.get("glrlm_RunPercentage"), 1e-12);
    assertEquals(dflt.get("glszm_ZonePercentage"), dist.get("glszm_ZonePercentage"), 1e-12);
    // symmetricalGLCM False: JointAverage (row mean) changes; Contrast does not (P_a and P_a + P_a^T, normalised,
    // have the same contrast)
    assertEquals(dflt.get("glcm_Contrast"), asym.get("glcm_Contrast"), 1e-9);
    assertNotEquals(dflt.get("glcm_JointAverage"), asym.get("glcm_JointAverage"), 1e-9);
    assertEquals(dflt.get("glrlm_RunPercentage"), asym.get("glrlm_RunPercentage"), 1e-12);
    // weighting norms: merged matrices with different weights, so GLCM and GLRLM values differ from each other
    assertNotEquals(dflt.get("glcm_Contrast"), euc.get("glcm_Contrast"), 1e-9);
    assertNotEquals(euc.get("glcm_Contrast"), man.get("glcm_Contrast"), 1e-9);
    assertNotEquals(dflt.get("glrlm_LongRunEmphasis"), euc.get("glrlm_LongRunEmphasis"), 1e-9);
    assertNotEquals(euc.get("glrlm_LongRunEmphasis"), man.get("glrlm_LongRunEmphasis"), 1e-9);
    assertEquals(dflt.get("ngtdm_Coarseness"), euc.get("ngtdm_Coarseness"), 1e-12);
  }
}
