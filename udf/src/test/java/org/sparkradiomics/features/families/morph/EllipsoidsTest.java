package org.sparkradiomics.features.families.morph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EllipsoidsTest {
  @Test
  void sphereAreaIsExact() {
    assertEquals(4 * Math.PI * 9, Ellipsoids.area(3, 3, 3), 1e-9);
  }

  @Test
  void ibsiSeriesOnSpheroidsMatchesItsClosedForms() {
    // With IBSI's alpha = sqrt(1 - b^2/a^2), beta = sqrt(1 - c^2/a^2) the series has closed forms on spheroids, using
    // sum_nu C(2nu,nu) x^nu/(1-2nu) = sqrt(1-4x) and sum_nu C(2nu,nu) x^nu/(1+2nu) = arcsin(2 sqrt x)/(2 sqrt x):
    // a = b > c (alpha = 0, beta = e): (alpha beta)^nu P_nu -> C(2nu,nu) (e^2/4)^nu, so
    //   A = 2 pi a^2 (sqrt(1 - e^2) + arcsin(e)/e);
    // a > b = c (alpha = beta = e, P_nu(1) = 1): A = 2 pi a b (1 + (1 - e^2) artanh(e)/e).
    // (These are the exact areas of the prolate and oblate spheroid respectively with the roles swapped: IBSI's
    // series is not the exact ellipsoid area, but it is what the IBSI reference values were computed with.)
    double a = 1.5;
    double c = 1;
    double e = Math.sqrt(1 - c * c / (a * a));
    double atanh = 0.5 * Math.log((1 + e) / (1 - e));
    assertEquals(2 * Math.PI * a * a * (Math.sqrt(1 - e * e) + Math.asin(e) / e), Ellipsoids.area(a, a, c), 1e-6);
    assertEquals(2 * Math.PI * a * c * (1 + (1 - e * e) * atanh / e), Ellipsoids.area(c, a, c), 1e-6);
  }

  @Test
  void mveeOfABoxCircumscribesItsCorners() {
    // The MVEE of the box [-a,a]x[-b,b]x[-c,c] is the axis-aligned ellipsoid through the corners with semi-axes
    // sqrt(3)(a, b, c) (the unit cube's MVEE is the sphere of radius sqrt(3), scaled per axis). Interior points
    // do not change it; the box is shifted to check translation invariance.
    double a = 4;
    double b = 2;
    double c = 1;
    Random r = new Random(5);
    int n = 8 + 200;
    double[] p = new double[3 * n];
    int k = 0;
    for (int sx = -1; sx <= 1; sx += 2) {
      for (int sy = -1; sy <= 1; sy += 2) {
        for (int sz = -1; sz <= 1; sz += 2) {
          p[k++] = 10 + sx * a;
          p[k++] = -5 + sy * b;
          p[k++] = 3 + sz * c;
        }
      }
    }
    while (k < p.length) {
      p[k++] = 10 + a * (2 * r.nextDouble() - 1);
      p[k++] = -5 + b * (2 * r.nextDouble() - 1);
      p[k++] = 3 + c * (2 * r.nextDouble() - 1);
    }
    double[] ax = Ellipsoids.mveeSemiAxes(p, 1e-7, 100000);
    double s = Math.sqrt(3);
    assertArrayEquals(new double[] {s * a, s * b, s * c}, ax, 1e-4);
  }

  @Test
  void mveeOfPointsOnASphereIsTheSphere() {
    // Fibonacci points on a sphere of radius 5 (plus the poles): the MVEE is that sphere.
    int n = 400;
    double[] p = new double[3 * n];
    for (int i = 0; i < n; i++) {
      double z = 1 - 2.0 * i / (n - 1);
      double rr = Math.sqrt(Math.max(0, 1 - z * z));
      double phi = i * Math.PI * (3 - Math.sqrt(5));
      p[3 * i] = 5 * rr * Math.cos(phi);
      p[3 * i + 1] = 5 * rr * Math.sin(phi);
      p[3 * i + 2] = 5 * z;
    }
    double[] ax = Ellipsoids.mveeSemiAxes(p, 1e-6, 100000);
    assertEquals(5, ax[0], 0.02);
    assertEquals(5, ax[2], 0.02);
  }

  @Test
  void mveeOfFlatOrTinyInputIsNull() {
    assertNull(Ellipsoids.mveeSemiAxes(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, 1e-6, 100));
    assertNull(Ellipsoids.mveeSemiAxes(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0}, 1e-6, 1000));
  }
}
