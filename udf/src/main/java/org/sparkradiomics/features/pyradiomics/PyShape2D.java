package org.sparkradiomics.features.pyradiomics;

import java.util.Arrays;
import java.util.List;
import org.sparkradiomics.features.FeatureVector;

/**
 * PyRadiomics 2D shape features ({@code radiomics.shape2D}, v3.1) of a 3D mask that is one voxel thick along
 * {@code force2Ddimension}. PyRadiomics computes this class for 3D input only with {@code force2D: true}, and only
 * when the (cropped) mask has size 1 along {@code force2Ddimension} (numpy axis: 0 = z, 1 = y, 2 = x); otherwise
 * {@code shape2D.py} raises ValueError, here an {@link IllegalArgumentException} with PyRadiomics' message.
 *
 * <p>The mask is squeezed to a 2D array of rows x columns, the two remaining numpy axes in order (force2Ddimension
 * 0: rows = y, columns = x; 1: rows = z, columns = x; 2: rows = z, columns = y), with pixel spacing (s_r, s_c), and
 * padded with one row/column of zeros on each side, as {@code shape2D.py} does.
 *
 * <p><b>Marching squares</b> (PyRadiomics {@code cshape.c}, {@code calculate_coefficients2D}): every 2x2 window of the
 * padded mask, with lowest corner (r, c), is a square with corners 0 = (r, c), 1 = (r, c+1), 2 = (r+1, c+1),
 * 3 = (r+1, c); bit i of the configuration is set when corner i is inside. Line vertices lie on the square's edge
 * midpoints: edge 0 = (r, c+1/2), 1 = (r+1/2, c+1), 2 = (r+1, c+1/2), 3 = (r+1/2, c). Each configuration draws the
 * segments of {@link #LINES} (edge pairs, oriented so that the closed contours enclose the ROI with positive signed
 * area). The ambiguous (saddle) configurations 5 (corners 0 and 2 inside) and 10 (corners 1 and 3) cut off each inside
 * corner separately: pixels that touch only diagonally are not joined (the same face rule as the classic Lorensen
 * marching-cubes table that PyRadiomics' 3D shape uses, see {@code MarchingCubes}). Vertex positions in mm:
 * {@code a = (r_a s_r, c_a s_c)}.
 *
 * <ul>
 *   <li>MeshSurface {@code A = 1/2 sum_segments (a_r b_c - b_r a_c)} (signed area of the triangles origin-a-b, i.e. the
 *       shoelace formula over the contour; holes count negatively);
 *   <li>PixelSurface {@code N_p s_r s_c};
 *   <li>Perimeter {@code P = sum_segments |b - a|};
 *   <li>PerimeterSurfaceRatio {@code P / A};
 *   <li>Sphericity {@code 2 sqrt(pi A) / P}; SphericalDisproportion (deprecated) {@code P / (2 sqrt(pi A))};
 *   <li>MaximumDiameter: largest distance between two contour vertices (every boundary edge midpoint, each once):
 *       attained between vertices of their convex hull (Andrew's monotone chain), found by rotating calipers;
 *   <li>MajorAxisLength {@code 4 sqrt(lambda_major)}, MinorAxisLength {@code 4 sqrt(lambda_minor)}, Elongation
 *       {@code sqrt(lambda_minor / lambda_major)}: lambda the eigenvalues of the covariance of the ROI pixel centres
 *       in mm as {@code shape2D.py} computes it (coordinates centred and divided by sqrt(N_p), then X^T X: the
 *       population covariance, divisor N_p); eigenvalues in (-1e-10, 0) are set to 0 as PyRadiomics does. A single
 *       pixel has Elongation 0/0: undefined (PyRadiomics: nan).
 * </ul>
 */
public final class PyShape2D {
  /** Segments of each configuration: pairs of edge numbers (from, to). Saddles 5 and 10: inside corners apart. */
  static final int[][] LINES = {
      {},
      {3, 0},
      {0, 1},
      {3, 1},
      {1, 2},
      {3, 0, 1, 2},
      {0, 2},
      {3, 2},
      {2, 3},
      {2, 0},
      {0, 1, 2, 3},
      {2, 1},
      {1, 3},
      {1, 0},
      {0, 3},
      {}
  };
  /** Corner i of a square as (row, column) offsets. */
  static final int[][] CORNER = {{0, 0}, {0, 1}, {1, 1}, {1, 0}};
  /** Midpoint of edge e as (row, column) offsets. */
  static final double[][] EDGE = {{0, 0.5}, {0.5, 1}, {1, 0.5}, {0.5, 0}};

  private PyShape2D() {}

