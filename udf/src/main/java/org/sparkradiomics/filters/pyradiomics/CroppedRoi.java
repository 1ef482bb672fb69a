package org.sparkradiomics.filters.pyradiomics;

import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * A sub-volume of an image and its mask, cut out by {@link RoiCrop}: voxel (i, j, k) of {@link #image()} is voxel
 * {@code (x0 + i, y0 + j, z0 + k)} of the source image, and the cropped volume's origin is the physical position of
 * that source voxel (spacing and direction unchanged), so physical coordinates are preserved.
 */
public record CroppedRoi(Volume image, Mask mask, int x0, int y0, int z0) {

  /** Scatters a response computed on the cropped grid back to a full-size array (zeros outside the box). */
  public float[] uncrop(Volume response, int fullNx, int fullNy, int fullNz) {
    float[] out = new float[fullNx * fullNy * fullNz];
    float[] r = response.data();
    int nx = response.nx();
    int ny = response.ny();
    for (int k = 0; k < response.nz(); k++) {
      for (int j = 0; j < ny; j++) {
        System.arraycopy(r, nx * (j + ny * k), out, x0 + fullNx * ((y0 + j) + fullNy * (z0 + k)), nx);
      }
    }
    return out;
  }
}
