package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkradiomics.testing.TestRois.allModes;
import static org.sparkradiomics.testing.TestRois.roi;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.ibsi.ReferenceValues;
import org.sparkradiomics.testing.DigitalPhantom;
import org.sparkradiomics.testing.IbsiReference;
import org.sparkradiomics.testing.TestRois;

class GldzmFamilyTest {
  private static final double EPS = 1e-9;

  private static FeatureVector run(GldzmFamily family, RoiImage roi, FeatureSettings s) {
    return TestRois.compute(family, roi, s);
  }

  private static FeatureVector run(RoiImage roi, FeatureSettings s) {
    return run(new GldzmFamily(), roi, s);
  }

  @Test
  void nameAndFeatureCount() {
    assertEquals("dzm", new GldzmFamily().name());
    assertEquals(3 * 16, run(DigitalPhantom.roi(), allModes()).size());
  }

  @Test
  void digitalPhantomMatchesEveryIbsiReferenceValue() {
    IbsiReference.assertDigitalPhantom(new GldzmFamily(), "dzm_", 48);
  }

  /**
   * Configuration A resegments to [-500, 400] HU, so the intensity mask (114596 voxels) is smaller than the
   * morphological mask (125256). The reference values are met with distances to the morphological-mask edge (the
   * default); with distances to the intensity-mask edge the distance features fall far outside tolerance (e.g.
   * dzm_sde_2D 0.321 vs 0.192 +- 0.006), which is how the mask choice was decided.
   */
  @Test
  void ctPhantomConfigurationAWithinToleranceWithMorphologicalEdge() {
    IbsiReference.assertCtPhantom(new GldzmFamily(), "A", "dzm_", 32);

    List<ReferenceValues.Row> refs = IbsiReference.rows(IbsiReference.CT_PHANTOM, "A", "dzm_");
    FeatureVector alt = run(new GldzmFamily(false), IbsiReference.ctPhantom("A"), IbsiReference.ctSettings("A"));
    List<String> altFailed = IbsiReference.mismatches(alt, refs,
        "GLDZM, CT phantom configuration A (intensity-mask edge, rejected alternative)");
    assertTrue(altFailed.size() >= 16, "intensity-mask edge should miss the distance features: " + altFailed);
    ReferenceValues.Row sde = IbsiReference.row(refs, "dzm_sde_2D");
    assertTrue(Math.abs(alt.get("dzm_sde_2D") - Double.parseDouble(sde.reference))
        > 10 * Double.parseDouble(sde.tolerance));
  }

  /**
   * Concentric rings on one 5x5 slice (the whole box is the ROI):
   *
   * <pre>
   * 1 1 1 1 1      distance map   1 1 1 1 1
   * 1 2 2 2 1                     1 2 2 2 1
   * 1 2 3 2 1                     1 2 3 2 1
   * 1 2 2 2 1                     1 2 2 2 1
   * 1 1 1 1 1                     1 1 1 1 1
   * </pre>
   *
   * Zones: g1 ring (distance 1), g2 ring (distance 2), g3 centre (distance 3): d(1,1) = d(2,2) = d(3,3) = 1,
   * N_s = 3, N_v = 25. sde = (1 + 1/4 + 1/9)/3 = 0.4537037; lde = (1 + 4 + 9)/3 = 4.6666667; lgze = 0.4537037;
   * hgze = 4.6666667; sdlge = (1 + 1/16 + 1/81)/3 = 0.3582819; sdhge = (1 + 4/4 + 9/9)/3 = 1; ldlge = 1;
   * ldhge = (1 + 16 + 81)/3 = 32.6666667; glnu = 3/3 = 1; glnu_norm = 1/3; zdnu = 1; zdnu_norm = 1/3;
   * z_perc = 3/25 = 0.12; gl_var = 14/3 - 2^2 = 0.6666667; zd_var = 0.6666667; zd_entr = log2 3 = 1.5849625.
   * These are the 2D and 2.5D values (one slice). In 3D the single slice is bounded by the box in z, so every zone
   * has distance 1: sde = lde = 1, zd_var = 0, while the grey level features are unchanged.
   */
  @Test
  void concentricRingsByHand() {
    int[] bins = {
      1, 1, 1, 1, 1,
      1, 2, 2, 2, 1,
      1, 2, 3, 2, 1,
      1, 2, 2, 2, 1,
      1, 1, 1, 1, 1
    };
    FeatureVector out = run(roi(5, 5, 1, bins), allModes());
    double[] expected = {0.4537037037, 14.0 / 3, 0.4537037037, 14.0 / 3, 0.3582818930, 1, 1, 98.0 / 3, 1, 1.0 / 3,
        1, 1.0 / 3, 0.12, 2.0 / 3, 2.0 / 3, 1.5849625007};
    for (String v : new String[] {"2D", "2_5D"}) {
      for (int k = 0; k < GldzmFamily.FEATURES.length; k++) {
        String name = "dzm_" + GldzmFamily.FEATURES[k] + "_" + v;
        assertEquals(expected[k], out.get(name), 1e-9, name);
      }
    }
    assertEquals(1.0, out.get("dzm_sde_3D"), EPS);
    assertEquals(1.0, out.get("dzm_lde_3D"), EPS);
    assertEquals(0.0, out.get("dzm_zd_var_3D"), EPS);
    assertEquals(14.0 / 3, out.get("dzm_hgze_3D"), EPS);
  }

