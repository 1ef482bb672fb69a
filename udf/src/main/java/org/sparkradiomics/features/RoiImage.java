package org.sparkradiomics.features;

/**
 * The region of interest after preprocessing (interpolation, resegmentation, discretisation), cropped to the
 * bounding box of the morphological mask plus a margin (so that local-intensity spheres can see voxels outside the
 * ROI). Everything is a flat primitive array over the box, indexed {@code x + nx * (y + ny * z)}; memory is bounded
 * by the box, not by the image.
 *
 * <ul>
 *   <li>{@code intensity}: intensities of every voxel in the box (also outside the ROI);
 *   <li>{@code morphMask}: the morphological mask (after interpolation, before resegmentation);
 *   <li>{@code intensityMask}: the intensity mask (after resegmentation);
 *   <li>{@code bins}/{@code nBins}: texture discretisation, 1..nBins inside the intensity mask, 0 outside;
 *   <li>{@code ihBins}/{@code ihNBins}: discretisation for the intensity histogram family;
 *   <li>{@code discretisationMin}: the lower bound X_min used by fixed-bin-size discretisation (NaN otherwise).
 * </ul>
 */
public final class RoiImage {
  public final int nx;
  public final int ny;
  public final int nz;
  /** Voxel spacing in mm along x, y, z. */
  public final double sx;
  public final double sy;
  public final double sz;
  public final float[] intensity;
  public final boolean[] morphMask;
  public final boolean[] intensityMask;
  public final int[] bins;
  public final int nBins;
  public final int[] ihBins;
  public final int ihNBins;

  public RoiImage(int nx, int ny, int nz, double sx, double sy, double sz, float[] intensity, boolean[] morphMask,
      boolean[] intensityMask, int[] bins, int nBins, int[] ihBins, int ihNBins) {
    int n = nx * ny * nz;
    if (intensity.length != n || morphMask.length != n || intensityMask.length != n || bins.length != n
        || ihBins.length != n) {
      throw new IllegalArgumentException("RoiImage arrays must all have " + n + " elements");
    }
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.intensity = intensity;
    this.morphMask = morphMask;
    this.intensityMask = intensityMask;
    this.bins = bins;
    this.nBins = nBins;
    this.ihBins = ihBins;
    this.ihNBins = ihNBins;
  }

  public int index(int x, int y, int z) {
    return x + nx * (y + ny * z);
  }

  public int voxelCount() {
    return intensity.length;
  }

  public int intensityMaskCount() {
    int c = 0;
    for (boolean b : intensityMask) {
      if (b) {
        c++;
      }
    }
    return c;
  }

  public int morphMaskCount() {
    int c = 0;
    for (boolean b : morphMask) {
      if (b) {
        c++;
      }
    }
    return c;
  }
}
