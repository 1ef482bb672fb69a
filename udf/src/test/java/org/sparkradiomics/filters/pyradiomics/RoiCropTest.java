package org.sparkradiomics.filters.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * Round trip of the memory strategy: filtering the ROI box padded by each filter's margin gives, at every ROI voxel,
 * the value of filtering the whole image.
 */
class RoiCropTest {

  private static Volume image() {
    // 17 x 14 x 13 (odd x and z), anisotropic, with an origin, and non-polynomial content
    int nx = 17;
    int ny = 14;
    int nz = 13;
    float[] d = new float[nx * ny * nz];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          d[x + nx * (y + ny * z)] = (float) (100 * Math.sin(0.7 * x + 0.3 * y * y) + 13 * ((x * y + 5 * z) % 7));
        }
      }
    }
    return new Volume(nx, ny, nz, d, new double[] {0.8, 0.9, 1.5}, new double[] {-10, 20, 5}, Volume.identity());
  }

  private static Mask box(Volume v, int x0, int x1, int y0, int y1, int z0, int z1) {
    boolean[] in = new boolean[v.voxelCount()];
    for (int z = z0; z <= z1; z++) {
      for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
          in[v.index(x, y, z)] = true;
        }
      }
    }
    return Mask.onGridOf(v, in);
  }

  private static void sameInRoi(Volume whole, Volume cropped, CroppedRoi c, Mask mask, String what) {
    for (int z = 0; z < whole.nz(); z++) {
      for (int y = 0; y < whole.ny(); y++) {
        for (int x = 0; x < whole.nx(); x++) {
          if (mask.get(x, y, z)) {
            Approx.close(whole.get(x, y, z), cropped.get(x - c.x0(), y - c.y0(), z - c.z0()),
                what + " at " + x + "," + y + "," + z);
          }
        }
      }
    }
  }

  private static void roundTrip(Volume v, Mask m, int[] margin, boolean wholeAxis, Function<Volume, Volume> f,
      String what) {
    CroppedRoi c = RoiCrop.around(v, m, margin, wholeAxis);
    sameInRoi(f.apply(v), f.apply(c.image()), c, m, what);
  }

  @Test
  void cropKeepsGeometryAndMask() {
    Volume v = image();
    Mask m = box(v, 6, 8, 5, 7, 4, 6);
    CroppedRoi c = RoiCrop.around(v, m, new int[] {2, 1, 0}, false);
    assertEquals(4, c.x0());
    assertEquals(4, c.y0());
    assertEquals(4, c.z0());
    assertEquals(7, c.image().nx());
    assertEquals(5, c.image().ny());
    assertEquals(3, c.image().nz());
    // origin of the box = physical position of voxel (4, 4, 4): -10 + 3.2, 20 + 3.6, 5 + 6
    assertArrayEquals(new double[] {-6.8, 23.6, 11}, c.image().origin(), 1e-12);
    assertEquals(v.get(4, 4, 4), c.image().get(0, 0, 0));
    assertEquals(27, c.mask().count());
    assertEquals(true, c.mask().get(2, 1, 0));
    assertEquals(false, c.mask().get(1, 1, 0));
    // clipped at the image border; with wholeAxisWhenClipped the clipped axis spans the image
    CroppedRoi clipped = RoiCrop.around(v, box(v, 0, 2, 5, 7, 4, 6), new int[] {3, 1, 1}, false);
    assertEquals(0, clipped.x0());
    assertEquals(6, clipped.image().nx());
    CroppedRoi whole = RoiCrop.around(v, box(v, 0, 2, 5, 7, 4, 6), new int[] {3, 1, 1}, true);
    assertEquals(17, whole.image().nx());
    assertEquals(5, whole.image().ny());
    float[] back = c.uncrop(c.image(), v.nx(), v.ny(), v.nz());
    assertEquals(v.get(6, 5, 4), back[v.index(6, 5, 4)]);
    assertEquals(0f, back[v.index(0, 0, 0)]);
  }

  @Test
  void emptyOrMisplacedMaskIsATypedError() {
    Volume v = image();
    RadiomicsException e = assertThrows(RadiomicsException.class,
        () -> RoiCrop.around(v, Mask.emptyLike(v), new int[3], false));
    assertEquals(ErrorKind.EMPTY_ROI, e.kind());
    Mask other = new Mask(2, 2, 2, new boolean[8], v.spacing(), v.origin(), v.direction());
    assertEquals(ErrorKind.MASK_GRID_MISMATCH,
        assertThrows(RadiomicsException.class, () -> RoiCrop.around(v, other, new int[3], false)).kind());
  }

  @Test
  void gradientLogAndLbpOnThePaddedBoxEqualTheWholeImageInTheRoi() {
    Volume v = image();
    for (Mask m : new Mask[] {box(v, 6, 9, 5, 8, 5, 7), box(v, 0, 3, 10, 13, 0, 2)}) {
      roundTrip(v, m, PyRadiomicsGradient.margin(), false, i -> PyRadiomicsGradient.apply(i, true), "gradient");
      int[] lm = PyRadiomicsLog.margin(1.2, v.spacing(), PyRadiomicsLog.DEFAULT_TRUNCATE);
      roundTrip(v, m, lm, false, i -> PyRadiomicsLog.response(i, 1.2, PyRadiomicsLog.DEFAULT_TRUNCATE), "LoG");
      roundTrip(v, m, PyRadiomicsLbp2D.margin(1, 0), false, PyRadiomicsLbp2D::apply, "lbp-2D");
    }
  }

  @Test
  void waveletOnThePaddedBoxEqualsTheWholeImageInTheRoi() {
    Volume v = image();
    // interior box (any box size, odd or even) and a box touching the x = 0 and z = 0 borders, which needs the whole
    // axis for the periodic wrap and PyRadiomics' odd-size padding (17 and 13 are odd)
    for (Mask m : new Mask[] {box(v, 7, 9, 6, 8, 5, 7), box(v, 0, 2, 5, 8, 0, 2)}) {
      int[] wm = PyRadiomicsWavelet.margin("db2", 1, 1, false, 0);
      assertArrayEquals(new int[] {4, 4, 4}, wm); // 2 levels x F/2 = 2
      CroppedRoi c = RoiCrop.around(v, m, wm, true);
      Map<String, Volume> whole = PyRadiomicsWavelet.apply(v, "db2", 1, 1, false, 0);
      Map<String, Volume> boxed = PyRadiomicsWavelet.apply(c.image(), "db2", 1, 1, false, 0);
      for (String band : whole.keySet()) {
        sameInRoi(whole.get(band), boxed.get(band), c, m, band);
      }
    }
  }
}
