package org.sparkradiomics.image;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A binary region of interest on the grid of a {@link Volume}: one flat {@code boolean[]} indexed like the volume
 * ({@code x + nx * (y + ny * z)}), with the same geometry.
 */
public final class Mask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int nx;
  private final int ny;
  private final int nz;
  private final boolean[] inside;
  private final double[] spacing;
  private final double[] origin;
  private final double[] direction;

  public Mask(int nx, int ny, int nz, boolean[] inside, double[] spacing, double[] origin, double[] direction) {
    if ((long) nx * ny * nz != inside.length) {
      throw new IllegalArgumentException("mask length " + inside.length + " != " + nx + "*" + ny + "*" + nz);
    }
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.inside = inside;
    this.spacing = spacing.clone();
    this.origin = origin.clone();
    this.direction = direction.clone();
  }

  /** An empty mask on the grid of {@code v}. */
  public static Mask emptyLike(Volume v) {
    return new Mask(v.nx(), v.ny(), v.nz(), new boolean[v.voxelCount()], v.spacing(), v.origin(), v.direction());
  }

  /** A mask on the grid of {@code v} with the given voxels. */
  public static Mask onGridOf(Volume v, boolean[] inside) {
    return new Mask(v.nx(), v.ny(), v.nz(), inside, v.spacing(), v.origin(), v.direction());
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

  /** The flat array itself, not a copy. */
  public boolean[] inside() {
    return inside;
  }

  public boolean get(int x, int y, int z) {
    return inside[x + nx * (y + ny * z)];
  }

  public double[] spacing() {
    return spacing.clone();
  }

  public double[] origin() {
    return origin.clone();
  }

  public double[] direction() {
    return direction.clone();
  }

  public int count() {
    int c = 0;
    for (boolean b : inside) {
      if (b) {
        c++;
      }
    }
    return c;
  }

  /** True when this mask lies on the grid of {@code v} (dimensions, spacing, origin, direction within tolMm). */
  public boolean onGridOf(Volume v, double tolMm) {
    return v.sameGrid(nx, ny, nz, spacing, origin, direction, tolMm);
  }

  /** Dice coefficient against another mask of the same dimensions. */
  public double dice(Mask o) {
    if (o.inside.length != inside.length) {
      throw new IllegalArgumentException("masks differ in size");
    }
    long a = 0;
    long b = 0;
    long both = 0;
    for (int i = 0; i < inside.length; i++) {
      if (inside[i]) {
        a++;
      }
      if (o.inside[i]) {
        b++;
      }
      if (inside[i] && o.inside[i]) {
        both++;
      }
    }
    return a + b == 0 ? 1.0 : 2.0 * both / (a + b);
  }

  @Override
  public String toString() {
    return "Mask[" + nx + "x" + ny + "x" + nz + ", spacing=" + Arrays.toString(spacing) + ", voxels=" + count() + "]";
  }
}
