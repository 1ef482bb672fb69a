package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.families.morph.MarchingCubes;
import org.sparkradiomics.features.preprocess.Preprocessed;
import org.sparkradiomics.features.preprocess.Preprocessor;
import org.sparkradiomics.ibsi.IbsiConfigs;
import org.sparkradiomics.ibsi.IbsiInputs;
import org.sparkradiomics.testing.RefData;

/**
 * IBSI-1 CT phantom, configurations A-E (DICOM series + RTSTRUCT GTV-1 through {@link IbsiInputs#ctPhantom}, the
 * configuration's settings from {@link IbsiConfigs} and the {@link Preprocessor}): every morphology and local
 * intensity reference row of reference_values_config_X.csv at its published tolerance. The mesh-based shape rows
 * (compactness, sphericity, asphericity, convex-hull volume density) have tolerances of about 0.1-0.3% and pin down
 * the marching-cubes triangulation (see {@link MarchingCubes}).
 */
class CtPhantomMorphologyTest {
  private static Path dir;
  private static IbsiInputs inputs;

  @BeforeAll
  static void readPhantom() {
    dir = RefData.require("ibsi1/ct-phantom");
    inputs = IbsiInputs.ctPhantom(dir);
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "B", "C", "D", "E"})
  void morphologyAndLocalIntensityMatchTheReference(String config) {
    FeatureSettings s = IbsiConfigs.ctPhantom(config);
    Preprocessed p = Preprocessor.run(inputs.image(), inputs.mask(), s);
    RoiImage roi = p.roi();
    FeatureVector fv = new FeatureVector();
    long t0 = System.nanoTime();
    MarchingCubes.mesh(roi.morphMask, roi.nx, roi.ny, roi.nz, roi.sx, roi.sy, roi.sz);
    long t1 = System.nanoTime();
    new MorphologyFamily().compute(roi, s, fv);
    long t2 = System.nanoTime();
    new LocalIntensityFamily().compute(roi, s, fv);
    long t3 = System.nanoTime();
    System.out.printf("CT phantom %s (%d voxels): mesh %.0f ms, morph %.0f ms, loc %.0f ms%n", config,
        roi.morphMaskCount(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    Map<String, double[]> refs = PhantomRefs.read(dir.resolve("reference_values_config_" + config + ".csv"),
        "morph_", "loc_");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, double[]> e : refs.entrySet()) {
      if (e.getKey().startsWith("morph_mask_")) {
        continue; // preprocessing diagnostics, checked by the conformance runner
      }
      Double ours = fv.get(e.getKey());
      double ref = e.getValue()[0];
      double tol = e.getValue()[1];
      String line = String.format("%s %-26s ours=%.6g ref=%.6g tol=%.3g", config, e.getKey(), ours, ref, tol);
      System.out.println(line);
      checked++;
      if (ours == null || Math.abs(ours - ref) > tol * (1 + 1e-9)) {
        failures.add(line);
      }
    }
    assertEquals(27, checked); // 25 morph_* features with a reference value + loc_peak_loc + loc_peak_glob
    assertTrue(failures.isEmpty(), "out of tolerance: " + failures);
  }
}
