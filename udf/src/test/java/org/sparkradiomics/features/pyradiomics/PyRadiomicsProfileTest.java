package org.sparkradiomics.features.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.profile.ProfileResult;
import org.sparkradiomics.features.profile.PyRadiomicsProfile;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/** The whole default PyRadiomics feature set on a small synthetic ROI, and its relations to the IBSI families. */
class PyRadiomicsProfileTest {
  /** 14x12x7 volume, spacing (0.8, 0.8, 2), values from a fixed LCG in [-100, 300); ellipsoid ROI. */
  static Volume volume() {
    int nx = 14;
    int ny = 12;
    int nz = 7;
    float[] d = new float[nx * ny * nz];
    long s = 12345;
    for (int i = 0; i < d.length; i++) {
      s = (s * 6364136223846793005L + 1442695040888963407L);
      d[i] = -100 + (float) ((s >>> 33) % 400);
    }
    return new Volume(nx, ny, nz, d, new double[] {0.8, 0.8, 2}, new double[] {-5, 3, 10}, Volume.identity());
  }

  static Mask ellipsoid(Volume v) {
    boolean[] m = new boolean[v.voxelCount()];
    for (int z = 0; z < v.nz(); z++) {
      for (int y = 0; y < v.ny(); y++) {
        for (int x = 0; x < v.nx(); x++) {
          double a = (x - 6.5) / 5.0;
          double b = (y - 5.5) / 4.0;
          double c = (z - 3.0) / 2.5;
          m[v.index(x, y, z)] = a * a + b * b + c * c <= 1;
        }
      }
    }
    return Mask.onGridOf(v, m);
  }

  @Test
  void defaultParamsGiveThe107PyRadiomicsFeaturesAllDefined() {
    Volume v = volume();
    ProfileResult r = PyRadiomicsProfile.fromYaml("setting: {binWidth: 25}\n").extract(v, ellipsoid(v));
    assertTrue(r.ok(), r.message());
    FeatureVector f = r.byImageType().get("original");
    // firstorder 18 + glcm 24 + gldm 14 + glrlm 16 + glszm 16 + ngtdm 5 + shape 14 (PyRadiomics' 107 defaults)
    assertEquals(107, f.size(), () -> f.values().keySet().toString());
    for (Map.Entry<String, Double> e : f.values().entrySet()) {
      assertNotNull(e.getValue(), () -> e.getKey() + " undefined: " + f.undefinedReason(e.getKey()));
    }
    // shape first (PyRadiomics computes it first), then the classes in default order
    assertEquals("shape_Elongation", f.values().keySet().iterator().next());
    double mcc = f.get("glcm_MCC");
    assertTrue(mcc >= 0 && mcc <= 1, "MCC in [0, 1]: " + mcc);
  }

  @Test
  void sharedValuesEqualTheIbsiFamilies() {
    // Same ROI through the IBSI statistics family: identical formulas for mean / variance / skewness,
    // PyRadiomics kurtosis = IBSI (excess) kurtosis + 3.
    Volume v = volume();
    Mask m = ellipsoid(v);
    Map<String, Double> py = PyRadiomicsProfile.fromYaml("featureClass: {firstorder: , glcm: [SumAverage, "
        + "JointAverage, Dissimilarity, DifferenceAverage, Homogeneity1, Id]}\n").extract(v, m)
        .byImageType().get("original").values();
    FeatureVector ibsi = FeatureExtractor.extract(v, m, FeatureSettings.builder().families("stat").build())
        .features();
    assertEquals(ibsi.get("stat_mean"), py.get("firstorder_Mean"), 1e-9);
    assertEquals(ibsi.get("stat_var"), py.get("firstorder_Variance"), 1e-6);
    assertEquals(ibsi.get("stat_skew"), py.get("firstorder_Skewness"), 1e-9);
    assertEquals(ibsi.get("stat_kurt") + 3, py.get("firstorder_Kurtosis"), 1e-9);
    assertEquals(ibsi.get("stat_p10"), py.get("firstorder_10Percentile"), 1e-9);
    // deprecated GLCM identities
    assertEquals(2 * py.get("glcm_JointAverage"), py.get("glcm_SumAverage"), 1e-9);
    assertEquals(py.get("glcm_DifferenceAverage"), py.get("glcm_Dissimilarity"), 1e-12);
    assertEquals(py.get("glcm_Id"), py.get("glcm_Homogeneity1"), 1e-12);
  }

  @Test
  void flatRoiGetsPyRadiomicsValuesWhereIbsiIsUndefined() {
    // 4x4x2 ROI of one value: a single grey level. PyRadiomics: Skewness = Kurtosis = 0 (zero variance), GLCM
    // Correlation 1, Imc1 0, MCC 1 (one grey level); NGTDM: s_i = 0 for all voxels -> Coarseness 10^6, Contrast,
    // Busyness, Complexity, Strength 0.
    float[] d = new float[32];
    java.util.Arrays.fill(d, 7f);
    Volume v = Volume.of(4, 4, 2, d, 1, 1, 1);
    boolean[] m = new boolean[32];
    java.util.Arrays.fill(m, true);
    FeatureVector f = PyRadiomicsProfile.fromYaml("featureClass: {firstorder: [Skewness, Kurtosis], glcm: "
        + "[Correlation, Imc1, MCC], ngtdm: }\n").extract(v, Mask.onGridOf(v, m)).byImageType().get("original");
    assertEquals(0, f.get("firstorder_Skewness"));
    assertEquals(0, f.get("firstorder_Kurtosis"));
    assertEquals(1, f.get("glcm_Correlation"));
    assertEquals(0, f.get("glcm_Imc1"));
    assertEquals(1, f.get("glcm_MCC"));
    assertEquals(1e6, f.get("ngtdm_Coarseness"));
    assertEquals(0, f.get("ngtdm_Contrast"));
    assertEquals(0, f.get("ngtdm_Busyness"));
    assertEquals(0, f.get("ngtdm_Complexity"));
    assertEquals(0, f.get("ngtdm_Strength"));
  }

  @Test
  void profileSurvivesJavaSerialization() throws Exception {
    PyRadiomicsProfile p = PyRadiomicsProfile.fromYaml("setting: {binWidth: 10, gldm_a: 1}\n"
        + "featureClass: {firstorder: [Mean], gldm: }\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(p);
    }
    PyRadiomicsProfile q;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      q = (PyRadiomicsProfile) in.readObject();
    }
    assertEquals(p.paramsHash(), q.paramsHash());
    Volume v = volume();
    assertEquals(p.extract(v, ellipsoid(v)).byImageType().get("original").values(),
        q.extract(v, ellipsoid(v)).byImageType().get("original").values());
  }
}
