package org.sparkradiomics.features.families.morph;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Minimum-volume oriented bounding box of a convex hull (IBSI-1 morph_vol_dens_ombb / morph_area_dens_ombb, not
 * standardised by IBSI). Heuristic shared by common implementations: the box is assumed to have one face flush with
 * a hull face. For every distinct hull face normal n, the hull vertices are projected onto the plane normal to n,
 * the minimum-area enclosing rectangle of that 2D convex polygon is found (it has a side collinear with a polygon
 * edge), and the box volume is that area times the extent along n; the box with the smallest volume wins. This is
 * exact for boxes and prisms and within a few percent of the true optimum otherwise.
 */
public final class OrientedBoundingBox {
  private final double[] extents;

  private OrientedBoundingBox(double[] extents) {
    this.extents = extents;
  }

  /** The box of the hull's vertices, or null for a degenerate hull. */
  public static OrientedBoundingBox of(ConvexHull3D hull) {
    if (hull.isDegenerate()) {
      return null;
    }
    double[] v = hull.vertices();
    double[] normals = hull.faceNormals();
    int nv = v.length / 3;
    Set<Long> seen = new HashSet<>();
    double bestVol = Double.POSITIVE_INFINITY;
    double[] best = null;
    double[] px = new double[nv];
    double[] py = new double[nv];
    for (int f = 0; f < normals.length / 3; f++) {
      double nx = normals[3 * f];
      double ny = normals[3 * f + 1];
      double nz = normals[3 * f + 2];
      // opposite normals give the same box; canonical sign, then dedupe on rounded components
      if (nx < 0 || (nx == 0 && (ny < 0 || (ny == 0 && nz < 0)))) {
        nx = -nx;
        ny = -ny;
        nz = -nz;
      }
      long key = (Math.round(nx * 1e6) * 2_000_003L + Math.round(ny * 1e6)) * 2_000_003L + Math.round(nz * 1e6);
      if (!seen.add(key)) {
        continue;
      }
      // orthonormal basis e1, e2 of the plane normal to n
      double ax = Math.abs(nx) < 0.9 ? 1 : 0;
      double ay = ax == 1 ? 0 : 1;
      double e1x = ny * 0 - nz * ay;
      double e1y = nz * ax - nx * 0;
      double e1z = nx * ay - ny * ax;
      double l1 = Math.sqrt(e1x * e1x + e1y * e1y + e1z * e1z);
      e1x /= l1;
      e1y /= l1;
      e1z /= l1;
      double e2x = ny * e1z - nz * e1y;
      double e2y = nz * e1x - nx * e1z;
      double e2z = nx * e1y - ny * e1x;
      double hMin = Double.POSITIVE_INFINITY;
      double hMax = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < nv; i++) {
        double x = v[3 * i];
        double y = v[3 * i + 1];
        double z = v[3 * i + 2];
        double h = nx * x + ny * y + nz * z;
        hMin = Math.min(hMin, h);
        hMax = Math.max(hMax, h);
        px[i] = e1x * x + e1y * y + e1z * z;
        py[i] = e2x * x + e2y * y + e2z * z;
      }
      double[] rect = minAreaRectangle(px, py, nv);
      double vol = rect[0] * rect[1] * (hMax - hMin);
      if (vol < bestVol) {
        bestVol = vol;
        best = new double[] {rect[0], rect[1], hMax - hMin};
      }
    }
    if (best == null) {
      return null;
    }
    Arrays.sort(best);
    return new OrientedBoundingBox(best);
  }

  /**
   * Minimum-area rectangle enclosing 2D points: convex hull by Andrew's monotone chain, then for every hull edge
   * direction the extents along it and its normal (the optimal rectangle has a side on a hull edge).
   *
   * @return {width, height} of the best rectangle
   */
  static double[] minAreaRectangle(double[] x, double[] y, int n) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> x[a] != x[b] ? Double.compare(x[a], x[b]) : Double.compare(y[a], y[b]));
    int[] h = new int[2 * n + 1];
    int k = 0;
    for (int t = 0; t < n; t++) {
      int i = idx[t];
      while (k >= 2 && cross(x, y, h[k - 2], h[k - 1], i) <= 0) {
        k--;
      }
      h[k++] = i;
    }
    for (int t = n - 2, lo = k + 1; t >= 0; t--) {
      int i = idx[t];
      while (k >= lo && cross(x, y, h[k - 2], h[k - 1], i) <= 0) {
        k--;
      }
      h[k++] = i;
    }
    int m = Math.max(1, k - 1);
    double bestArea = Double.POSITIVE_INFINITY;
    double[] best = {0, 0};
    for (int e = 0; e < m; e++) {
      int a = h[e];
      int b = h[(e + 1) % m];
      double dx = x[b] - x[a];
      double dy = y[b] - y[a];
      double len = Math.sqrt(dx * dx + dy * dy);
      if (len == 0) {
        continue;
      }
      dx /= len;
      dy /= len;
      double uMin = Double.POSITIVE_INFINITY;
      double uMax = Double.NEGATIVE_INFINITY;
      double wMin = Double.POSITIVE_INFINITY;
      double wMax = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < m; t++) {
        int i = h[t];
        double u = dx * x[i] + dy * y[i];
        double w = -dy * x[i] + dx * y[i];
        uMin = Math.min(uMin, u);
        uMax = Math.max(uMax, u);
        wMin = Math.min(wMin, w);
        wMax = Math.max(wMax, w);
      }
      double area = (uMax - uMin) * (wMax - wMin);
      if (area < bestArea) {
        bestArea = area;
        best = new double[] {uMax - uMin, wMax - wMin};
      }
    }
    return best;
  }

  private static double cross(double[] x, double[] y, int o, int a, int b) {
    return (x[a] - x[o]) * (y[b] - y[o]) - (y[a] - y[o]) * (x[b] - x[o]);
  }

  /** Box edge lengths (mm), smallest first. */
  public double[] extents() {
    return extents.clone();
  }

  /** Box volume {@code a b c}. */
  public double volume() {
    return extents[0] * extents[1] * extents[2];
  }

  /** Box surface area {@code 2 (ab + bc + ca)}. */
  public double area() {
    return 2 * (extents[0] * extents[1] + extents[1] * extents[2] + extents[0] * extents[2]);
  }
}
