package org.sparkradiomics.features.families;

import java.util.Arrays;

/**
 * Zone labelling and edge distances for the zone-based texture families (GLSZM, IBSI-1 section 3.8; GLDZM, section
 * 3.10). Volumes are flat arrays indexed {@code x + nx * (y + ny * z)}.
 *
 * <ul>
 *   <li>{@link #label}: a zone is a connected group of voxels sharing the same (non-zero) grey level, with
 *       26-connectivity in 3D and 8-connectivity within a slice when {@code planar}. Breadth-first search with a
 *       flat int queue: every voxel is enqueued once and tests at most 26 neighbours, so the cost is linear in the
 *       box size.
 *   <li>{@link #edgeDistance}: city-block distance of every mask voxel to the nearest voxel outside the mask (voxels
 *       beyond the box count as outside), so that a voxel on the ROI border has distance 1. Exact two-pass chamfer
 *       transform with the 6-neighbourhood (4-neighbourhood within a slice when {@code planar}).
 * </ul>
 */
public final class ZoneLabeller {
  private ZoneLabeller() {}

  /** Zones found by {@link #label}: zone {@code k} ({@code 1..count}) has {@code level[k]}, {@code size[k]}. */
  public static final class Zones {
    /** Number of zones; zone ids are 1..count. */
    public final int count;
    /** Zone id of every voxel of the box, 0 outside the ROI. */
    public final int[] labels;
    /** Grey level of each zone (index 0 unused). */
    public final int[] level;
    /** Voxel count of each zone (index 0 unused). */
    public final int[] size;
    /**
     * The first voxel (lowest flat index) of each zone (index 0 unused). Zones are numbered in raster order of their
     * first voxel, so with planar labelling the zones of slice z are numbered before those of slice z + 1.
     */
    public final int[] seed;

    Zones(int count, int[] labels, int[] level, int[] size, int[] seed) {
      this.count = count;
      this.labels = labels;
      this.level = level;
      this.size = size;
      this.seed = seed;
    }
  }

  /**
   * Labels the zones of {@code bins} (grey levels {@code >= 1} inside the ROI, 0 outside).
   *
   * @param planar true: 8-connectivity within each slice (zones never span slices); false: 26-connectivity
   */
  public static Zones label(int[] bins, int nx, int ny, int nz, boolean planar) {
    int n = nx * ny * nz;
    if (bins.length != n) {
      throw new IllegalArgumentException("bins has " + bins.length + " elements, expected " + n);
    }
    int[] dxs;
    int[] dys;
    int[] dzs;
    int zr = planar ? 0 : 1;
    int nn = (planar ? 9 : 27) - 1;
    dxs = new int[nn];
    dys = new int[nn];
    dzs = new int[nn];
    int k = 0;
    for (int dz = -zr; dz <= zr; dz++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          if (dx != 0 || dy != 0 || dz != 0) {
            dxs[k] = dx;
            dys[k] = dy;
            dzs[k] = dz;
            k++;
          }
        }
      }
    }
    int[] offs = new int[nn];
    for (int q = 0; q < nn; q++) {
      offs[q] = dxs[q] + nx * (dys[q] + ny * dzs[q]);
    }
    int nxy = nx * ny;
    int[] labels = new int[n];
    int[] queue = new int[Math.max(1, n)];
    int cap = 16;
    int[] level = new int[cap];
    int[] size = new int[cap];
    int[] seed = new int[cap];
    int count = 0;
    for (int s = 0; s < n; s++) {
      int g = bins[s];
      if (g <= 0 || labels[s] != 0) {
        continue;
      }
      int id = ++count;
      if (id >= cap) {
        cap *= 2;
        level = Arrays.copyOf(level, cap);
        size = Arrays.copyOf(size, cap);
        seed = Arrays.copyOf(seed, cap);
      }
      labels[s] = id;
      int head = 0;
      int tail = 0;
      queue[tail++] = s;
      while (head < tail) {
        int v = queue[head++];
        int z = v / nxy;
        int rem = v - z * nxy;
        int y = rem / nx;
        int x = rem - y * nx;
        if (x > 0 && y > 0 && x < nx - 1 && y < ny - 1 && (planar || (z > 0 && z < nz - 1))) {
          for (int q = 0; q < nn; q++) { // interior voxel: every neighbour is inside the box
            int w = v + offs[q];
            if (labels[w] == 0 && bins[w] == g) {
              labels[w] = id;
              queue[tail++] = w;
            }
          }
          continue;
        }
        for (int q = 0; q < nn; q++) {
          int xx = x + dxs[q];
          int yy = y + dys[q];
          int zz = z + dzs[q];
          if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) {
            continue;
          }
          int w = v + offs[q];
          if (labels[w] == 0 && bins[w] == g) {
            labels[w] = id;
            queue[tail++] = w;
          }
        }
      }
      level[id] = g;
      size[id] = tail;
      seed[id] = s;
    }
    return new Zones(count, labels, level, size, seed);
  }

  /**
   * City-block distance of every voxel inside {@code mask} to the nearest voxel outside it (0 outside the mask; 1 for
   * a mask voxel with an outside 4/6-neighbour or on the box boundary). Two raster passes (forward with the
   * -x, -y, -z neighbours, backward with +x, +y, +z), which is exact for the city-block metric.
   *
   * @param planar true: distances within each slice (4-neighbourhood); false: 3D (6-neighbourhood)
   */
  public static int[] edgeDistance(boolean[] mask, int nx, int ny, int nz, boolean planar) {
    int n = nx * ny * nz;
    if (mask.length != n) {
      throw new IllegalArgumentException("mask has " + mask.length + " elements, expected " + n);
    }
    int nxy = nx * ny;
    int[] d = new int[n];
    for (int z = 0, v = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++, v++) {
          if (!mask[v]) {
            continue; // d[v] = 0
          }
          int m = x > 0 ? d[v - 1] : 0;
          m = Math.min(m, y > 0 ? d[v - nx] : 0);
          if (!planar) {
            m = Math.min(m, z > 0 ? d[v - nxy] : 0);
          }
          d[v] = m + 1;
        }
      }
    }
    for (int z = nz - 1, v = n - 1; z >= 0; z--) {
      for (int y = ny - 1; y >= 0; y--) {
        for (int x = nx - 1; x >= 0; x--, v--) {
          if (!mask[v]) {
            continue;
          }
          int m = x < nx - 1 ? d[v + 1] : 0;
          m = Math.min(m, y < ny - 1 ? d[v + nx] : 0);
          if (!planar) {
            m = Math.min(m, z < nz - 1 ? d[v + nxy] : 0);
          }
          d[v] = Math.min(d[v], m + 1);
        }
      }
    }
    return d;
  }
}
