package org.sparkradiomics.features.families.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarchingCubesTest {
  private static boolean[] box(int nx, int ny, int nz, int x0, int y0, int z0, int a, int b, int c) {
    boolean[] m = new boolean[nx * ny * nz];
    for (int z = z0; z < z0 + c; z++) {
      for (int y = y0; y < y0 + b; y++) {
        for (int x = x0; x < x0 + a; x++) {
          m[x + nx * (y + ny * z)] = true;
        }
      }
    }
    return m;
  }

  @Test
  void singleVoxelIsAnOctahedron() {
    // Vertices at the 6 face midpoints, +-s_k/2 along each axis: an octahedron of volume (4/3)(sx/2)(sy/2)(sz/2).
    Mesh m = MarchingCubes.mesh(new boolean[] {true}, 1, 1, 1, 1, 2, 3);
    assertEquals(6, m.vertexCount());
    assertEquals(8, m.faceCount());
    assertEquals(1.0 * 2 * 3 / 6, m.signedVolume(), 1e-12); // positive: outward orientation
    // Unit spacing: 8 equilateral triangles of side sqrt(1/2), each sqrt(3)/4 * 1/2, total sqrt(3).
    Mesh u = MarchingCubes.mesh(new boolean[] {true}, 1, 1, 1, 1, 1, 1);
    assertEquals(Math.sqrt(3), u.area(), 1e-12);
  }

  @Test
  void boxOfVoxelsHasChamferedEdgesAndCorners() {
    // a x b x c voxels (unit spacing): flat faces on the voxel boundary; each of the 4(a-1)+4(b-1)+4(c-1) edge
    // cubes cuts a right-triangle prism of legs 1/2 (volume 1/8) and each of the 8 corner cubes leaves 1/48 of its
    // 1/8 octant, removing 5/48: V = abc - (a+b+c-3)/2 - 5/6. Area: flat faces 2[(a-1)(b-1)+(b-1)(c-1)+(a-1)(c-1)],
    // chamfer strips of width sqrt(1/2) along 4(a+b+c-3) unit lengths, 8 corner triangles of area sqrt(3)/8.
    int a = 3;
    int b = 4;
    int c = 5;
    Mesh m = MarchingCubes.mesh(box(7, 8, 9, 2, 1, 3, a, b, c), 7, 8, 9, 1, 1, 1);
    assertEquals(a * b * c - (a + b + c - 3) / 2.0 - 5.0 / 6.0, m.signedVolume(), 1e-9);
    double area = 2.0 * ((a - 1) * (b - 1) + (b - 1) * (c - 1) + (a - 1) * (c - 1))
        + 4 * Math.sqrt(0.5) * (a + b + c - 3) + Math.sqrt(3);
    assertEquals(area, m.area(), 1e-9);
  }

  @Test
  void randomMasksGiveClosedConsistentlyOrientedMeshes() {
    // A closed, consistently oriented mesh uses every edge as often in direction (u, v) as in (v, u). (An edge may
    // be used twice each way: two neighbouring cubes can both draw the same diagonal across their shared ambiguous
    // face inside their own polygons; each such diagonal is balanced within its polygon.)
    Random r = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = 6;
      boolean[] mask = new boolean[n * n * n];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = r.nextDouble() < 0.5;
      }
      Mesh m = MarchingCubes.mesh(mask, n, n, n, 1, 1.5, 2);
      Map<Long, Integer> count = new HashMap<>();
      int[] f = m.faces();
      for (int t = 0; t < f.length; t += 3) {
        for (int k = 0; k < 3; k++) {
          long key = ((long) f[t + k] << 32) | f[t + (k + 1) % 3];
          count.merge(key, 1, Integer::sum);
        }
      }
      for (Map.Entry<Long, Integer> e : count.entrySet()) {
        long rev = ((e.getKey() & 0xffffffffL) << 32) | (e.getKey() >>> 32);
        assertEquals(e.getValue(), count.getOrDefault(rev, 0), "unbalanced edge: mesh not closed");
      }
      assertTrue(m.signedVolume() > 0);
    }
  }

  @Test
  void digitisedSphereVolumeIsCloseToAnalytic() {
    // Voxels with centres within R = 12 of the centre: the mesh volume tracks 4/3 pi R^3 within 2% (the mesh cuts
    // the voxel corners, so it runs about 1% low at this radius).
    int n = 29;
    double rr = 12;
    boolean[] mask = new boolean[n * n * n];
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          double dx = x - 14;
          double dy = y - 14;
          double dz = z - 14;
          mask[x + n * (y + n * z)] = dx * dx + dy * dy + dz * dz <= rr * rr;
        }
      }
    }
    Mesh m = MarchingCubes.mesh(mask, n, n, n, 1, 1, 1);
    double v = 4.0 / 3.0 * Math.PI * rr * rr * rr;
    assertEquals(v, m.volume(), 0.02 * v);
  }

  @Test
  void emptyMaskGivesEmptyMesh() {
    Mesh m = MarchingCubes.mesh(new boolean[8], 2, 2, 2, 1, 1, 1);
    assertEquals(0, m.vertexCount());
    assertEquals(0, m.volume(), 0);
  }
}
