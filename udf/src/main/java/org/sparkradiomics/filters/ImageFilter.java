package org.sparkradiomics.filters;

import java.io.Serializable;
import org.sparkradiomics.image.Volume;

/**
 * A convolutional image filter (IBSI-2): maps an image to a response map on exactly the same grid (dimensions,
 * spacing, origin, direction). Implementations are immutable and thread-safe.
 */
public interface ImageFilter extends Serializable {

  /**
   * Filters flat voxel data {@code data[x + nx*(y + ny*z)]} on a grid of {@code nx*ny*nz} voxels with the given
   * spacing (mm) and returns a new array of the same length. The input is not modified.
   */
  double[] response(double[] data, int nx, int ny, int nz, double[] spacing);

  /** The response map of {@code image} on the same grid (channels are dropped: the luminance is filtered). */
  default Volume apply(Volume image) {
    float[] in = image.data();
    double[] d = new double[in.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = in[i];
    }
    double[] r = response(d, image.nx(), image.ny(), image.nz(), image.spacing());
    float[] out = new float[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = (float) r[i];
    }
    return image.withData(out);
  }
}
