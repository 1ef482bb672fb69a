package org.sparkradiomics.filters.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Volume;

/**
 * scikit-image LBP (P = 8, R = 1) on the 3x3 slice (rows = y, cols = x)
 * <pre>
 *   1 2 3
 *   4 5 6
 *   7 8 9
 * </pre>
 * by hand. Sample offsets (dr, dc) = (round(-sin(i pi/4), 5), round(cos(i pi/4), 5)); with w = 0.70711 and
 * u = 1 - w = 0.29289.
 */
class PyRadiomicsLbp2DTest {
  private static final float[] NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  private static float at(Volume v, int x, int y) {
    return v.get(x, y, 0);
  }

  @Test
  void centrePixelByHand() {
    // centre 5: i0 (1,2) = 6 -> 1; i1 (0.29289, 1.70711): top = u*2 + w*3 = 2.70711, bottom = u*5 + w*6 = 5.70711,
    // t = w*2.70711 + u*5.70711 = 3.586 -> 0; i2 (0,1) = 2 -> 0; i3 (0.29289, 0.29289): 2.172 -> 0; i4 (1,0) = 4 -> 0;
    // i5 (1.70711, 0.29289): top = w*4 + u*5, bottom = w*7 + u*8, t = u*4.29289 + w*7.29289 = 6.414 -> 1;
    // i6 (2,1) = 8 -> 1; i7 (1.70711, 1.70711): 7.828 -> 1. Bits 1,0,0,0,0,1,1,1.
    Volume v = Volume.of(3, 3, 1, NINE, 1, 1, 1);
    // default: 1 + 32 + 64 + 128 = 225
    assertEquals(225f, at(PyRadiomicsLbp2D.apply(v, 8, 1, "default", 0), 1, 1));
    // uniform: transitions (without wrap) 1->0 and 0->1 = 2 -> number of ones = 4
    assertEquals(4f, at(PyRadiomicsLbp2D.apply(v), 1, 1));
    // ror: smallest rotation of 11100001b is 00001111b = 15
    assertEquals(15f, at(PyRadiomicsLbp2D.apply(v, 8, 1, "ror", 0), 1, 1));
    // nri_uniform: 4 ones, s_0 = 1, first zero at 1 -> rot = 4 - 1 = 3 -> 1 + 3*8 + 3 = 28
    assertEquals(28f, at(PyRadiomicsLbp2D.apply(v, 8, 1, "nri_uniform", 0), 1, 1));
  }

  @Test
  void cornerPixelSeesZerosOutsideTheSlice() {
    // corner (0,0) = 1: i0 (0,1) = 2 -> 1; i1 (-0.70711, 0.70711): top row -1 = 0, bottom = u*1 + w*2 = 1.70711,
    // t = u*1.70711 = 0.5 -> 0; i2 (-1,0) = 0 -> 0; i3: 0.0858 -> 0; i4 (0,-1) = 0 -> 0;
    // i5 (0.70711, -0.70711): top = u*1 = 0.29289, bottom = u*4 = 1.17157, t = u*0.29289 + w*1.17157 = 0.914 -> 0;
    // i6 (1,0) = 4 -> 1; i7 (0.70711, 0.70711): top = 1.70711, bottom = 4.70711, t = 3.828 -> 1.
    // Bits 1,0,0,0,0,0,1,1: default 1 + 64 + 128 = 193, uniform 3 ones.
    Volume v = Volume.of(3, 3, 1, NINE, 1, 1, 1);
    assertEquals(193f, at(PyRadiomicsLbp2D.apply(v, 8, 1, "default", 0), 0, 0));
    assertEquals(3f, at(PyRadiomicsLbp2D.apply(v), 0, 0));
    // a negative centre sees the zero padding outside the slice as brighter (the negated slice):
    float[] neg = new float[9];
    for (int i = 0; i < 9; i++) {
      neg[i] = -NINE[i];
    }
    // corner -1: i0 -2 -> 0; i1: t = u*(u*-1 + w*-2) = -0.5 -> 1 (>= -1); i2 0 -> 1; i3 -0.0858 -> 1; i4 0 -> 1;
    // i5 -0.914 -> 1; i6 -4 -> 0; i7 -3.828 -> 0. Bits 0,1,1,1,1,1,0,0: default 2+4+8+16+32 = 62, uniform 5
    Volume n = Volume.of(3, 3, 1, neg, 1, 1, 1);
    assertEquals(62f, at(PyRadiomicsLbp2D.apply(n, 8, 1, "default", 0), 0, 0));
    assertEquals(5f, at(PyRadiomicsLbp2D.apply(n), 0, 0));
  }

