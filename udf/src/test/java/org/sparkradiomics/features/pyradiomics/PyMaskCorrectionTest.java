package org.sparkradiomics.features.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.profile.PyRadiomicsProfile;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/** PyRadiomics correctMask: nearest-neighbour resampling of the mask onto the image grid, hand-computed labels. */
class PyMaskCorrectionTest {
  private static final double[] ID = Volume.identity();

  /** 4x4x1 image, spacing 1, origin 0, value x + 4y. */
  private static Volume image() {
    float[] d = new float[16];
    for (int i = 0; i < 16; i++) {
      d[i] = i;
    }
    return Volume.of(4, 4, 1, d, 1, 1, 1);
  }

  /** 2x2x1 mask, spacing (2, 2, 1), origin (0.5, 0.5, 0), voxel (1, 0) inside. */
  private static Mask coarse() {
    return new Mask(2, 2, 1, new boolean[] {false, true, false, false}, new double[] {2, 2, 1},
        new double[] {0.5, 0.5, 0}, ID);
  }

  @Test
  void coarserGrid() {
    // image voxel x -> mask continuous index (x - 0.5) / 2: 0 -> -0.25, 1 -> 0.25, 2 -> 0.75, 3 -> 1.25;
    // rounded half up: 0, 0, 1, 1 (same for y). Mask voxel (1, 0) -> image x in {2, 3}, y in {0, 1}.
    Mask m = PyMaskCorrection.correct(image(), coarse());
    boolean[] expected = new boolean[16];
    expected[2] = true;
    expected[3] = true;
    expected[6] = true;
    expected[7] = true;
    assertArrayEquals(expected, m.inside());
    assertArrayEquals(new double[] {1, 1, 1}, m.spacing());
  }

  @Test
  void halfVoxelShiftRoundsHalfUpAndBufferIsHalfOpen() {
    Volume img = image();
    // mask 4x1x1 origin (0.5, 0, 0): c = x - 0.5 = -0.5, 0.5, 1.5, 2.5 -> voxels 0, 1, 2, 3 (half up; -0.5 inside).
    // Mask {F, T, F, F} -> image row y = 0: {F, T, F, F} (rounding half down would give {F, F, T, F}); y > 0 is
    // outside the mask (c_y = y >= 0.5) -> F.
    Mask m = new Mask(4, 1, 1, new boolean[] {false, true, false, false}, new double[] {1, 1, 1},
        new double[] {0.5, 0, 0}, ID);
    boolean[] expected = new boolean[16];
    expected[1] = true;
    assertArrayEquals(expected, PyMaskCorrection.correct(img, m).inside());
    // 3 voxels {F, F, T}: x = 3 maps to c = 2.5, outside the buffer [-0.5, 2.5) -> F (not voxel 3)
    Mask m3 = new Mask(3, 1, 1, new boolean[] {false, false, true}, new double[] {1, 1, 1},
        new double[] {0.5, 0, 0}, ID);
    boolean[] e3 = new boolean[16];
    e3[2] = true;
    assertArrayEquals(e3, PyMaskCorrection.correct(img, m3).inside());
  }

  @Test
  void flippedDirection() {
    // direction diag(-1, 1, 1), origin (3, 0, 0): mask voxel i lies at x = 3 - i; voxel 0 -> image voxel (3, 0)
    Mask m = new Mask(4, 1, 1, new boolean[] {true, false, false, false}, new double[] {1, 1, 1},
        new double[] {3, 0, 0}, new double[] {-1, 0, 0, 0, 1, 0, 0, 0, 1});
    boolean[] expected = new boolean[16];
    expected[3] = true;
    assertArrayEquals(expected, PyMaskCorrection.correct(image(), m).inside());
  }

  @Test
  void roiOutsideTheImageIsAnError() {
    Volume img = image();
    // 6 voxels along x, voxel 5: ROI corners x 4.5 .. 5.5 -> image index 4.5 > 3.5 + 1e-3
    boolean[] in = new boolean[6];
    in[5] = true;
    Mask m = new Mask(6, 1, 1, in, new double[] {1, 1, 1}, new double[3], ID);
    RadiomicsException e = assertThrows(RadiomicsException.class, () -> PyMaskCorrection.correct(img, m));
    assertEquals(ErrorKind.MASK_GRID_MISMATCH, e.kind());
    assertTrue(e.getMessage().startsWith("Bounding box of ROI is larger than image space"), e.getMessage());
    // voxel 3 instead: corners 2.5 .. 3.5 lie inside [-0.5, 3.5]: accepted, lands on image voxel (3, 0)
    boolean[] in3 = new boolean[6];
    in3[3] = true;
    Mask ok = new Mask(6, 1, 1, in3, new double[] {1, 1, 1}, new double[3], ID);
    assertTrue(PyMaskCorrection.correct(img, ok).get(3, 0, 0));
    // below the image: origin x = -2, voxel 0 at x = -2: corners -2.5 .. -1.5
    Mask low = new Mask(1, 1, 1, new boolean[] {true}, new double[] {1, 1, 1}, new double[] {-2, 0, 0}, ID);
    assertThrows(RadiomicsException.class, () -> PyMaskCorrection.correct(img, low));
  }

  @Test
  void profileCorrectsOnlyWithCorrectMask() {
    Volume img = image();
    // corrected ROI = image voxels (2,0), (3,0), (2,1), (3,1): values 2, 3, 6, 7 -> Mean 4.5
    PyRadiomicsProfile.CaseResult r = PyRadiomicsProfile.fromYaml("setting: {correctMask: true}\n"
        + "featureClass: {firstorder: [Mean]}\n").extractCase(img, coarse());
    assertTrue(r.features().ok(), r.features().message());
    assertEquals(4.5, r.features().byImageType().get("original").get("firstorder_Mean"), 1e-12);
    LinkedHashMap<String, String> d = r.diagnostics();
    assertEquals("4", d.get("diagnostics_Mask-corrected_VoxelNum"));
    assertEquals("(2, 0, 0, 2, 2, 1)", d.get("diagnostics_Mask-corrected_BoundingBox"));
    assertEquals("(4, 4, 1)", d.get("diagnostics_Mask-corrected_Size"));
    assertEquals("(1.0, 1.0, 1.0)", d.get("diagnostics_Mask-corrected_Spacing"));

    RadiomicsException off = assertThrows(RadiomicsException.class, () -> PyRadiomicsProfile.fromYaml(
        "featureClass: {firstorder: [Mean]}\n").extractCase(img, coarse()));
    assertEquals(ErrorKind.MASK_GRID_MISMATCH, off.kind());

    RadiomicsException resampled = assertThrows(RadiomicsException.class, () -> PyRadiomicsProfile.fromYaml(
        "setting: {correctMask: true, resampledPixelSpacing: [1, 1, 1]}\nfeatureClass: {firstorder: [Mean]}\n")
        .extractCase(img, coarse()));
    assertEquals(ErrorKind.MASK_GRID_MISMATCH, resampled.kind());

    boolean[] in = new boolean[6];
    in[5] = true;
    Mask outside = new Mask(6, 1, 1, in, new double[] {1, 1, 1}, new double[3], ID);
    RadiomicsException e = assertThrows(RadiomicsException.class, () -> PyRadiomicsProfile.fromYaml(
        "setting: {correctMask: true}\n").extractCase(img, outside));
    assertTrue(e.getMessage().startsWith("Bounding box of ROI is larger than image space"), e.getMessage());
  }
}
