package org.sparkradiomics.features.families.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
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
  void tableUsesExactlyTheCrossedEdgesOnce() {
    // Transcription check of the 256 rows: a configuration's triangles use every cube edge whose two corners differ
    // and no other, no triangle repeats an edge, and the table is empty exactly for configurations 0 and 255.
    for (int config = 0; config < 256; config++) {
      int[] t = MarchingCubes.TRIANGLES[config];
      assertEquals(0, t.length % 3, "config " + config);
      boolean[] used = new boolean[12];
      for (int k = 0; k < t.length; k += 3) {
        assertTrue(t[k] != t[k + 1] && t[k + 1] != t[k + 2] && t[k] != t[k + 2], "config " + config);
        used[t[k]] = used[t[k + 1]] = used[t[k + 2]] = true;
      }
      for (int e = 0; e < 12; e++) {
        boolean crossed = inside(config, MarchingCubes.EDGE[e][0]) != inside(config, MarchingCubes.EDGE[e][1]);
        assertEquals(crossed, used[e], "config " + config + " edge " + e);
      }
    }
  }

  @Test
  void tableIsFaceConsistentSoEveryMeshIsClosed() {
    // Exhaustive over the 256 configurations: the directed triangle edges that do not cancel inside a cube (its
    // polygon boundaries, with the outward orientation the mesh emits) must all run across one cube face, one per
    // pair of crossed face edges, and must depend only on that face's 4 corners: the same segments for every
    // configuration with that face pattern, and reversed for the cube on the other side of the face. Then
    // neighbouring cubes always agree and any mesh built from the table is closed and consistently oriented.
    Map<String, String> seen = new HashMap<>();
    for (int config = 1; config < 255; config++) {
      int[] t = MarchingCubes.TRIANGLES[config];
      Map<Long, Integer> half = new HashMap<>(); // directed edge a -> b: uses minus uses of b -> a
      for (int k = 0; k < t.length; k += 3) {
        int[] tri = {t[k], t[k + 2], t[k + 1]}; // emitted (outward) order
        for (int q = 0; q < 3; q++) {
          int a = tri[q];
          int b = tri[(q + 1) % 3];
          half.merge(((long) a << 8) | b, 1, Integer::sum);
          half.merge(((long) b << 8) | a, -1, Integer::sum);
        }
      }
      half.values().removeIf(n -> n <= 0);
      List<String>[] segs = faceSegments(config, half);
      for (int face = 0; face < 6; face++) {
        int axis = face / 2;
        int side = face % 2;
        int pattern = 0;
        int crossedEdges = 0;
        int[][] fc = faceCorners(axis, side);
        for (int q = 0; q < 4; q++) {
          pattern |= (inside(config, cornerIndex(fc[q])) ? 1 : 0) << q;
        }
        for (int q = 0; q < 4; q++) {
          int r = q == 0 ? 1 : q == 1 ? 3 : q == 3 ? 2 : 0; // ring order 0-1-3-2 of the face-local corners
          if (((pattern >> q) & 1) != ((pattern >> r) & 1)) {
            crossedEdges++;
          }
        }
        assertEquals(crossedEdges / 2, segs[face].size(), "config " + config + " face " + face);
        Collections.sort(segs[face]);
        String mine = String.join(";", segs[face]);
        // store side 0 as is; side 1 reversed, i.e. as the neighbour across the face sees it
        String key = axis + "/" + pattern;
        String canon = side == 0 ? mine : reversed(segs[face]);
        String prev = seen.putIfAbsent(key, canon);
        if (prev != null) {
          assertEquals(prev, canon, "config " + config + " face " + face + ": inconsistent with a neighbour");
        }
      }
    }
    assertEquals(3 * 16, seen.size()); // every axis sees all 16 face patterns (the 2 constant ones: no segment)
  }

  private static boolean inside(int config, int corner) {
    return (config & (1 << corner)) != 0;
  }

  private static int cornerIndex(int[] xyz) {
    for (int c = 0; c < 8; c++) {
      if (Arrays.equals(MarchingCubes.CORNER[c], xyz)) {
        return c;
      }
    }
    throw new IllegalArgumentException();
  }

  /** Corners of face (axis, side) in face-local order (u, v) = (0,0), (1,0), (0,1), (1,1). */
  private static int[][] faceCorners(int axis, int side) {
    int u = axis == 0 ? 1 : 0;
    int v = axis == 2 ? 1 : 2;
    int[][] out = new int[4][3];
    for (int q = 0; q < 4; q++) {
      out[q][axis] = side;
      out[q][u] = q & 1;
      out[q][v] = q >> 1;
    }
    return out;
  }

  /** Face-local name of cube edge e on face (axis, side), or null when e is not on that face. */
  private static String localEdge(int e, int axis, int side) {
    int[] a = MarchingCubes.CORNER[MarchingCubes.EDGE[e][0]];
    int[] b = MarchingCubes.CORNER[MarchingCubes.EDGE[e][1]];
    if (a[axis] != side || b[axis] != side) {
      return null;
    }
    int u = axis == 0 ? 1 : 0;
    int v = axis == 2 ? 1 : 2;
    return "(" + (a[u] + b[u]) + "," + (a[v] + b[v]) + ")"; // doubled midpoint in face coordinates
  }

  /** Uncancelled directed edges of a configuration, sorted onto the faces they cross (fails if one crosses none). */
  @SuppressWarnings("unchecked")
  private static List<String>[] faceSegments(int config, Map<Long, Integer> half) {
    List<String>[] out = new List[6];
    for (int f = 0; f < 6; f++) {
      out[f] = new ArrayList<>();
    }
    for (Map.Entry<Long, Integer> h : half.entrySet()) {
      int a = (int) (h.getKey() >> 8);
      int b = (int) (h.getKey() & 0xff);
      boolean placed = false;
      for (int f = 0; f < 6 && !placed; f++) {
        String la = localEdge(a, f / 2, f % 2);
        String lb = localEdge(b, f / 2, f % 2);
        if (la != null && lb != null) {
          for (int n = 0; n < h.getValue(); n++) {
            out[f].add(la + ">" + lb);
          }
          placed = true;
        }
      }
      assertTrue(placed, "config " + config + ": open edge " + a + "-" + b + " inside the cube");
    }
    return out;
  }

  private static String reversed(List<String> segs) {
    List<String> r = new ArrayList<>();
    for (String s : segs) {
      String[] p = s.split(">");
      r.add(p[1] + ">" + p[0]);
    }
    Collections.sort(r);
    return String.join(";", r);
  }

  @Test
  void randomMasksGiveClosedConsistentlyOrientedMeshes() {
    // A closed, consistently oriented mesh uses every edge as often in direction (u, v) as in (v, u).
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
