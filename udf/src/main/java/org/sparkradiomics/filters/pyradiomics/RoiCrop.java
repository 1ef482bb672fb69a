package org.sparkradiomics.filters.pyradiomics;

import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * Crops an image and its mask to the ROI bounding box padded by a filter's support, so that filters run on a small
 * box instead of the whole image (memory and time proportional to the ROI, not to the scan).
 *
 * <p><b>Why the result inside the ROI is unchanged.</b> PyRadiomics filters the image it is given: the whole image
 * when no resampling is configured, or, when {@code resampledPixelSpacing} is set, the resampled image that
 * {@code imageoperations.resampleImage} has already cropped to the mask bounding box padded by {@code padDistance}
 * (default 5) voxels. A filter whose output at a voxel depends only on inputs within {@code m_a} voxels along axis
 * {@code a} gives the same value at every ROI voxel on a box padded by {@code m_a}, provided the box's own boundary
 * handling does not reach the ROI:
 * <ul>
 *   <li>where the padded box stays inside the image, the box edge is at least {@code m_a} voxels from every ROI
 *       voxel, so whatever the filter assumes beyond the box edge does not reach the ROI;
 *   <li>where the padded box is clipped by the image border, the box edge is the image edge and a local boundary
 *       rule (nearest/zero-flux for LoG and gradient, zero for LBP) sees exactly what it sees on the whole image.
 *       A periodic rule (the wavelet) does not: on the whole image it wraps to the opposite image border, on the box
 *       to the opposite box border. With {@code wholeAxisWhenClipped} the box then spans the whole axis, which makes
 *       the wrap (and PyRadiomics' odd-size padding, see {@link PyRadiomicsWavelet}) identical.
 * </ul>
 * Outside the ROI but inside the box the response may differ from the whole-image response (that is the point of
 * the margin); features must only read ROI voxels. Filters whose output depends on image-wide statistics
 * ({@link PyRadiomicsIntensity}: max |x|) take that statistic as a parameter, computed on the whole image.
 */
public final class RoiCrop {
  private RoiCrop() {}

  /**
   * The inclusive ROI bounding box {@code {xmin, xmax, ymin, ymax, zmin, zmax}}.
   *
   * @throws RadiomicsException EMPTY_ROI when the mask has no voxel
   */
  public static int[] bounds(Mask mask) {
    int nx = mask.nx();
    int ny = mask.ny();
    boolean[] in = mask.inside();
    int[] b = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
    for (int i = 0; i < in.length; i++) {
      if (in[i]) {
        int x = i % nx;
        int y = (i / nx) % ny;
        int z = i / (nx * ny);
        b[0] = Math.min(b[0], x);
        b[1] = Math.max(b[1], x);
        b[2] = Math.min(b[2], y);
        b[3] = Math.max(b[3], y);
        b[4] = Math.min(b[4], z);
        b[5] = Math.max(b[5], z);
      }
    }
    if (b[1] < 0) {
      throw new RadiomicsException(ErrorKind.EMPTY_ROI, "the mask has no voxel");
    }
    return b;
  }

  /**
   * Crops {@code image} and {@code mask} to the ROI bounding box padded by {@code margin[a]} voxels along axis a
   * (x, y, z), clipped to the image.
   *
   * @param wholeAxisWhenClipped when the padded box would leave the image along an axis, keep the whole axis (needed
   *     for filters with a periodic boundary, see the class comment)
   * @throws RadiomicsException MASK_GRID_MISMATCH when the mask is not on the image grid, EMPTY_ROI for an empty mask
   */
  public static CroppedRoi around(Volume image, Mask mask, int[] margin, boolean wholeAxisWhenClipped) {
    if (!mask.onGridOf(image, 1e-3)) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, "mask " + mask + " is not on the grid of " + image);
    }
    if (margin.length != 3) {
      throw new IllegalArgumentException("margin needs one value per axis (x, y, z)");
    }
    int[] b = bounds(mask);
    int[] dims = {image.nx(), image.ny(), image.nz()};
    int[] lo = new int[3];
    int[] n = new int[3];
    for (int a = 0; a < 3; a++) {
      if (margin[a] < 0) {
        throw new IllegalArgumentException("margin must be >= 0: " + margin[a]);
      }
      long l = (long) b[2 * a] - margin[a];
      long h = (long) b[2 * a + 1] + margin[a];
      boolean clipped = l < 0 || h > dims[a] - 1;
      if (clipped && wholeAxisWhenClipped) {
        l = 0;
        h = dims[a] - 1;
      }
      lo[a] = (int) Math.max(0, l);
      n[a] = (int) Math.min(dims[a] - 1, h) - lo[a] + 1;
    }
    Volume v = crop(image, lo[0], lo[1], lo[2], n[0], n[1], n[2]);
    boolean[] src = mask.inside();
    boolean[] m = new boolean[n[0] * n[1] * n[2]];
    for (int k = 0; k < n[2]; k++) {
      for (int j = 0; j < n[1]; j++) {
        System.arraycopy(src, lo[0] + dims[0] * ((lo[1] + j) + dims[1] * (lo[2] + k)), m, n[0] * (j + n[1] * k), n[0]);
      }
    }
    return new CroppedRoi(v, Mask.onGridOf(v, m), lo[0], lo[1], lo[2]);
  }

  /** The sub-volume of {@code nx*ny*nz} voxels starting at voxel (x0, y0, z0), with its physical origin. */
  public static Volume crop(Volume image, int x0, int y0, int z0, int nx, int ny, int nz) {
    if (x0 < 0 || y0 < 0 || z0 < 0 || x0 + nx > image.nx() || y0 + ny > image.ny() || z0 + nz > image.nz()) {
      throw new IllegalArgumentException("crop box outside " + image);
    }
    float[] src = image.data();
    float[] d = new float[nx * ny * nz];
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        System.arraycopy(src, image.index(x0, y0 + j, z0 + k), d, nx * (j + ny * k), nx);
      }
    }
    return new Volume(nx, ny, nz, d, image.spacing(), image.indexToPhysical(x0, y0, z0), image.direction());
  }

  /** The voxel-wise maximum of several margins (the margin that serves every filter of a profile). */
  public static int[] union(int[]... margins) {
    int[] r = new int[3];
    for (int[] m : margins) {
      for (int a = 0; a < 3; a++) {
        r[a] = Math.max(r[a], m[a]);
      }
    }
    return r;
  }
}
