package org.sparkradiomics.filters;

import java.util.ArrayList;
import java.util.List;

/**
 * A right-angle rotation of the voxel grid: output axis {@code a} takes input axis {@code perm[a]}, reversed when
 * {@code flip[a]}. Rotating the image, filtering and rotating the response back is the same as filtering with the
 * rotated kernel, which is how IBSI-2 rotation invariance (pooling over right-angle kernel rotations) is computed.
 */
final class Rotation {
  final int[] perm;
  final boolean[] flip;

  private Rotation(int[] perm, boolean[] flip) {
    this.perm = perm;
    this.flip = flip;
  }

  /** The 24 proper rotations of the cube: signed axis permutations with determinant +1. */
  static List<Rotation> cube() {
    int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    int[] parity = {1, -1, -1, 1, 1, -1};
    List<Rotation> r = new ArrayList<>();
    for (int p = 0; p < perms.length; p++) {
      for (int f = 0; f < 8; f++) {
        boolean[] flip = {(f & 1) != 0, (f & 2) != 0, (f & 4) != 0};
        int sign = parity[p];
        for (boolean b : flip) {
          sign = b ? -sign : sign;
        }
        if (sign == 1) {
          r.add(new Rotation(perms[p].clone(), flip));
        }
      }
    }
    return r;
  }

  /** The 4 in-plane (x, y) rotations by multiples of 90 degrees. */
  static List<Rotation> square() {
    List<Rotation> r = new ArrayList<>();
    r.add(new Rotation(new int[] {0, 1, 2}, new boolean[] {false, false, false}));
    r.add(new Rotation(new int[] {1, 0, 2}, new boolean[] {true, false, false}));
    r.add(new Rotation(new int[] {0, 1, 2}, new boolean[] {true, true, false}));
    r.add(new Rotation(new int[] {1, 0, 2}, new boolean[] {false, true, false}));
    return r;
  }

  /** Dimensions of the rotated grid. */
  int[] dims(int[] d) {
    return new int[] {d[perm[0]], d[perm[1]], d[perm[2]]};
  }

  /** Rotates {@code in} (grid {@code d}) forward. */
  double[] forward(double[] in, int[] d) {
    int[] od = dims(d);
    double[] out = new double[in.length];
    int[] src = new int[3];
    for (int z = 0; z < od[2]; z++) {
      for (int y = 0; y < od[1]; y++) {
        for (int x = 0; x < od[0]; x++) {
          int[] o = {x, y, z};
          for (int a = 0; a < 3; a++) {
            src[perm[a]] = flip[a] ? od[a] - 1 - o[a] : o[a];
          }
          out[x + od[0] * (y + od[1] * z)] = in[src[0] + d[0] * (src[1] + d[1] * src[2])];
        }
      }
    }
    return out;
  }

  /** Undoes {@link #forward}: {@code rotated} lives on {@code dims(d)}, the result on {@code d}. */
  double[] inverse(double[] rotated, int[] d) {
    int[] od = dims(d);
    double[] out = new double[rotated.length];
    int[] src = new int[3];
    for (int z = 0; z < od[2]; z++) {
      for (int y = 0; y < od[1]; y++) {
        for (int x = 0; x < od[0]; x++) {
          int[] o = {x, y, z};
          for (int a = 0; a < 3; a++) {
            src[perm[a]] = flip[a] ? od[a] - 1 - o[a] : o[a];
          }
          out[src[0] + d[0] * (src[1] + d[1] * src[2])] = rotated[x + od[0] * (y + od[1] * z)];
        }
      }
    }
    return out;
  }

  /** Spacing on the rotated grid. */
  double[] spacing(double[] s) {
    return new double[] {s[perm[0]], s[perm[1]], s[perm[2]]};
  }

  /** A filter on a grid: data, dims, spacing to response. */
  interface GridFilter {
    double[] apply(double[] data, int[] dims, double[] spacing);
  }

  /**
   * Pools {@code f} over {@code rotations}: every rotation filters the rotated image and is rotated back; the
   * responses are combined voxel-wise with {@code pooling}.
   */
  static double[] pool(List<Rotation> rotations, Pooling pooling, double[] data, int[] d, double[] spacing,
      GridFilter f) {
    double[] acc = null;
    for (Rotation r : rotations) {
      double[] resp = r.inverse(f.apply(r.forward(data, d), r.dims(d), r.spacing(spacing)), d);
      if (acc == null) {
        acc = resp;
      } else if (pooling == Pooling.MAX) {
        for (int i = 0; i < acc.length; i++) {
          acc[i] = Math.max(acc[i], resp[i]);
        }
      } else {
        for (int i = 0; i < acc.length; i++) {
          acc[i] += resp[i];
        }
      }
    }
    if (pooling == Pooling.MEAN) {
      for (int i = 0; i < acc.length; i++) {
        acc[i] /= rotations.size();
      }
    }
    return acc;
  }
}