  @Test
  void nonUniformPatternGetsPPlusOne() {
    // centre 5 of the slice [0 9 0; 9 5 9; 0 9 0]: the samples at 0, 90, 180, 270 degrees are 9 (>= 5); each
    // diagonal sample mixes a 0 corner, two 9 edges and the centre, e.g. i3 at (0.29289, 0.29289):
    // top = w*0 + u*9 = 2.636, bottom = w*9 + u*5 = 7.828, t = w*2.636 + u*7.828 = 4.157 < 5.
    // Bits 1,0,1,0,1,0,1,0 -> 7 transitions -> uniform code P + 1 = 9; default 1 + 4 + 16 + 64 = 85.
    float[] d = {0, 9, 0, 9, 5, 9, 0, 9, 0};
    Volume v = Volume.of(3, 3, 1, d, 1, 1, 1);
    assertEquals(9f, at(PyRadiomicsLbp2D.apply(v), 1, 1));
    assertEquals(85f, at(PyRadiomicsLbp2D.apply(v, 8, 1, "default", 0), 1, 1));
    // ror of 01010101b: rotations give 85 and 170 -> 85
    assertEquals(85f, at(PyRadiomicsLbp2D.apply(v, 8, 1, "ror", 0), 1, 1));
    // nri_uniform non-uniform code P(P-1) + 2 = 58
    assertEquals(58f, at(PyRadiomicsLbp2D.apply(v, 8, 1, "nri_uniform", 0), 1, 1));
  }

  @Test
  void force2DDimensionOneTakesCoronalSlicesWithRowsZ() {
    // the same 3x3 pattern in the (z, x) plane: value at (x, 0, z) = NINE[3z + x]; rows = z, cols = x
    Volume v = Volume.of(3, 1, 3, NINE, 1, 1, 1);
    Volume r = PyRadiomicsLbp2D.apply(v, 8, 1, "default", 1);
    assertEquals(225f, r.get(1, 0, 1));
    assertEquals(193f, r.get(0, 0, 0));
    // dimension 2: slices of constant x, rows = y, cols = z: value at (0, y, z) = NINE[3y + z]
    float[] t = new float[9];
    for (int y = 0; y < 3; y++) {
      for (int z = 0; z < 3; z++) {
        t[y + 3 * z] = NINE[3 * y + z];
      }
    }
    Volume w = Volume.of(1, 3, 3, t, 1, 1, 1);
    assertEquals(225f, PyRadiomicsLbp2D.apply(w, 8, 1, "default", 2).get(0, 1, 1));
    int[] m = PyRadiomicsLbp2D.margin(1.5, 2);
    assertEquals(0, m[0]);
    assertEquals(2, m[1]);
    assertEquals(2, m[2]);
  }

