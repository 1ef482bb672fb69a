package org.sparkradiomics.features.families.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvexHull3DTest {
  @Test
  void latticeCubeHullIsTheCube() {
    // 5x5x5 lattice 0..4 (many coplanar and collinear points): hull = cube of side 4, volume 64, area 96, 8 vertices.
    double[] p = new double[3 * 125];
    int k = 0;
    for (int z = 0; z < 5; z++) {
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 5; x++) {
          p[k++] = x;
          p[k++] = y;
          p[k++] = z;
        }
      }
    }
    ConvexHull3D h = ConvexHull3D.of(p);
    assertEquals(64, h.volume(), 1e-9);
    assertEquals(96, h.area(), 1e-9);
    assertEquals(8, h.vertexIndices().length);
    assertClosedAndContainsAll(h, p);
  }

  @Test
  void randomBallPointsAreAllInsideAClosedHull() {
    Random r = new Random(3);
    int n = 600;
    double[] p = new double[3 * n];
    for (int i = 0; i < n; i++) {
      double x;
      double y;
      double z;
      do {
        x = 2 * r.nextDouble() - 1;
        y = 2 * r.nextDouble() - 1;
        z = 2 * r.nextDouble() - 1;
      } while (x * x + y * y + z * z > 1);
      p[3 * i] = 10 * x;
      p[3 * i + 1] = 10 * y;
      p[3 * i + 2] = 10 * z;
    }
    ConvexHull3D h = ConvexHull3D.of(p);
    assertClosedAndContainsAll(h, p);
    // Euler: V - E + F = 2 with E = 3F/2 for a triangulated sphere
    int f = h.faces().length / 3;
    assertEquals(2, h.vertexIndices().length - 3 * f / 2 + f);
    // closed, and no point beyond any face: it is the hull; a 600-point sample of the ball of radius 10 fills
    // most of it (the expected deficit of a random polytope with n points is of order n^(-2/3), about 10%)
    double ball = 4.0 / 3.0 * Math.PI * 1000;
    assertTrue(h.volume() < ball && h.volume() > 0.8 * ball, "hull volume " + h.volume());
  }

  @Test
  void hullsOfRandomMarchingCubesMeshes() {
    // Mesh vertices of random blobs with anisotropic spacing: heavily coplanar input, as in the morphology family.
    Random r = new Random(12);
    for (int trial = 0; trial < 15; trial++) {
      int n = 4 + r.nextInt(4);
      boolean[] mask = new boolean[n * n * n];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = r.nextDouble() < 0.3 + 0.4 * r.nextDouble();
      }
      double sx = 0.5 + r.nextDouble();
      double sy = 0.5 + r.nextDouble();
      double sz = 0.5 + 3 * r.nextDouble();
      Mesh mesh = MarchingCubes.mesh(mask, n, n, n, sx, sy, sz);
      ConvexHull3D h = ConvexHull3D.of(mesh.vertices());
      if (mesh.vertexCount() == 0) {
        continue;
      }
      assertTrue(!h.isDegenerate());
      assertClosedAndContainsAll(h, mesh.vertices());
      assertTrue(h.volume() >= mesh.volume() - 1e-9, "hull smaller than the mesh it contains");
    }
  }

  @Test
  void tooFewOrFlatPointsAreDegenerate() {
    assertTrue(ConvexHull3D.of(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0}).isDegenerate());
    assertTrue(ConvexHull3D.of(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 2, 3, 0}).isDegenerate());
    assertEquals(0, ConvexHull3D.of(new double[0]).volume(), 0);
  }

  @Test
  void tetrahedronVolume() {
    // unit right tetrahedron: volume 1/6, area 3 * 1/2 + sqrt(3)/2
    ConvexHull3D h = ConvexHull3D.of(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0.1, 0.1, 0.1});
    assertEquals(1.0 / 6, h.volume(), 1e-12);
    assertEquals(1.5 + Math.sqrt(3) / 2, h.area(), 1e-12);
    assertEquals(4, h.vertexIndices().length);
  }

  static void assertClosedAndContainsAll(ConvexHull3D h, double[] p) {
    int[] f = h.faces();
    double[] nrm = h.faceNormals();
    Map<Long, Integer> count = new HashMap<>();
    for (int t = 0; t < f.length; t += 3) {
      int a = f[t];
      for (int i = 0; i < p.length / 3; i++) {
        double d = nrm[t] * (p[3 * i] - p[3 * a]) + nrm[t + 1] * (p[3 * i + 1] - p[3 * a + 1])
            + nrm[t + 2] * (p[3 * i + 2] - p[3 * a + 2]);
        assertTrue(d <= 1e-7, "point " + i + " lies " + d + " beyond hull face " + t / 3);
      }
      for (int k = 0; k < 3; k++) {
        count.merge(((long) f[t + k] << 32) | f[t + (k + 1) % 3], 1, Integer::sum);
      }
    }
    for (Map.Entry<Long, Integer> e : count.entrySet()) {
      assertEquals(1, e.getValue());
      long rev = ((e.getKey() & 0xffffffffL) << 32) | (e.getKey() >>> 32);
      assertEquals(1, count.getOrDefault(rev, 0), "hull not closed");
    }
  }
}
