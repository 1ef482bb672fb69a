package org.sparkradiomics.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

class FeatureExtractorTest {
  /** 6x6x6 image of 2 mm voxels, value x + y + z; ROI = the 2x2x2 cube at [2, 3]^3. */
  private static Volume image() {
    float[] d = new float[216];
    for (int z = 0; z < 6; z++) {
      for (int y = 0; y < 6; y++) {
        for (int x = 0; x < 6; x++) {
          d[x + 6 * (y + 6 * z)] = x + y + z;
        }
      }
    }
    return Volume.of(6, 6, 6, d, 2, 2, 2);
  }

  private static Mask cube(Volume v) {
    boolean[] in = new boolean[216];
    for (int z = 2; z <= 3; z++) {
      for (int y = 2; y <= 3; y++) {
        for (int x = 2; x <= 3; x++) {
          in[v.index(x, y, z)] = true;
        }
      }
    }
    return Mask.onGridOf(v, in);
  }

  @Test
  void addsDiagnosticsAndRunsOnlyEnabledFamilies() {
    Volume v = image();
    FeatureSettings s = FeatureSettings.builder().families("stat", "cm").build();
    FeatureExtractor.Result r = FeatureExtractor.extract(v, cube(v), s);
    assertTrue(r.ok());
    FeatureVector f = r.features();
    assertEquals(8, f.get("diag_roi_voxels"), 0);
    assertEquals(32, f.get("diag_bins"), 0);
    assertEquals((double) Long.parseLong(s.hash().substring(0, 13), 16), f.get("diag_settings_hash"), 0);
    assertEquals(8, f.get("int_mask_vox_count_reseg_roi"), 0);
    // values 6..9 in the ROI: mean 7.5
    assertEquals(7.5, f.get("int_mask_mean_int_init_roi"), 1e-12);
    assertTrue(r.familyErrors().isEmpty(), r.familyErrors().toString());
    assertEquals(7.5, f.get("stat_mean"), 1e-12);
    assertTrue(f.contains("cm_joint_max_3D_avg"));
    assertFalse(r.familyErrors().containsKey("morph"), "disabled families are not run");
  }

  @Test
  void emptyRoiIsATypedResult() {
    Volume v = image();
    FeatureExtractor.Result r = FeatureExtractor.extract(v, Mask.emptyLike(v), FeatureSettings.builder().build());
    assertEquals(ErrorKind.EMPTY_ROI, r.error());
    assertNotNull(r.message());
    assertEquals(0, r.features().get("diag_roi_voxels"), 0);
    assertEquals(0, r.features().get("int_mask_vox_count_init_roi"), 0);
    FeatureExtractor.Result q =
        FeatureExtractor.extract(v, cube(v), FeatureSettings.builder().resegmentRange(100, 200).build());
    assertEquals(ErrorKind.EMPTY_ROI, q.error());
    assertEquals(8, q.features().get("morph_mask_vox_count_reseg_roi"), 0);
  }

  /** A throwing family loses only its own features, and earlier-seen names are marked undefined with the reason. */
  @Test
  void aFailingFamilyDoesNotLoseTheOthers() {
    Volume v = image();
    FeatureSettings s = FeatureSettings.builder().build();
    RoiImage roi = org.sparkradiomics.features.preprocess.Preprocessor.run(v, cube(v), s).roi();
    FeatureFamily flaky = new FeatureFamily() {
      private int calls;

      @Override
      public String name() {
        return "flaky";
      }

      @Override
      public void compute(RoiImage r, FeatureSettings settings, FeatureVector out) {
        out.put("flaky_a", r.intensityMaskCount());
        if (calls++ > 0) {
          throw new IllegalStateException("boom");
        }
        out.put("flaky_b", 2);
      }
    };
    FeatureFamily good = new FeatureFamily() {
      @Override
      public String name() {
        return "good";
      }

      @Override
      public void compute(RoiImage r, FeatureSettings settings, FeatureVector out) {
        out.put("good_n", r.nBins);
      }
    };
    FeatureVector out = new FeatureVector();
    Map<String, String> errors = new LinkedHashMap<>();
    FeatureExtractor.runFamily("flakytest", flaky, roi, s, out, errors);
    assertEquals(8, out.get("flaky_a"), 0);
    assertEquals(2, out.get("flaky_b"), 0);
    assertTrue(errors.isEmpty());
    FeatureVector out2 = new FeatureVector();
    FeatureExtractor.runFamily("flakytest", flaky, roi, s, out2, errors);
    FeatureExtractor.runFamily("goodtest", good, roi, s, out2, errors);
    assertNull(out2.get("flaky_a"));
    assertNull(out2.get("flaky_b"));
    assertTrue(out2.undefinedReason("flaky_b").contains("boom"));
    assertTrue(out2.undefinedReason("diag_flakytest_error").contains("IllegalStateException"));
    assertEquals(32, out2.get("good_n"), 0);
    assertEquals(1, errors.size());
  }

  @Test
  void aFailingFamilyIsMarkedWithTheNamesOfItsOwnSettingsWhateverRanBefore() {
    Volume v = image();
    // writes one feature per texture mode; fails on any ROI larger than the 8-voxel probe
    FeatureFamily failsOnBigRois = new FeatureFamily() {
      @Override
      public String name() {
        return "modal";
      }

      @Override
      public void compute(RoiImage r, FeatureSettings settings, FeatureVector out) {
        if (r.intensityMaskCount() > 8) {
          throw new IllegalStateException("too big");
        }
        for (SpatialMode m : settings.textureModes()) {
          out.put("modal_x_" + m.tag(), 1);
        }
      }
    };
    Mask big = Mask.onGridOf(v, filled(v.voxelCount()));
    RoiImage bigRoi = org.sparkradiomics.features.preprocess.Preprocessor
        .run(v, big, FeatureSettings.builder().build()).roi();
    FeatureSettings s3 = FeatureSettings.builder().textureModes(SpatialMode.D3).build();
    FeatureSettings s2 = FeatureSettings.builder().textureModes(SpatialMode.D2).build();
    FeatureVector out3 = new FeatureVector();
    FeatureExtractor.runFamily("modaltest", failsOnBigRois, bigRoi, s3, out3, new LinkedHashMap<>());
    FeatureVector out2 = new FeatureVector();
    FeatureExtractor.runFamily("modaltest", failsOnBigRois, bigRoi, s2, out2, new LinkedHashMap<>());
    assertTrue(out3.contains("modal_x_3D") && !out3.contains("modal_x_2D"), out3.toString());
    assertTrue(out2.contains("modal_x_2D") && !out2.contains("modal_x_3D"), out2.toString());
    assertNull(out2.get("modal_x_2D"));
    assertTrue(out2.undefinedReason("modal_x_2D").contains("too big"));
  }

  private static boolean[] filled(int n) {
    boolean[] b = new boolean[n];
    java.util.Arrays.fill(b, true);
    return b;
  }
}
