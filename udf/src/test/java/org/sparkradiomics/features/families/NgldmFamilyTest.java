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
}
