package org.sparkradiomics.filters.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/** The per-type entry point: prefixes in yield order, and ROI-box results equal to whole-image results. */
class PyRadiomicsImagesTest {

  private static Volume image() {
    int nx = 24;
    int ny = 19;
    int nz = 15;
    float[] d = new float[nx * ny * nz];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          d[x + nx * (y + ny * z)] = (float) (40 * Math.cos(0.5 * x - 0.2 * y * z) + (x * 7 + y * 3 + z) % 11 - 20);
        }
      }
    }
    return new Volume(nx, ny, nz, d, new double[] {0.8, 0.9, 1.5}, new double[] {3, -4, 7}, Volume.identity());
  }

  private static Mask roi(Volume v) {
    boolean[] in = new boolean[v.voxelCount()];
    for (int z = 6; z <= 8; z++) {
      for (int y = 8; y <= 11; y++) {
        for (int x = 10; x <= 13; x++) {
          in[v.index(x, y, z)] = (x + y + z) % 3 != 0;
        }
      }
    }
    return Mask.onGridOf(v, in);
  }

  @Test
  void everyTypeOnTheRoiBoxEqualsTheWholeImageInTheRoi() {
    Volume v = image();
    Mask m = roi(v);
    PyRadiomicsImages.Settings s = PyRadiomicsImages.Settings.defaults().withSigma(List.of(1.0, 2.5, 3));
    for (PyRadiomicsImageType t : PyRadiomicsImageType.values()) {
      Map<String, Volume> whole = PyRadiomicsImages.derive(t, v, m, s);
      PyRadiomicsImages.RoiImages boxed = PyRadiomicsImages.deriveOnRoiBox(t, v, m, s);
      assertEquals(List.copyOf(whole.keySet()), List.copyOf(boxed.images().keySet()), t.name());
      CroppedRoi c = boxed.box();
      for (String k : whole.keySet()) {
        for (int i = 0; i < v.voxelCount(); i++) {
          if (m.inside()[i]) {
            int x = i % v.nx();
            int y = (i / v.nx()) % v.ny();
            int z = i / (v.nx() * v.ny());
            Approx.close(whole.get(k).data()[i], boxed.images().get(k).get(x - c.x0(), y - c.y0(), z - c.z0()), k);
          }
        }
      }
    }
  }

  @Test
  void prefixesInYieldOrder() {
    Volume v = image();
    Mask m = roi(v);
    PyRadiomicsImages.Settings s = PyRadiomicsImages.Settings.defaults().withSigma(List.of(1.0, 3));
    assertEquals(List.of("log-sigma-1-0-mm-3D", "log-sigma-3-mm-3D"),
        List.copyOf(PyRadiomicsImages.derive(PyRadiomicsImageType.LOG, v, m, s).keySet()));
    assertEquals(List.of("wavelet-LLH", "wavelet-LHL", "wavelet-LHH", "wavelet-HLL", "wavelet-HLH", "wavelet-HHL",
        "wavelet-HHH", "wavelet-LLL"), List.copyOf(PyRadiomicsImages.derive(PyRadiomicsImageType.WAVELET, v, m, s)
        .keySet()));
    assertEquals(List.of("lbp-3D-m1", "lbp-3D-m2", "lbp-3D-k"),
        List.copyOf(PyRadiomicsImages.derive(PyRadiomicsImageType.LBP3D, v, m, s).keySet()));
    assertEquals(List.of("squareroot"),
        List.copyOf(PyRadiomicsImages.derive(PyRadiomicsImageType.SQUARE_ROOT, v, null, s).keySet()));
    // a sigma too large for the 15-slice image: ceil(30 / 1.5) + 1 = 21 > 15
    RadiomicsException e = assertThrows(RadiomicsException.class, () -> PyRadiomicsImages.derive(
        PyRadiomicsImageType.LOG, v, m, s.withSigma(List.of(30.0))));
    assertEquals(ErrorKind.INVALID_SETTINGS, e.kind());
    assertThrows(RadiomicsException.class, () -> PyRadiomicsImages.derive(PyRadiomicsImageType.LBP3D, v, null, s));
  }
}
