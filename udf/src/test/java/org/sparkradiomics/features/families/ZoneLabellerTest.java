package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ZoneLabellerTest {
  /**
   * 4x3 slice; 8-connectivity joins diagonal neighbours:
   *
   * <pre>
   * y=0: 1 1 2 2      labels: 1 1 2 2
   * y=1: 1 3 2 1              1 3 2 4
   * y=2: 3 3 1 2              3 3 4 2
   * </pre>
   *
   * Zone ids follow the raster order of each zone's first voxel.
   */
  @Test
  void eightConnectivityInPlaneByHand() {
    int[] bins = {1, 1, 2, 2, 1, 3, 2, 1, 3, 3, 1, 2};
    ZoneLabeller.Zones z = ZoneLabeller.label(bins, 4, 3, 1, true);
    assertEquals(4, z.count);
    assertArrayEquals(new int[] {1, 1, 2, 2, 1, 3, 2, 4, 3, 3, 4, 2}, z.labels);
    assertEquals(3, z.size[1]);
    assertEquals(4, z.size[2]);
    assertEquals(3, z.size[3]);
    assertEquals(2, z.size[4]);
    assertArrayEquals(new int[] {1, 2, 3, 1}, new int[] {z.level[1], z.level[2], z.level[3], z.level[4]});
    assertArrayEquals(new int[] {0, 2, 5, 7}, new int[] {z.seed[1], z.seed[2], z.seed[3], z.seed[4]});
  }

  /**
   * 2x2x2 box, z=0: [1 0 / 0 2], z=1: [0 1 / 2 0]. Planar labelling keeps slices apart (4 zones); 26-connectivity
   * joins the two 1s (offset (1,0,1)) and the two 2s (offset (-1,0,1)): 2 zones. A corner-only contact across
   * slices (offset (1,1,1)) also connects in 3D.
   */
  @Test
  void planarVersusTwentySixConnectivity() {
    int[] bins = {1, 0, 0, 2, 0, 1, 2, 0};
    ZoneLabeller.Zones planar = ZoneLabeller.label(bins, 2, 2, 2, true);
    assertEquals(4, planar.count);
    ZoneLabeller.Zones vol = ZoneLabeller.label(bins, 2, 2, 2, false);
    assertEquals(2, vol.count);
    assertEquals(vol.labels[0], vol.labels[5]);
    assertEquals(vol.labels[3], vol.labels[6]);
    assertNotEquals(vol.labels[0], vol.labels[3]);
    assertEquals(0, vol.labels[1]);
    int[] corner = {1, 0, 0, 0, 0, 0, 0, 1};
    assertEquals(1, ZoneLabeller.label(corner, 2, 2, 2, false).count);
    assertEquals(2, ZoneLabeller.label(corner, 2, 2, 2, true).count);
  }

  /** Labelling agrees with an independent union-find on random volumes with few grey levels. */
  @Test
  void matchesUnionFindOnRandomVolumes() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      int nx = 3 + rnd.nextInt(6);
      int ny = 3 + rnd.nextInt(6);
      int nz = 1 + rnd.nextInt(5);
      int[] bins = new int[nx * ny * nz];
      for (int i = 0; i < bins.length; i++) {
        bins[i] = rnd.nextInt(4); // 0 = outside
      }
      for (boolean planar : new boolean[] {true, false}) {
        ZoneLabeller.Zones z = ZoneLabeller.label(bins, nx, ny, nz, planar);
        int[] ref = unionFindLabels(bins, nx, ny, nz, planar);
        // Same partition: labels map one-to-one.
        int[] map = new int[bins.length + 1];
        int[] back = new int[bins.length + 1];
        int refCount = 0;
        int[] sizes = new int[z.count + 1];
        for (int i = 0; i < bins.length; i++) {
          assertEquals(bins[i] > 0, z.labels[i] > 0);
          if (bins[i] == 0) {
            continue;
          }
          sizes[z.labels[i]]++;
          assertEquals(bins[i], z.level[z.labels[i]]);
          if (map[z.labels[i]] == 0) {
            map[z.labels[i]] = ref[i];
          }
          if (back[ref[i]] == 0) {
            back[ref[i]] = z.labels[i];
            refCount++;
          }
          assertEquals(map[z.labels[i]], ref[i]);
          assertEquals(back[ref[i]], z.labels[i]);
        }
        assertEquals(refCount, z.count);
        for (int k = 1; k <= z.count; k++) {
          assertEquals(sizes[k], z.size[k]);
        }
      }
    }
  }

  private static int[] unionFindLabels(int[] bins, int nx, int ny, int nz, boolean planar) {
    int n = bins.length;
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int v = x + nx * (y + ny * z);
          if (bins[v] == 0) {
            continue;
          }
          for (int dz = planar ? 0 : -1; dz <= (planar ? 0 : 1); dz++) {
            for (int dy = -1; dy <= 1; dy++) {
              for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                int zz = z + dz;
                if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) {
                  continue;
                }
                int w = xx + nx * (yy + ny * zz);
                if (bins[w] == bins[v]) {
                  int a = find(parent, v);
                  int b = find(parent, w);
                  parent[a] = b;
                }
              }
            }
          }
        }
      }
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = bins[i] == 0 ? 0 : find(parent, i) + 1;
    }
    return out;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /**
   * 5x4 slice mask (# inside, . outside) and its distances (voxels beyond the box count as outside):
   *
   * <pre>
   * # # # # .      1 1 1 1 0
   * # # # # #      1 2 2 2 1
   * # # # # #      1 2 2 2 1
   * # # # # .      1 1 1 1 0
   * </pre>
   *
   * Rows 0 and 3 and columns 0 and 4 touch the box border (distance 1); (3,1) is 2 steps from the outside voxel
   * (4,0) and from the box border, so 2, like (1,1) and (2,1). In 3D a single slice is its own z border: every mask
   * voxel has distance 1.
   */
  @Test
  void edgeDistanceByHand() {
    boolean t = true;
    boolean f = false;
    boolean[] mask = {
      t, t, t, t, f,
      t, t, t, t, t,
      t, t, t, t, t,
      t, t, t, t, f
    };
    int[] d = ZoneLabeller.edgeDistance(mask, 5, 4, 1, true);
    assertArrayEquals(new int[] {
      1, 1, 1, 1, 0,
      1, 2, 2, 2, 1,
      1, 2, 2, 2, 1,
      1, 1, 1, 1, 0
    }, d);
    int[] d3 = ZoneLabeller.edgeDistance(mask, 5, 4, 1, false);
    for (int i = 0; i < mask.length; i++) {
      assertEquals(mask[i] ? 1 : 0, d3[i]);
    }
  }

  /** A 5x5x5 full cube: 3D distance = min distance to any face + 1; planar ignores z. Centre: 3 in both. */
  @Test
  void edgeDistanceInCube() {
    boolean[] mask = new boolean[125];
    java.util.Arrays.fill(mask, true);
    int[] d3 = ZoneLabeller.edgeDistance(mask, 5, 5, 5, false);
    int[] d2 = ZoneLabeller.edgeDistance(mask, 5, 5, 5, true);
    assertEquals(3, d3[62]); // (2,2,2)
    assertEquals(1, d3[12]); // (2,2,0): on the z=0 face
    assertEquals(3, d2[12]); // planar: centre of slice 0
    assertEquals(2, d3[2 + 5 * (2 + 5 * 1)]); // (2,2,1)
  }

  /** The two-pass transform equals a brute-force minimum over all outside voxels and the box border. */
  @Test
  void edgeDistanceMatchesBruteForce() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 30; trial++) {
      int nx = 2 + rnd.nextInt(8);
      int ny = 2 + rnd.nextInt(8);
      int nz = 1 + rnd.nextInt(6);
      boolean[] mask = new boolean[nx * ny * nz];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = rnd.nextDouble() < 0.85;
      }
      for (boolean planar : new boolean[] {true, false}) {
        int[] d = ZoneLabeller.edgeDistance(mask, nx, ny, nz, planar);
        for (int z = 0; z < nz; z++) {
          for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
              int v = x + nx * (y + ny * z);
              int expected = 0;
              if (mask[v]) {
                // Virtual outside voxels just beyond the box.
                expected = Math.min(Math.min(x + 1, nx - x), Math.min(y + 1, ny - y));
                if (!planar) {
                  expected = Math.min(expected, Math.min(z + 1, nz - z));
                }
                for (int zz = planar ? z : 0; zz <= (planar ? z : nz - 1); zz++) {
                  for (int yy = 0; yy < ny; yy++) {
                    for (int xx = 0; xx < nx; xx++) {
                      if (!mask[xx + nx * (yy + ny * zz)]) {
                        expected = Math.min(expected, Math.abs(xx - x) + Math.abs(yy - y) + Math.abs(zz - z));
                      }
                    }
                  }
                }
              }
              assertEquals(expected, d[v], "voxel " + x + "," + y + "," + z + " planar=" + planar);
            }
          }
        }
      }
    }
  }

  @Test
  void rejectsMismatchedArrays() {
    assertThrows(IllegalArgumentException.class, () -> ZoneLabeller.label(new int[5], 2, 2, 1, true));
    assertThrows(IllegalArgumentException.class, () -> ZoneLabeller.edgeDistance(new boolean[3], 2, 2, 1, true));
  }

  @Test
  void emptyVolumeHasNoZones() {
    ZoneLabeller.Zones z = ZoneLabeller.label(new int[8], 2, 2, 2, false);
    assertEquals(0, z.count);
    assertArrayEquals(new int[8], z.labels);
  }
}
