package org.sparkradiomics.ibsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.preprocess.Preprocessed;
import org.sparkradiomics.features.preprocess.Preprocessor;
import org.sparkradiomics.testing.RefData;

/**
 * IBSI-1 CT phantom, configurations A-E: every diagnostic row of {@code reference_values_config_X.csv} (image and
 * voxel dimensions, mean/min/max intensities, mask voxel counts and bounding boxes after the initial, interpolation
 * and resegmentation steps) must be within its tolerance. The phantom is read from NIfTI here (see
 * {@link IbsiInputs}).
 */
class CtPhantomDiagnosticsTest {
  private static IbsiInputs inputs;

  @BeforeAll
  static void load() {
    Path root = RefData.require("ibsi1/ct-phantom").getParent();
    inputs = IbsiInputs.ctPhantom(root);
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "B", "C", "D", "E"})
  void diagnosticsMatchTheReference(String config) {
    Path csv = RefData.require("ibsi1/ct-phantom/reference_values_config_" + config + ".csv");
    List<ReferenceValues.Row> rows = new ArrayList<>();
    for (ReferenceValues.Row r : ReferenceValues.read(csv)) {
      if (r.family.startsWith("Diagnostics")) {
        rows.add(r);
      }
    }
    // 9 image rows for 2 steps + 14 ROI rows for 3 steps
    assertEquals(9 * 2 + 14 * 3, rows.size());
    FeatureSettings s = IbsiConfigs.ctPhantom(config);
    long t0 = System.nanoTime();
    Preprocessed p = Preprocessor.run(inputs.image(), inputs.mask(), s);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    List<ConformanceRunner.Result> res = ConformanceRunner.compare(p.diagnostics(), rows);
    StringBuilder failures = new StringBuilder();
    int passed = 0;
    for (ConformanceRunner.Result r : res) {
      if (Boolean.TRUE.equals(r.pass)) {
        passed++;
      } else {
        failures.append(r.tag).append(": ours ").append(r.ours).append(" ref ").append(r.reference).append(" +/- ")
            .append(r.tolerance).append('\n');
      }
    }
    System.out.println("config " + config + ": " + passed + "/" + res.size() + " diagnostic rows pass, preprocessing "
        + ms + " ms");
    assertTrue(failures.length() == 0, "config " + config + " diagnostics failing:\n" + failures);
    assertEquals(res.size(), passed);
  }
}
