package org.sparkradiomics.features.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureSettings.Interpolator;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

class PreprocessorTest {
  /** 12^3 image of 5 mm voxels with value x + 100 z; ROI = cube [4, 6]^3 (27 voxels). */
  private static Volume cubeImage() {
    int n = 12;
    float[] d = new float[n * n * n];
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          d[x + n * (y + n * z)] = x + 100 * z;
        }
      }
    }
    return Volume.of(n, n, n, d, 5, 5, 5);
  }

  private static Mask cubeMask(Volume v) {
    boolean[] in = new boolean[v.voxelCount()];
    for (int z = 4; z <= 6; z++) {
      for (int y = 4; y <= 6; y++) {
        for (int x = 4; x <= 6; x++) {
          in[v.index(x, y, z)] = true;
        }
      }
    }
    return Mask.onGridOf(v, in);
  }

  /**
   * No interpolation: the box is the bounding box [4, 6] plus ceil(6.2 / 5) + 1 = 3 voxels -> [1, 9], 9 voxels per
   * axis. Inside the ROI the values are x + 100 z for x, z in 4..6: mean 5 + 500 = 505, min 404, max 606.
   */
  @Test
  void cropsToBoundingBoxPlusMargin() {
    Volume v = cubeImage();
    FeatureSettings s = FeatureSettings.builder().texture(Discretisation.fixedBinNumber(8)).build();
    Preprocessed p = Preprocessor.run(v, cubeMask(v), s);
    RoiImage r = p.roi();
    assertNotNull(r);
    assertEquals(9, r.nx);
    assertEquals(9, r.ny);
    assertEquals(9, r.nz);
    assertArrayEquals(new int[] {1, 1, 1}, p.boxOffset());
    assertArrayEquals(new double[] {5, 5, 5}, p.boxOrigin(), 1e-12);
    assertEquals(27, r.morphMaskCount());
    assertEquals(27, r.intensityMaskCount());
    assertEquals(v.get(1, 1, 1), r.intensity[0], 0);
    assertEquals(v.get(9, 9, 9), r.intensity[r.voxelCount() - 1], 0);
    FeatureVector d = p.diagnostics();
    assertEquals(12, d.get("img_dim_x_init_img"), 0);
    assertEquals(5, d.get("vox_dim_z_interp_img"), 0);
    assertEquals(3, d.get("morph_mask_bb_dim_y_init_roi"), 0);
    assertEquals(3, d.get("int_mask_bb_dim_z_reseg_roi"), 0);
    assertEquals(27, d.get("int_mask_vox_count_reseg_roi"), 0);
    assertEquals(505, d.get("int_mask_mean_int_interp_roi"), 1e-9);
    assertEquals(404, d.get("int_mask_min_int_init_roi"), 0);
    assertEquals(606, d.get("int_mask_max_int_reseg_roi"), 0);
    // whole image: x in 0..11, z in 0..11: mean 5.5 + 550, min 0, max 1111
    assertEquals(555.5, d.get("mean_int_init_img"), 1e-9);
    assertEquals(1111, d.get("max_int_interp_img"), 0);
    // FBN 8 on [404, 606]: floor(8 (X - 404) / 202) + 1; X = 404 -> 1, X = 505 -> 5, X = 606 -> 8
    assertEquals(8, r.nBins);
    assertEquals(1, r.bins[r.index(3, 3, 3)]);
    assertEquals(5, r.bins[r.index(4, 4, 4)]); // x = 5, z = 5 -> 505
    assertEquals(8, r.bins[r.index(5, 5, 5)]);
    assertEquals(0, r.bins[0]);
  }

  /**
   * Range resegmentation changes only the intensity mask; FBS uses the range's lower bound: with [404, 505] and
   * width 25, X = 404 -> 1, 406 -> 1, 504 -> floor(100/25)+1 = 5, 505 -> 5; 506 and the z = 6 slice are dropped.
   */
  @Test
  void resegmentationAndFixedBinSize() {
    Volume v = cubeImage();
    FeatureSettings s = FeatureSettings.builder().resegmentRange(404, 505)
        .texture(Discretisation.fixedBinSize(25)).intensityHistogram(Discretisation.fixedBinNumber(2)).build();
    Preprocessed p = Preprocessor.run(v, cubeMask(v), s);
    RoiImage r = p.roi();
    // kept: z = 4 (404..406, 9 voxels) and z = 5 with x = 4, 5 (504, 505: 6 voxels)
    assertEquals(15, r.intensityMaskCount());
    assertEquals(27, r.morphMaskCount());
    FeatureVector d = p.diagnostics();
    assertEquals(15, d.get("int_mask_vox_count_reseg_roi"), 0);
    assertEquals(27, d.get("morph_mask_vox_count_reseg_roi"), 0);
    assertEquals(2, d.get("int_mask_bb_dim_z_reseg_roi"), 0);
    assertEquals(3, d.get("int_mask_bb_dim_x_reseg_roi"), 0); // x spans 4..6 at z = 4
    assertEquals(3, d.get("morph_mask_bb_dim_z_reseg_roi"), 0);
    assertEquals(1, r.bins[r.index(3, 3, 3)]);
    assertEquals(1, r.bins[r.index(5, 3, 3)]);
    assertEquals(5, r.bins[r.index(3, 3, 4)]);
    assertEquals(5, r.bins[r.index(4, 3, 4)]);
    assertEquals(0, r.bins[r.index(5, 3, 4)]);
    assertEquals(5, r.nBins);
    // the histogram discretisation is separate: FBN 2 over [404, 505]
    assertEquals(2, r.ihNBins);
    assertEquals(1, r.ihBins[r.index(3, 3, 3)]);
    assertEquals(2, r.ihBins[r.index(4, 3, 4)]);
  }

  /**
   * Mask interpolation and the partial-volume tie: 2 slices of 3 mm to 2 mm gives n' = ceil(6/2) = 3 slices at
   * source positions (1.5 + (k-1) 2)/3 = -1/6, 1/2, 7/6. With the ROI in slice 0 only, the linear mask is 1 (clamped),
   * exactly 0.5 (halfway) and 0 (clamped): the 0.5 voxel is inside (threshold >= 0.5), so 2 of 3 slices.
   * Intensities 10 (slice 0) and 21 (slice 1): 10, 15.5 -> rounds half to even -> 16, 21.
   */
  @Test
  void interpolatesMaskWithPartialVolumeThreshold() {
    float[] d = new float[2 * 2 * 2];
    boolean[] in = new boolean[8];
    for (int i = 0; i < 4; i++) {
      d[i] = 10;
      d[4 + i] = 21;
      in[i] = true;
    }
    Volume v = Volume.of(2, 2, 2, d, 2, 2, 3);
    FeatureSettings s = FeatureSettings.builder().imageDiagnostics(true).resample(2, 2, 2).roundIntensities(true)
        .imageInterpolator(Interpolator.LINEAR).maskInterpolator(Interpolator.LINEAR).build();
    Preprocessed p = Preprocessor.run(v, Mask.onGridOf(v, in), s);
    RoiImage r = p.roi();
    assertEquals(2, r.nx);
    assertEquals(3, r.nz);
    assertEquals(8, r.morphMaskCount());
    assertEquals(10, r.intensity[r.index(0, 0, 0)], 0);
    assertEquals(16, r.intensity[r.index(1, 1, 1)], 0);
    assertEquals(21, r.intensity[r.index(0, 1, 2)], 0);
    assertFalse(r.morphMask[r.index(0, 0, 2)]);
    assertEquals(3, p.diagnostics().get("img_dim_z_interp_img"), 0);
    assertEquals(2, p.diagnostics().get("morph_mask_bb_dim_z_interp_roi"), 0);
    assertEquals(8, p.diagnostics().get("int_mask_vox_count_interp_roi"), 0);
    // (4 x 10 + 4 x 16) / 8 = 13
    assertEquals(13, p.diagnostics().get("int_mask_mean_int_interp_roi"), 1e-12);
    // whole interpolated image: 4 x (10 + 16 + 21) / 12
    assertEquals(47.0 / 3, p.diagnostics().get("mean_int_interp_img"), 1e-12);
    // threshold 0.6 drops the tie
    Preprocessed q = Preprocessor.run(v, Mask.onGridOf(v, in), s.toBuilder().maskPartialVolume(0.6).build());
    assertEquals(4, q.roi().morphMaskCount());
    // without image diagnostics the whole-image values are undefined with a reason
    Preprocessed w = Preprocessor.run(v, Mask.onGridOf(v, in), s.toBuilder().imageDiagnostics(false).build());
    assertNull(w.diagnostics().get("mean_int_interp_img"));
    assertNotNull(w.diagnostics().undefinedReason("mean_int_interp_img"));
    assertEquals(8, w.roi().morphMaskCount());
  }

  @Test
  void emptyRoisAreReportedNotThrown() {
    Volume v = cubeImage();
    Preprocessed p = Preprocessor.run(v, Mask.emptyLike(v), FeatureSettings.builder().build());
    assertTrue(p.isEmpty());
    assertTrue(p.emptyReason().contains("initial"));
    assertEquals(0, p.diagnostics().get("int_mask_vox_count_init_roi"), 0);
    Preprocessed q = Preprocessor.run(v, cubeMask(v), FeatureSettings.builder().resegmentRange(2000, 3000).build());
    assertTrue(q.isEmpty());
    assertTrue(q.emptyReason().contains("resegmentation"));
    assertEquals(27, q.diagnostics().get("morph_mask_vox_count_reseg_roi"), 0);
    assertEquals(0, q.diagnostics().get("int_mask_vox_count_reseg_roi"), 0);
  }

  @Test
  void maskOnAnotherGridIsAMismatch() {
    Volume v = cubeImage();
    Mask m = new Mask(12, 12, 12, new boolean[12 * 12 * 12], new double[] {5, 5, 5}, new double[] {1, 0, 0},
        Volume.identity());
    RadiomicsException e = assertThrows(RadiomicsException.class,
        () -> Preprocessor.run(v, m, FeatureSettings.builder().build()));
    assertEquals(ErrorKind.MASK_GRID_MISMATCH, e.kind());
  }
}
