package org.sparkradiomics.ibsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.preprocess.Preprocessed;
import org.sparkradiomics.features.preprocess.Preprocessor;
import org.sparkradiomics.testing.DigitalPhantom;
import org.sparkradiomics.testing.RefData;

/** The digital phantom through the real preprocessing equals the IBSI fixture: no interpolation, reseg, binning. */
class DigitalPhantomPreprocessingTest {
  @Test
  void preprocessingKeepsThePhantomAsIs() {
    Path root = RefData.require("ibsi1/digital-phantom").getParent();
    IbsiInputs in = IbsiInputs.digitalPhantom(root);
    Preprocessed p = Preprocessor.run(in.image(), in.mask(), IbsiConfigs.digitalPhantom());
    RoiImage ours = p.roi();
    RoiImage fixture = DigitalPhantom.roi();
    // 5x4x4 of 2 mm; margin ceil(6.2/2)+1 = 5 covers the whole phantom
    assertEquals(fixture.nx, ours.nx);
    assertEquals(fixture.ny, ours.ny);
    assertEquals(fixture.nz, ours.nz);
    assertArrayEquals(fixture.intensity, ours.intensity, 0f);
    assertArrayEquals(fixture.morphMask, ours.morphMask);
    assertArrayEquals(fixture.intensityMask, ours.intensityMask);
    assertArrayEquals(fixture.bins, ours.bins);
    assertEquals(6, ours.nBins);
    assertEquals(6, ours.ihNBins);
    assertEquals(74, p.diagnostics().get("int_mask_vox_count_reseg_roi"), 0);
    assertEquals(2, p.diagnostics().get("vox_dim_z_interp_img"), 0);
  }

  /** The runner covers every row of the phantom's table; the 5 non-standardised rows are not judged. */
  @Test
  void runnerReportsEveryReferenceRow() {
    Path root = RefData.require("ibsi1/digital-phantom").getParent();
    List<ReferenceValues.Row> rows =
        ReferenceValues.read(RefData.require("ibsi1/digital-phantom/reference_values.csv"));
    List<ConformanceRunner.Result> res = ConformanceRunner.run(root, "digital-phantom", null);
    assertEquals(rows.size(), res.size());
    assertEquals(487, res.size());
    assertEquals(5, ConformanceRunner.counts(res)[2]);
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(rows.get(i).tag, res.get(i).tag);
    }
  }
}
