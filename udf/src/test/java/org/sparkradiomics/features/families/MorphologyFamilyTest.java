package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.testing.DigitalPhantom;
import org.sparkradiomics.testing.RefData;

class MorphologyFamilyTest {
  @Test
  void digitalPhantomMatchesIbsiReferences() {
    RoiImage roi = DigitalPhantom.roi();
    FeatureVector fv = new FeatureVector();
    new MorphologyFamily().compute(roi, FeatureSettings.builder().build(), fv);
    Map<String, double[]> refs =
        PhantomRefs.read(RefData.require("ibsi1/digital-phantom/reference_values.csv"), "morph_");
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, double[]> e : refs.entrySet()) {
      Double ours = fv.get(e.getKey());
      double ref = e.getValue()[0];
      double tol = e.getValue()[1];
      String line = String.format("%-28s ours=%.6g ref=%.6g tol=%.3g", e.getKey(), ours, ref, tol);
      System.out.println(line);
      if (ours == null || Math.abs(ours - ref) > tol) {
        failures.add(line);
      }
    }
    assertTrue(refs.size() >= 25, "reference rows found: " + refs.size());
    assertTrue(failures.isEmpty(), "out of tolerance: " + failures);
    for (String name : MorphologyFamily.NAMES) {
      assertNotNull(fv.get(name), name + " undefined: " + fv.undefinedReason(name));
    }
  }
}