  /**
   * Checks PyRadiomics' preconditions, squeezes the mask along {@code force2Ddimension} and writes the enabled
   * features (keys {@code shape2D_<Name>}) in the given order.
   *
   * @param mask 3D mask, x fastest ({@code x + nx * (y + ny * z)})
   * @throws IllegalArgumentException without force2D, or when the mask's bounding box is thicker than one voxel
   *     along {@code force2Ddimension}
   */
  public static void compute(boolean[] mask, int nx, int ny, int nz, double sx, double sy, double sz,
      boolean force2D, int force2Ddimension, List<String> enabled, FeatureVector out) {
    if (!force2D) {
      throw new IllegalArgumentException("Shape2D is can only be calculated when input is 2D or 3D with "
          + "`force2D=True` (setting force2D is false)");
    }
    int[] n = {nx, ny, nz};
    double[] s = {sx, sy, sz};
    // numpy axis force2Ddimension (z, y, x order) -> our axis
    int axis = 2 - force2Ddimension;
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          if (mask[x + nx * (y + ny * z)]) {
            int q = axis == 0 ? x : axis == 1 ? y : z;
            lo = Math.min(lo, q);
            hi = Math.max(hi, q);
          }
        }
      }
    }
    if (hi > lo) {
      throw new IllegalArgumentException("Size of the mask in dimension " + force2Ddimension + " is more than 1, "
          + "cannot compute 2D shape (ROI spans " + (hi - lo + 1) + " voxels along it)");
    }
    int slice = hi < lo ? 0 : lo;
    // columns = the faster remaining axis (x, or y when x is squeezed), rows = the slower one
    int colAxis = axis == 0 ? 1 : 0;
    int rowAxis = axis == 2 ? 1 : 2;
    int nc = n[colAxis];
    int nr = n[rowAxis];
    boolean[] m2 = new boolean[nc * nr];
    int[] q = new int[3];
    q[axis] = slice;
    for (int r = 0; r < nr; r++) {
      q[rowAxis] = r;
      for (int c = 0; c < nc; c++) {
        q[colAxis] = c;
        m2[c + nc * r] = mask[q[0] + nx * (q[1] + ny * q[2])];
      }
    }
    compute2D(m2, nc, nr, s[colAxis], s[rowAxis], enabled, out);
  }

  /** Marching-squares results: perimeter, signed area, contour vertices (row, column in mm, flat). */
  static final class Contour {
    double perimeter;
    double area;
    double[] vertices = new double[64];
    int nVertices;

    void addVertex(double r, double c) {
      if (2 * nVertices + 2 > vertices.length) {
        vertices = Arrays.copyOf(vertices, 2 * vertices.length);
      }
      vertices[2 * nVertices] = r;
      vertices[2 * nVertices + 1] = c;
      nVertices++;
    }
  }

  /**
   * Marching squares on the 2D mask {@code m[c + nc * r]} padded by one empty pixel on each side (see the class
   * comment). Vertices are collected once each: from every square, its edge 0 (top) and edge 3 (left) when their two
   * corners differ; with the padding this covers every boundary edge of the mask.
   */
  static Contour marchingSquares(boolean[] m, int nc, int nr, double sc, double sr) {
    Contour out = new Contour();
    double sum = 0;
    // padded grid: rows -1..nr, columns -1..nc; squares with lowest corner r in [-1, nr - 1], c in [-1, nc - 1]
    for (int r = -1; r < nr; r++) {
      for (int c = -1; c < nc; c++) {
        int idx = 0;
        for (int i = 0; i < 4; i++) {
          if (at(m, nc, nr, r + CORNER[i][0], c + CORNER[i][1])) {
            idx |= 1 << i;
          }
        }
        if (idx == 0 || idx == 15) {
          continue;
        }
        int[] lines = LINES[idx];
        for (int t = 0; t < lines.length; t += 2) {
          double ar = (r + EDGE[lines[t]][0]) * sr;
          double ac = (c + EDGE[lines[t]][1]) * sc;
          double br = (r + EDGE[lines[t + 1]][0]) * sr;
          double bc = (c + EDGE[lines[t + 1]][1]) * sc;
          sum += ar * bc - br * ac;
          out.perimeter += Math.hypot(br - ar, bc - ac);
        }
        boolean c0 = (idx & 1) != 0;
        if (c0 != ((idx & 2) != 0)) {
          out.addVertex((r + EDGE[0][0]) * sr, (c + EDGE[0][1]) * sc);
        }
        if (c0 != ((idx & 8) != 0)) {
          out.addVertex((r + EDGE[3][0]) * sr, (c + EDGE[3][1]) * sc);
        }
      }
    }
    out.area = sum / 2;
    return out;
  }

  private static boolean at(boolean[] m, int nc, int nr, int r, int c) {
    return r >= 0 && r < nr && c >= 0 && c < nc && m[c + nc * r];
  }

  /** The features of the 2D mask {@code m[c + nc * r]}, pixel spacing sc (columns) and sr (rows), in mm. */
  static void compute2D(boolean[] m, int nc, int nr, double sc, double sr, List<String> enabled, FeatureVector out) {
    Contour contour = marchingSquares(m, nc, nr, sc, sr);
    double a = contour.area;
    double p = contour.perimeter;
    long np = 0;
    double sumR = 0;
    double sumC = 0;
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < nc; c++) {
        if (m[c + nc * r]) {
          np++;
          sumR += r * sr;
          sumC += c * sc;
        }
      }
    }
    double[] ev = {Double.NaN, Double.NaN};
    if (np > 0) {
      double mr = sumR / np;
      double mc = sumC / np;
      double crr = 0;
      double ccc = 0;
      double crc = 0;
      for (int r = 0; r < nr; r++) {
        for (int c = 0; c < nc; c++) {
          if (m[c + nc * r]) {
            double dr = r * sr - mr;
            double dc = c * sc - mc;
            crr += dr * dr;
            ccc += dc * dc;
            crc += dr * dc;
          }
        }
      }
      ev = eigenvalues2(crr / np, crc / np, ccc / np);
    }
    double diameter = Double.NaN;
    for (String f : enabled) {
      String key = "shape2D_" + f;
      switch (f) {
        case "MeshSurface":
          out.put(key, a);
          break;
        case "PixelSurface":
          out.put(key, np * sr * sc);
          break;
        case "Perimeter":
          out.put(key, p);
          break;
        case "PerimeterSurfaceRatio":
          out.put(key, p / a);
          break;
        case "Sphericity":
          out.put(key, 2 * Math.sqrt(Math.PI * a) / p);
          break;
        case "SphericalDisproportion":
          out.put(key, p / (2 * Math.sqrt(Math.PI * a)));
          break;
        case "MaximumDiameter":
          if (Double.isNaN(diameter)) {
            diameter = diameter(Arrays.copyOf(contour.vertices, 2 * contour.nVertices));
          }
          out.put(key, diameter);
          break;
        case "MajorAxisLength":
          out.put(key, 4 * Math.sqrt(ev[1]));
          break;
        case "MinorAxisLength":
          out.put(key, 4 * Math.sqrt(ev[0]));
          break;
        case "Elongation":
          if (ev[1] == 0) {
            out.putUndefined(key, "largest principal component is 0 (PyRadiomics: 0/0 = nan)");
          } else {
            out.put(key, Math.sqrt(ev[0] / ev[1]));
          }
          break;
        default:
          throw new IllegalArgumentException("unknown shape2D feature " + f);
      }
    }
  }

  /**
   * Eigenvalues (ascending) of the symmetric 2x2 matrix [[a, b], [b, c]]: {@code (a+c)/2 -+ sqrt(((a-c)/2)^2 + b^2)};
   * values in (-1e-10, 0) set to 0 (PyRadiomics' machine-precision correction).
   */
  static double[] eigenvalues2(double a, double b, double c) {
    double mean = (a + c) / 2;
    double d = Math.hypot((a - c) / 2, b);
    double[] ev = {mean - d, mean + d};
    for (int i = 0; i < 2; i++) {
      if (ev[i] < 0 && ev[i] > -1e-10) {
        ev[i] = 0;
      }
    }
    return ev;
  }

  /**
   * Largest distance between two of the points {@code pts} (flat x, y pairs): convex hull by Andrew's monotone chain
   * (collinear points dropped), then rotating calipers over its antipodal pairs. 0 for one point, NaN for none.
   */
  static double diameter(double[] pts) {
    int n = pts.length / 2;
    if (n == 0) {
      return Double.NaN;
    }
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      p[i] = new double[] {pts[2 * i], pts[2 * i + 1]};
    }
    Arrays.sort(p, (u, v) -> u[0] != v[0] ? Double.compare(u[0], v[0]) : Double.compare(u[1], v[1]));
    double[][] hull = new double[2 * n][];
    int k = 0;
    for (int i = 0; i < n; i++) {
      while (k >= 2 && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) {
        k--;
      }
      hull[k++] = p[i];
    }
    for (int i = n - 2, t = k + 1; i >= 0; i--) {
      while (k >= t && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) {
        k--;
      }
      hull[k++] = p[i];
    }
    int h = Math.max(1, k - 1); // the last point repeats the first
    if (h == 1) {
      return 0;
    }
    if (h == 2) {
      return Math.sqrt(dist2(hull[0], hull[1]));
    }
    // rotating calipers: for each hull edge (i, i+1), advance j to the vertex farthest from that edge
    double best = 0;
    int j = 1;
    for (int i = 0; i < h; i++) {
      double[] a = hull[i];
      double[] b = hull[(i + 1) % h];
      while (Math.abs(cross(a, b, hull[(j + 1) % h])) > Math.abs(cross(a, b, hull[j]))) {
        j = (j + 1) % h;
      }
      best = Math.max(best, Math.max(dist2(a, hull[j]), dist2(b, hull[j])));
    }
    return Math.sqrt(best);
  }

  private static double dist2(double[] a, double[] b) {
    double dx = a[0] - b[0];
    double dy = a[1] - b[1];
    return dx * dx + dy * dy;
  }

  private static double cross(double[] o, double[] a, double[] b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  }
}
