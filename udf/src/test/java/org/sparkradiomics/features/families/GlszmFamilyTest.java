package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.testing.DigitalPhantom;

class GlszmFamilyTest {
  private static FeatureSettings allModes() {
    return FeatureSettings.builder().textureModes(SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3).build();
  }

  @Test
  void digitalPhantomMatchesEveryIbsiReferenceValue() {
    FeatureVector out = new FeatureVector();
    new GlszmFamily().compute(DigitalPhantom.roi(), allModes(), out);
    var refs = ZoneTestSupport.reference("ibsi1/digital-phantom/reference_values.csv", "szm_");
    assertEquals(48, refs.size());
    List<String> failed = ZoneTestSupport.compare("Glszm digital phantom", refs, out);
    assertTrue(failed.isEmpty(), "failed: " + failed);
  }
}
