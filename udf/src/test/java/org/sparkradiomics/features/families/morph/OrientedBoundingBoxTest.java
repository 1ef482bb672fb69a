package org.sparkradiomics.features.families.morph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OrientedBoundingBoxTest {
  /** Corners and random interior points of a 4 x 2 x 1 box, rotated by R = Rx(20 deg) Rz(30 deg), shifted. */
  private static double[] rotatedBox() {
    double[][] rz = rot(2, Math.toRadians(30));
    double[][] rx = rot(0, Math.toRadians(20));
    Random r = new Random(11);
    int n = 8 + 300;
    double[] p = new double[3 * n];
    for (int i = 0; i < n; i++) {
      double[] q = i < 8
          ? new double[] {(i & 1) * 4.0, ((i >> 1) & 1) * 2.0, ((i >> 2) & 1) * 1.0}
          : new double[] {4 * r.nextDouble(), 2 * r.nextDouble(), r.nextDouble()};
      double[] t = mul(rx, mul(rz, q));
      p[3 * i] = t[0] + 7;
      p[3 * i + 1] = t[1] - 3;
      p[3 * i + 2] = t[2] + 1;
    }
    return p;
  }

  @Test
  void rotatedBoxIsRecovered() {
    OrientedBoundingBox b = OrientedBoundingBox.of(ConvexHull3D.of(rotatedBox()));
    assertArrayEquals(new double[] {1, 2, 4}, b.extents(), 1e-9);
    assertEquals(8, b.volume(), 1e-9);
    assertEquals(2 * (2 + 8 + 4), b.area(), 1e-9);
  }

  @Test
  void minimumAreaRectangleOfARotatedSquare() {
    // a unit square rotated by 45 degrees: the best rectangle is the square itself (area 1), not its AABB (area 2)
    double h = Math.sqrt(0.5);
    double[] x = {0, h, 0, -h, 0};
    double[] y = {-h, 0, h, 0, 0};
    double[] wh = OrientedBoundingBox.minAreaRectangle(x, y, 5);
    assertEquals(1, wh[0] * wh[1], 1e-12);
  }

  private static double[][] rot(int axis, double t) {
    double c = Math.cos(t);
    double s = Math.sin(t);
    switch (axis) {
      case 0: return new double[][] {{1, 0, 0}, {0, c, -s}, {0, s, c}};
      case 1: return new double[][] {{c, 0, s}, {0, 1, 0}, {-s, 0, c}};
      default: return new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
    }
  }

  private static double[] mul(double[][] m, double[] v) {
    return new double[] {
      m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
      m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
      m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]
    };
  }
}
