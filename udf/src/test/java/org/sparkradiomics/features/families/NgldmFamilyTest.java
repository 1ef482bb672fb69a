package org.sparkradiomics.features.families;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.testing.DigitalPhantom;

class NgldmFamilyTest {
  @Test
  void digitalPhantomMatchesIbsiReferenceValues() {
    FeatureSettings s = FeatureSettings.builder().families("ngl")
        .textureModes(SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3).build();
    FeatureVector fv = new FeatureVector();
    new NgldmFamily().compute(DigitalPhantom.roi(), s, fv);
    NeighbourhoodFamilyTestSupport.assertAllMatch(NeighbourhoodFamilyTestSupport.references(
        "ibsi1/digital-phantom/reference_values.csv", "ngl_"), fv, "NGLDM digital phantom");
  }

  @Test
  void ctPhantomConfigA() {
    FeatureSettings s = FeatureSettings.builder().families("ngl")
        .textureModes(SpatialMode.D2, SpatialMode.D2_5).build();
    org.sparkradiomics.features.RoiImage roi = NeighbourhoodFamilyTestSupport.ctPhantomConfigA();
    System.out.println("CT config A ROI: " + roi.intensityMaskCount() + " voxels, box " + roi.nx + "x" + roi.ny + "x"
        + roi.nz + ", " + roi.nBins + " bins");
    FeatureVector fv = new FeatureVector();
    long t0 = System.nanoTime();
    new NgldmFamily().compute(roi, s, fv);
    System.out.printf("CT config A ngl: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
    NeighbourhoodFamilyTestSupport.assertAllMatch(NeighbourhoodFamilyTestSupport.references(
        "ibsi1/ct-phantom/reference_values_config_A.csv", "ngl_"), fv, "NGLDM CT phantom config A");
  }
}
