package org.sparkradiomics.features.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureSettings.Interpolator;
import org.sparkradiomics.ibsi.IbsiConfigs;

/** Invalid settings fail at build time with a message naming the setting; valid ones survive serialization. */
class SettingsValidationTest {
  private static void rejects(String fragment, Supplier<Object> build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should mention " + fragment);
  }

  @Test
  void rejectsInvalidValues() {
    rejects("unknown feature family", () -> FeatureSettings.builder().families("morph", "glcm").build());
    rejects("resampled spacing", () -> FeatureSettings.builder().resample(2, -1, 2).build());
    rejects("resampled spacing", () -> FeatureSettings.builder().resample(0, 2, 2).build());
    rejects("mask interpolation",
        () -> FeatureSettings.builder().maskInterpolator(Interpolator.CUBIC_SPLINE).build());
    rejects("partial-volume", () -> FeatureSettings.builder().maskPartialVolume(0).build());
    rejects("partial-volume", () -> FeatureSettings.builder().maskPartialVolume(1.5).build());
    rejects("resegmentation range is empty", () -> FeatureSettings.builder().resegmentRange(400, -500).build());
    rejects("finite", () -> FeatureSettings.builder().resegmentRange(Double.NEGATIVE_INFINITY, 400).build());
    rejects("outlier sigma", () -> FeatureSettings.builder().outlierSigma(0).build());
    rejects("spatial mode", () -> FeatureSettings.builder().textureModes().build());
    rejects("texture distance", () -> FeatureSettings.builder().textureDistance(0).build());
    rejects("alpha", () -> FeatureSettings.builder().ngldmAlpha(-1).build());
    rejects("local-intensity radius", () -> FeatureSettings.builder().localIntensityRadiusMm(0).build());
    rejects("fixed bin number", () -> Discretisation.fixedBinNumber(0));
    rejects("fixed bin size", () -> Discretisation.fixedBinSize(-25));
    rejects("configuration", () -> IbsiConfigs.ctPhantom("F"));
  }

  @Test
  void serializesAndKeepsItsHash() throws Exception {
    for (String c : IbsiConfigs.CT_CONFIGS) {
      FeatureSettings s = IbsiConfigs.ctPhantom(c);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(s);
      }
      FeatureSettings back;
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        back = (FeatureSettings) in.readObject();
      }
      assertEquals(s.hash(), back.hash());
      assertEquals(s.canonicalString(), back.canonicalString());
      assertEquals(s.hash(), s.toBuilder().build().hash(), "toBuilder keeps every value");
    }
    assertNotEquals(IbsiConfigs.ctPhantom("C").hash(), IbsiConfigs.ctPhantom("D").hash());
    assertNotEquals(IbsiConfigs.ctPhantom("C").hash(),
        IbsiConfigs.ctPhantom("C").toBuilder().imageDiagnostics(false).build().hash());
  }

  /** The configurations as IBSI-1 chapter 5 lists them. */
  @Test
  void ibsiConfigurations() {
    FeatureSettings b = IbsiConfigs.ctPhantom("b");
    assertEquals(2, b.resampledSpacing()[0], 0);
    assertTrue(Double.isNaN(b.resampledSpacing()[2]));
    assertEquals(Discretisation.fixedBinNumber(32), b.texture());
    FeatureSettings c = IbsiConfigs.ctPhantom("C");
    assertEquals(Discretisation.fixedBinSize(25), c.texture());
    assertEquals(Discretisation.fixedBinSize(2.5), c.ivh());
    assertEquals(-1000, c.resegMin(), 0);
    assertTrue(Double.isNaN(c.outlierSigma()));
    FeatureSettings e = IbsiConfigs.ctPhantom("E");
    assertEquals(Interpolator.CUBIC_SPLINE, e.imageInterpolator());
    assertEquals(Interpolator.LINEAR, e.maskInterpolator());
    assertEquals(3, e.outlierSigma(), 0);
    assertEquals(Discretisation.fixedBinNumber(1000), e.ivh());
    assertEquals(3, IbsiConfigs.digitalPhantom().textureModes().size());
    assertEquals(Discretisation.none(), IbsiConfigs.digitalPhantom().texture());
  }
}
