package org.sparkradiomics.image;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A scalar image on a regular 3D grid, stored as one flat primitive array (no object per voxel).
 *
 * <p>Voxel (x, y, z) lives at {@code data[x + nx * (y + ny * z)]}. Intensities are real-world values (after DICOM
 * rescale). A 2D image is a volume with {@code nz == 1}. Colour images keep their samples in {@link #channels()}
 * (each channel a flat array on the same grid) and a luminance image in {@link #data()}.
 *
 * <p>Geometry follows the DICOM/ITK convention in patient (LPS) millimetres: the centre of voxel (i, j, k) is at
 * {@code origin + i*spacing[0]*dirX + j*spacing[1]*dirY + k*spacing[2]*dirZ}, where dirX, dirY, dirZ are the columns
 * of the 3x3 {@code direction} matrix (row-major: {@code direction[3*r + c]}).
 */
public final class Volume implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int nx;
  private final int ny;
  private final int nz;
  private final float[] data;
  private final float[][] channels;
  private final double[] spacing;
  private final double[] origin;
  private final double[] direction;

  public Volume(int nx, int ny, int nz, float[] data, double[] spacing, double[] origin, double[] direction) {
    this(nx, ny, nz, data, null, spacing, origin, direction);
  }

  public Volume(int nx, int ny, int nz, float[] data, float[][] channels, double[] spacing, double[] origin,
      double[] direction) {
    if (nx <= 0 || ny <= 0 || nz <= 0) {
      throw new IllegalArgumentException("volume dimensions must be positive: " + nx + "x" + ny + "x" + nz);
    }
    long n = (long) nx * ny * nz;
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("volume too large for one array: " + n + " voxels");
    }
    Objects.requireNonNull(data, "data");
    if (data.length != n) {
      throw new IllegalArgumentException("data length " + data.length + " != " + nx + "*" + ny + "*" + nz);
    }
    if (channels != null) {
      for (float[] c : channels) {
        if (c == null || c.length != n) {
          throw new IllegalArgumentException("every channel must have " + n + " samples");
        }
      }
    }
    checkVector("spacing", spacing, 3);
    for (double s : spacing) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("spacing must be positive and finite: " + Arrays.toString(spacing));
      }
    }
    checkVector("origin", origin, 3);
    checkVector("direction", direction, 9);
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.data = data;
    this.channels = channels;
    this.spacing = spacing.clone();
    this.origin = origin.clone();
    this.direction = direction.clone();
  }

  /** A volume with unit direction cosines and origin 0, convenient for synthetic data and tests. */
  public static Volume of(int nx, int ny, int nz, float[] data, double sx, double sy, double sz) {
    return new Volume(nx, ny, nz, data, new double[] {sx, sy, sz}, new double[3], identity());
  }

  public static double[] identity() {
    return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
  }

  private static void checkVector(String name, double[] v, int len) {
    if (v == null || v.length != len) {
      throw new IllegalArgumentException(name + " must have " + len + " elements");
    }
    for (double d : v) {
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(name + " must be finite: " + Arrays.toString(v));
      }
    }
  }

  public int nx() {
    return nx;
  }

  public int ny() {
    return ny;
  }

  public int nz() {
    return nz;
  }

  public int voxelCount() {
    return data.length;
  }

  public int index(int x, int y, int z) {
    return x + nx * (y + ny * z);
  }

  public float get(int x, int y, int z) {
    return data[index(x, y, z)];
  }

  /** The flat intensity (or luminance) array itself, not a copy: callers must not modify it. */
  public float[] data() {
    return data;
  }

  /** Colour samples (e.g. R, G, B) on the same grid, or null for a scalar image. */
  public float[][] channels() {
    return channels;
  }

  public int channelCount() {
    return channels == null ? 1 : channels.length;
  }

  public double[] spacing() {
    return spacing.clone();
  }

  public double spacing(int axis) {
    return spacing[axis];
  }

  public double[] origin() {
    return origin.clone();
  }

  public double[] direction() {
    return direction.clone();
  }

  /** True when both volumes share dimensions, spacing, origin and direction within {@code tolMm} millimetres. */
  public boolean sameGrid(Volume o, double tolMm) {
    return sameGrid(o.nx, o.ny, o.nz, o.spacing, o.origin, o.direction, tolMm);
  }

  /**
   * True when this volume's grid has the given dimensions, spacing and origin within {@code tolMm} millimetres and
   * direction cosines within 1e-4 (shared by {@link #sameGrid(Volume, double)} and {@link Mask#onGridOf}).
   */
  boolean sameGrid(int nx, int ny, int nz, double[] spacing, double[] origin, double[] direction, double tolMm) {
    return this.nx == nx && this.ny == ny && this.nz == nz && close(this.spacing, spacing, tolMm)
        && close(this.origin, origin, tolMm) && close(this.direction, direction, 1e-4);
  }

  static boolean close(double[] a, double[] b, double tol) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > tol) {
        return false;
      }
    }
    return true;
  }

  /** Patient-space position (mm) of the centre of voxel (i, j, k); fractional indices allowed. */
  public double[] indexToPhysical(double i, double j, double k) {
    double[] p = new double[3];
    for (int r = 0; r < 3; r++) {
      p[r] = origin[r] + direction[3 * r] * i * spacing[0] + direction[3 * r + 1] * j * spacing[1]
          + direction[3 * r + 2] * k * spacing[2];
    }
    return p;
  }

  /** Continuous voxel index of a patient-space point (inverse of {@link #indexToPhysical}). */
  public double[] physicalToIndex(double px, double py, double pz) {
    double dx = px - origin[0];
    double dy = py - origin[1];
    double dz = pz - origin[2];
    // direction is orthonormal: its inverse is its transpose.
    return new double[] {
      (direction[0] * dx + direction[3] * dy + direction[6] * dz) / spacing[0],
      (direction[1] * dx + direction[4] * dy + direction[7] * dz) / spacing[1],
      (direction[2] * dx + direction[5] * dy + direction[8] * dz) / spacing[2]
    };
  }

  /** A volume with the same geometry and new voxel values. */
  public Volume withData(float[] newData) {
    return new Volume(nx, ny, nz, newData, null, spacing, origin, direction);
  }

  @Override
  public String toString() {
    return "Volume[" + nx + "x" + ny + "x" + nz + ", spacing=" + Arrays.toString(spacing) + ", origin="
        + Arrays.toString(origin) + (channels == null ? "" : ", channels=" + channels.length) + "]";
  }
}
