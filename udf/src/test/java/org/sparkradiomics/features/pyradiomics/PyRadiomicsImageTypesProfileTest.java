package org.sparkradiomics.features.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.profile.ProfileResult;
import org.sparkradiomics.features.profile.PyRadiomicsProfile;
import org.sparkradiomics.filters.pyradiomics.PyRadiomicsImageType;
import org.sparkradiomics.filters.pyradiomics.PyRadiomicsImages;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * The PyRadiomics profile with filtered image types, end to end: the filters found on the class path
 * (META-INF/services), PyRadiomics' column prefixes, and values computed on the ROI box equal to the same filter
 * applied to the whole image as PyRadiomics does (firstorder Mean = the mean of the filtered image over the ROI
 * voxels: no resegmentation, no shift involved).
 */
class PyRadiomicsImageTypesProfileTest {
  @Test
  void filteredImageTypesOnTheRoiBoxEqualWholeImageFiltering() {
    int nx = 40;
    int ny = 36;
    int nz = 30;
    float[] v = new float[nx * ny * nz];
    Random rnd = new Random(11);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (100 + 40 * rnd.nextGaussian());
    }
    Volume img = new Volume(nx, ny, nz, v, new double[] {1.0, 0.8, 1.5}, new double[3], Volume.identity());
    boolean[] in = new boolean[v.length];
    List<Integer> roi = new ArrayList<>();
    for (int z = 12; z < 19; z++) {
      for (int y = 14; y < 22; y++) {
        for (int x = 15; x < 24; x++) {
          int i = x + nx * (y + ny * z);
          in[i] = true;
          roi.add(i);
        }
      }
    }
    Mask mask = Mask.onGridOf(img, in);
    String yaml = "imageType:\n  Original: {}\n  Square: {}\n  LoG: {sigma: [1.0, 2]}\n  Wavelet: {}\n"
        + "featureClass:\n  firstorder: [Mean]\n";
    ProfileResult r = PyRadiomicsProfile.fromYaml(yaml).extract(img, mask);
    assertTrue(r.ok(), r.message());
    Map<String, FeatureVector> byType = r.byImageType();
    assertEquals(List.of("original", "square", "log-sigma-1-0-mm-3D", "log-sigma-2-mm-3D", "wavelet-LLH",
        "wavelet-LHL", "wavelet-LHH", "wavelet-HLL", "wavelet-HLH", "wavelet-HHL", "wavelet-HHH", "wavelet-LLL"),
        new ArrayList<>(byType.keySet()));
    PyRadiomicsImages.Settings s = PyRadiomicsImages.Settings.defaults().withSigma(List.of(1.0, 2));
    int checked = 0;
    for (PyRadiomicsImageType t : List.of(PyRadiomicsImageType.ORIGINAL, PyRadiomicsImageType.SQUARE,
        PyRadiomicsImageType.LOG, PyRadiomicsImageType.WAVELET)) {
      for (Map.Entry<String, Volume> e : PyRadiomicsImages.derive(t, img, mask, s).entrySet()) {
        double sum = 0;
        for (int i : roi) {
          sum += e.getValue().data()[i];
        }
        double expected = sum / roi.size();
        double ours = byType.get(e.getKey()).get("firstorder_Mean");
        assertEquals(expected, ours, 1e-6 * Math.max(1, Math.abs(expected)), e.getKey());
        checked++;
      }
    }
    assertEquals(12, checked);
  }
}
