package org.sparkradiomics.features.families;

/**
 * Neighbour offsets shared by the texture families (IBSI-1 section 3.6 and following). Each direction appears once
 * (the opposite direction -d is implied), so 2D has 4 and 3D has 13 unique directions for Chebyshev distance 1.
 * Offsets are {dx, dy, dz}; in-plane directions have dz = 0.
 */
public final class Directions {
  private Directions() {}

  /** The 4 unique in-plane directions: 0°, 45°, 90°, 135°. */
  public static final int[][] UNIQUE_2D = {{1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {-1, 1, 0}};

  /** The 13 unique 3D directions: the 4 in-plane ones, then the 9 reaching into the next slice. */
  public static final int[][] UNIQUE_3D = {
    {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {-1, 1, 0},
    {0, 0, 1}, {1, 0, 1}, {-1, 0, 1}, {0, 1, 1}, {0, -1, 1}, {1, 1, 1}, {-1, -1, 1}, {1, -1, 1}, {-1, 1, 1}
  };

  /** The unique directions multiplied by {@code d} (GLCM at distance d along each direction). */
  public static int[][] scaled(int[][] unique, int d) {
    int[][] out = new int[unique.length][3];
    for (int i = 0; i < unique.length; i++) {
      for (int k = 0; k < 3; k++) {
        out[i][k] = unique[i][k] * d;
      }
    }
    return out;
  }

  /**
   * Every offset within Chebyshev distance {@code d} (excluding the centre), in-plane only when {@code planar}:
   * the neighbourhood of NGTDM and NGLDM.
   */
  public static int[][] neighbourhood(int d, boolean planar) {
    int zr = planar ? 0 : d;
    int count = (2 * d + 1) * (2 * d + 1) * (2 * zr + 1) - 1;
    int[][] out = new int[count][];
    int k = 0;
    for (int dz = -zr; dz <= zr; dz++) {
      for (int dy = -d; dy <= d; dy++) {
        for (int dx = -d; dx <= d; dx++) {
          if (dx != 0 || dy != 0 || dz != 0) {
            out[k++] = new int[] {dx, dy, dz};
          }
        }
      }
    }
    return out;
  }
}
