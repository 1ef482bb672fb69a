package org.sparkradiomics.features.pyradiomics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.families.morph.ConvexHull3D;
import org.sparkradiomics.features.families.morph.MarchingCubes;
import org.sparkradiomics.features.families.morph.Mesh;
import org.sparkradiomics.features.families.morph.SymmetricEigen3;

/**
 * PyRadiomics 3D shape features ({@code radiomics.shape}, v3.1) on the shared marching-cubes mesh of the mask (the
 * same mesh as the IBSI morphology family: vertices on voxel-edge midpoints, mm): V = mesh volume, A = mesh surface
 * area, N_v voxels of volume V_voxel, lambda_major >= lambda_minor >= lambda_least the eigenvalues of the covariance
 * of the ROI voxel centres in mm with PyRadiomics' population normalisation (centred coordinates divided by
 * sqrt(N_v) before X^T X, i.e. divisor N_v, not numpy.cov's N_v - 1).
 */
public final class PyShape {
  private PyShape() {}

  /** Writes the enabled features (keys {@code shape_<Name>}) in the given order. */
  public static void compute(boolean[] mask, int nx, int ny, int nz, double sx, double sy, double sz,
      List<String> enabled, FeatureVector out) {
    Mesh mesh = MarchingCubes.mesh(mask, nx, ny, nz, sx, sy, sz);
    double v = mesh.volume();
    double a = mesh.area();
    long nVox = 0;
    double[] sum = new double[3];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          if (mask[x + nx * (y + ny * z)]) {
            nVox++;
            sum[0] += x * sx;
            sum[1] += y * sy;
            sum[2] += z * sz;
          }
        }
      }
    }
    double[] mean = {sum[0] / nVox, sum[1] / nVox, sum[2] / nVox};
    double[][] cov = new double[3][3];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          if (mask[x + nx * (y + ny * z)]) {
            double[] d = {x * sx - mean[0], y * sy - mean[1], z * sz - mean[2]};
            for (int i = 0; i < 3; i++) {
              for (int j = 0; j < 3; j++) {
                cov[i][j] += d[i] * d[j];
              }
            }
          }
        }
      }
    }
    double[] ev = new double[3];
    if (nVox > 1) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          cov[i][j] /= nVox;
        }
      }
      ev = SymmetricEigen3.of(cov).values().clone();
    }
    Arrays.sort(ev); // ascending: least, minor, major
    for (int i = 0; i < 3; i++) {
      ev[i] = Math.max(ev[i], 0); // PyRadiomics clamps tiny negative eigenvalues to 0
    }
    double[] diam = null;
    for (String f : enabled) {
      String key = "shape_" + f;
      switch (f) {
        case "MeshVolume":
          out.put(key, v);
          break;
        case "VoxelVolume":
          out.put(key, voxelVolume(nVox, sx * sy * sz));
          break;
        case "SurfaceArea":
          out.put(key, a);
          break;
        case "SurfaceVolumeRatio":
          out.put(key, a / v);
          break;
        case "Sphericity":
          out.put(key, sphericity(v, a));
          break;
        case "Compactness1":
          out.put(key, v / (Math.sqrt(Math.PI) * Math.pow(a, 1.5)));
          break;
        case "Compactness2":
          out.put(key, 36 * Math.PI * v * v / (a * a * a));
          break;
        case "SphericalDisproportion":
          out.put(key, a / Math.cbrt(36 * Math.PI * v * v));
          break;
        case "Maximum3DDiameter":
        case "Maximum2DDiameterSlice":
        case "Maximum2DDiameterColumn":
        case "Maximum2DDiameterRow":
          if (diam == null) {
            diam = diameters(mesh.vertices(), sx, sy, sz);
          }
          int k = f.equals("Maximum3DDiameter") ? 3 : f.endsWith("Slice") ? 0 : f.endsWith("Column") ? 1 : 2;
          out.put(key, diam[k]);
          break;
        case "MajorAxisLength":
          out.put(key, 4 * Math.sqrt(ev[2]));
          break;
        case "MinorAxisLength":
          out.put(key, 4 * Math.sqrt(ev[1]));
          break;
        case "LeastAxisLength":
          out.put(key, 4 * Math.sqrt(ev[0]));
          break;
        case "Elongation":
          out.put(key, Math.sqrt(ev[1] / ev[2]));
          break;
        case "Flatness":
          out.put(key, Math.sqrt(ev[0] / ev[2]));
          break;
        default:
          throw new IllegalArgumentException("unknown shape feature " + f);
      }
    }
  }

  /** VoxelVolume: {@code N_v * V_voxel}. */
  static double voxelVolume(long n, double voxelVolume) {
    return n * voxelVolume;
  }

  /** Sphericity: {@code (36 pi V^2)^(1/3) / A}. */
  static double sphericity(double v, double a) {
    return Math.cbrt(36 * Math.PI * v * v) / a;
  }

  /**
   * Largest pairwise distance between mesh vertices: [0] among vertices sharing their z (axial plane, "Slice"),
   * [1] sharing y (coronal, "Column"), [2] sharing x (sagittal, "Row"), [3] all vertices (Maximum3DDiameter),
   * as PyRadiomics' {@code calculate_meshDiameter} defines them. Not all pairs: the maximum distance of a point set
   * is attained between vertices of its convex hull, so each plane uses a 2D hull (Andrew's monotone chain) and the
   * 3D diameter the 3D hull; only hull vertices are compared pairwise.
   */
  static double[] diameters(double[] vert, double sx, double sy, double sz) {
    int n = vert.length / 3;
    double[] out = new double[4];
    if (n == 0) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    double[] s = {sx, sy, sz};
    for (int axis = 0; axis < 3; axis++) {
      int u = axis == 0 ? 1 : 0;
      int w = axis == 2 ? 1 : 2;
      // group vertices by their coordinate along 'axis' in half-voxel units (vertices lie on voxel-edge midpoints)
      Map<Long, List<Integer>> planes = new HashMap<>();
      for (int i = 0; i < n; i++) {
        long key = Math.round(2 * vert[3 * i + axis] / s[axis]);
        planes.computeIfAbsent(key, q -> new ArrayList<>()).add(i);
      }
      double best = 0;
      for (List<Integer> plane : planes.values()) {
        best = Math.max(best, planeDiameter(vert, plane, u, w));
      }
      int slot = axis == 2 ? 0 : axis == 1 ? 1 : 2; // z -> Slice, y -> Column, x -> Row
      out[slot] = best;
    }
    ConvexHull3D hull = ConvexHull3D.of(vert);
    int[] idx = hull.isDegenerate() ? allIndices(n) : hull.vertexIndices();
    double best = 0;
    for (int i = 0; i < idx.length; i++) {
      for (int j = i + 1; j < idx.length; j++) {
        best = Math.max(best, dist2(vert, idx[i], idx[j]));
      }
    }
    out[3] = Math.sqrt(best);
    return out;
  }

  private static int[] allIndices(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static double dist2(double[] v, int a, int b) {
    double dx = v[3 * a] - v[3 * b];
    double dy = v[3 * a + 1] - v[3 * b + 1];
    double dz = v[3 * a + 2] - v[3 * b + 2];
    return dx * dx + dy * dy + dz * dz;
  }

  /** Diameter of the points {@code plane} projected on coordinates (u, w): 2D hull, then hull pairs. */
  private static double planeDiameter(double[] v, List<Integer> plane, int u, int w) {
    int m = plane.size();
    double[][] p = new double[m][];
    for (int i = 0; i < m; i++) {
      int k = plane.get(i);
      p[i] = new double[] {v[3 * k + u], v[3 * k + w]};
    }
    Arrays.sort(p, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    double[][] hull = new double[2 * m][];
    int k = 0;
    for (int i = 0; i < m; i++) {
      while (k >= 2 && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) {
        k--;
      }
      hull[k++] = p[i];
    }
    for (int i = m - 2, t = k + 1; i >= 0; i--) {
      while (k >= t && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) {
        k--;
      }
      hull[k++] = p[i];
    }
    int h = Math.max(1, k - 1);
    if (m == 1) {
      return 0;
    }
    double best = 0;
    for (int i = 0; i < h; i++) {
      for (int j = i + 1; j < h; j++) {
        double dx = hull[i][0] - hull[j][0];
        double dy = hull[i][1] - hull[j][1];
        best = Math.max(best, dx * dx + dy * dy);
      }
    }
    return Math.sqrt(best);
  }

  private static double cross(double[] o, double[] a, double[] b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  }
}