  /**
   * The same rings after resegmentation removed the centre voxel from the intensity mask (bin 0) while the
   * morphological mask keeps it: distances are measured to the morphological edge, so the g2 ring keeps distance 2
   * (with the intensity-mask edge it would touch the hole and get distance 1). Zones: (g1, 1), (g2, 2); N_s = 2,
   * N_v = 24: sde = (1 + 1/4)/2 = 0.625, lde = (1 + 4)/2 = 2.5, z_perc = 2/24.
   */
  @Test
  void distancesUseTheMorphologicalMaskByHand() {
    int[] bins = {
      1, 1, 1, 1, 1,
      1, 2, 2, 2, 1,
      1, 2, 0, 2, 1,
      1, 2, 2, 2, 1,
      1, 1, 1, 1, 1
    };
    boolean[] morph = new boolean[25];
    java.util.Arrays.fill(morph, true);
    boolean[] intensity = new boolean[25];
    float[] img = new float[25];
    for (int i = 0; i < 25; i++) {
      intensity[i] = bins[i] > 0;
      img[i] = bins[i];
    }
    RoiImage roi = new RoiImage(5, 5, 1, 1, 1, 1, img, morph, intensity, bins, 2, bins.clone(), 2);
    FeatureVector out = run(roi, FeatureSettings.builder().textureModes(SpatialMode.D2).build());
    assertEquals(0.625, out.get("dzm_sde_2D"), EPS);
    assertEquals(2.5, out.get("dzm_lde_2D"), EPS);
    assertEquals(2.0 / 24, out.get("dzm_z_perc_2D"), EPS);
    FeatureVector alt = run(new GldzmFamily(false), roi, FeatureSettings.builder().textureModes(SpatialMode.D2)
        .build());
    assertEquals(1.0, alt.get("dzm_lde_2D"), EPS); // both rings touch an intensity-mask edge
  }

  /**
   * A 3x3x3 cube of grey level 1 with a centre voxel of grey level 2.
   * 3D (6-connected distances): the centre's 6 face neighbours are on the cube surface (distance 1), so it has
   * distance 2; zones (g1, 1), (g2, 2): lde = (1 + 4)/2 = 2.5, sde = (1 + 1/4)/2 = 0.625.
   * 2D (4-connected distances within each slice): slices 0 and 2 are one g1 zone at distance 1 each (lde 1); slice 1
   * has the g1 ring (distance 1) and the centre (distance 2): lde (1 + 4)/2 = 2.5. 2D = mean over slices
   * (1 + 2.5 + 1)/3 = 1.5. 2.5D merged: (g1,1) x 3 and (g2,2): lde (3 + 4)/4 = 1.75, zdnu (9 + 1)/4 = 2.5.
   */
  @Test
  void planarAndVolumetricDistancesByHand() {
    int[] cube = new int[27];
    java.util.Arrays.fill(cube, 1);
    cube[13] = 2;
    FeatureVector out = run(roi(3, 3, 3, cube), allModes());
    assertEquals(2.5, out.get("dzm_lde_3D"), EPS);
    assertEquals(0.625, out.get("dzm_sde_3D"), EPS);
    assertEquals(1.5, out.get("dzm_lde_2D"), EPS);
    assertEquals(1.75, out.get("dzm_lde_2_5D"), EPS);
    assertEquals(2.5, out.get("dzm_zdnu_2_5D"), EPS);
  }

  @Test
  void degenerateRoisDoNotThrow() {
    TestRois.assertAllUndefined(run(roi(2, 2, 2, new int[8]), allModes()), 48, null);
    int[] one = new int[27];
    one[13] = 6;
    FeatureVector single = run(roi(3, 3, 3, one), allModes());
    assertEquals(48, single.size());
    for (String v : new String[] {"2D", "2_5D", "3D"}) {
      assertEquals(1.0, single.get("dzm_sde_" + v), EPS);
      assertEquals(36.0, single.get("dzm_hgze_" + v), EPS);
      assertEquals(1.0, single.get("dzm_z_perc_" + v), EPS);
      assertEquals(0.0, single.get("dzm_zd_var_" + v), EPS);
      assertEquals(0.0, single.get("dzm_zd_entr_" + v), EPS);
    }
    // A single grey level: one zone whose distance is 1 (it contains the border).
    int[] cube = new int[125];
    java.util.Arrays.fill(cube, 3);
    FeatureVector flat = run(roi(5, 5, 5, cube), allModes());
    TestRois.assertAllDefined(flat);
    assertEquals(1.0, flat.get("dzm_lde_3D"), EPS);
    assertEquals(1.0 / 125, flat.get("dzm_z_perc_3D"), EPS);
    assertEquals(5.0 / 125, flat.get("dzm_z_perc_2_5D"), EPS);
    assertEquals(0.0, flat.get("dzm_gl_var_2D"), EPS);
  }

  /** Non-asserting timing on a ~46k-voxel ROI (printed for the report), see TestRois#printTimings. */
  @Test
  void timingOnFortySixThousandVoxels() {
    TestRois.printTimings(new GldzmFamily());
  }
}