  /**
   * Round trip against scikit-image 0.19.3 driven as PyRadiomics' getLBP2DImage does, on the 5x4x3 volume
   * {@code f = ((3x + 5y^2 + 7z + xyz) mod 13) * 0.5 - 3} (negative and half-integer values, so bilinear samples tie
   * with centres): {@code /usr/bin/python3 lbp2d.py 5 4 3 METHOD AXIS}, printing the codes in flat x-fastest order:
   * <pre>
   * import numpy as np, sys, warnings
   * from skimage.feature import local_binary_pattern
   * warnings.simplefilter('ignore')
   * nx, ny, nz, method, axis = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
   * im_arr = np.fromfunction(lambda z, y, x: ((3*x + 5*y*y + 7*z + x*y*z) % 13) * 0.5 - 3, (nz, ny, nx))
   * im_arr = im_arr.swapaxes(0, axis)       # PyRadiomics getLBP2DImage, force2Ddimension = axis
   * for idx in range(im_arr.shape[0]):
   *     im_arr[idx, ...] = local_binary_pattern(im_arr[idx, ...], P=8, R=1, method=method)
   * im_arr = im_arr.swapaxes(0, axis)
   * print([int(im_arr[z, y, x]) for z in range(nz) for y in range(ny) for x in range(nx)])
   * </pre>
   */
  @Test
  void matchesScikitImageDrivenAsPyRadiomics() {
    check("uniform", 0, new int[] {
        8, 7, 9, 1, 0, 5, 9, 0, 8, 6, 3, 0, 8, 9, 1, 8, 9, 0, 8, 6, 9, 0, 8, 7, 9, 0, 8, 9, 0, 8, 7, 9, 1, 8, 1,
        8, 5, 0, 7, 0, 8, 7, 9, 0, 8, 9, 0, 8, 1, 8, 0, 8, 1, 8, 0, 1, 7, 0, 2, 8});
    check("default", 0, new int[] {
        255, 239, 103, 1, 0, 241, 65, 0, 255, 207, 131, 0, 255, 171, 1, 255, 5, 0, 255, 231, 97, 0, 255, 239,
        39, 0, 255, 65, 0, 255, 191, 203, 64, 255, 64, 255, 199, 0, 251, 0, 255, 239, 161, 0, 255, 113, 0, 255,
        4, 255, 0, 255, 64, 255, 0, 4, 251, 0, 24, 255});
    check("ror", 0, new int[] {
        255, 127, 59, 1, 0, 31, 5, 0, 255, 63, 7, 0, 255, 87, 1, 255, 5, 0, 255, 63, 11, 0, 255, 127, 39, 0,
        255, 5, 0, 255, 127, 47, 1, 255, 1, 255, 31, 0, 127, 0, 255, 127, 13, 0, 255, 23, 0, 255, 1, 255, 0,
        255, 1, 255, 0, 1, 127, 0, 3, 255});
    check("nri_uniform", 0, new int[] {
        57, 52, 58, 1, 0, 37, 58, 0, 57, 43, 18, 0, 57, 58, 1, 57, 58, 0, 57, 44, 58, 0, 57, 52, 58, 0, 57, 58,
        0, 57, 50, 58, 3, 57, 3, 57, 35, 0, 54, 0, 57, 52, 58, 0, 57, 58, 0, 57, 7, 57, 0, 57, 3, 57, 0, 7, 54,
        0, 14, 57});
    check("default", 1, new int[] {
        255, 239, 39, 1, 0, 255, 33, 0, 255, 175, 1, 0, 255, 239, 199, 31, 129, 64, 255, 239, 1, 0, 255, 239,
        47, 0, 255, 173, 0, 191, 255, 141, 0, 255, 64, 255, 135, 68, 251, 0, 255, 237, 1, 0, 255, 255, 0, 255,
        4, 255, 0, 255, 4, 255, 0, 0, 247, 4, 26, 255});
    check("default", 2, new int[] {
        255, 255, 252, 0, 0, 115, 64, 0, 255, 254, 2, 0, 255, 187, 145, 124, 4, 1, 255, 255, 64, 0, 255, 255,
        28, 0, 255, 208, 0, 252, 191, 122, 192, 223, 65, 255, 124, 17, 225, 0, 255, 255, 0, 0, 255, 217, 0, 255,
        20, 255, 8, 255, 112, 255, 0, 4, 251, 16, 0, 255});
  }

  private static void check(String method, int axis, int[] expected) {
    float[] d = new float[60];
    for (int z = 0; z < 3; z++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 5; x++) {
          d[x + 5 * (y + 4 * z)] = (float) (((3 * x + 5 * y * y + 7 * z + x * y * z) % 13) * 0.5 - 3);
        }
      }
    }
    Volume r = PyRadiomicsLbp2D.apply(Volume.of(5, 4, 3, d, 1, 1, 1), 8, 1, method, axis);
    for (int i = 0; i < 60; i++) {
      assertEquals(expected[i], r.data()[i], 0.0, method + " axis " + axis + " voxel " + i);
    }
  }

  @Test
  void unsupportedSettingsAreTypedErrors() {
    Volume v = Volume.of(3, 3, 1, NINE, 1, 1, 1);
    assertThrows(RadiomicsException.class, () -> PyRadiomicsLbp2D.apply(v, 8, 1, "var", 0));
    assertThrows(RadiomicsException.class, () -> PyRadiomicsLbp2D.apply(v, 8, 0, "uniform", 0));
    assertThrows(RadiomicsException.class, () -> PyRadiomicsLbp2D.apply(v, 8, 1, "uniform", 5));
  }
}
