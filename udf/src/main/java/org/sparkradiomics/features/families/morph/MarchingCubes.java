package org.sparkradiomics.features.families.morph;

import java.util.Arrays;

/**
 * Marching cubes on a binary mask at iso-level 0.5 (IBSI-1 section 3.1: the mesh of the morphological mask, padded
 * with one layer of empty voxels so that the surface is closed).
 *
 * <p>Vertices lie on grid edges whose two end voxels differ, at the midpoint (linear interpolation of 0 and 1 at
 * 0.5). The per-configuration triangulation tables are generated at class load rather than typed in: for each of the
 * 256 corner configurations, every cube face contributes directed segments between its crossed edges (oriented
 * consistently with the face's counter-clockwise order seen from outside the cube); chaining the segments yields
 * closed polygons, which are fan-triangulated from the apex enclosing the most inside volume. Ambiguous faces (two
 * diagonal inside corners) keep the inside corners apart; the choice depends on the face alone, so neighbouring
 * cubes agree and the mesh is closed and consistently oriented (outward normals). (Joining them instead changes
 * nothing on the IBSI digital phantom and moves the CT phantom's compactness 2 from 0.3180 to 0.3179 against the
 * reference 0.319 +- 0.001.) Each grid edge carries at most one vertex, shared by all triangles that use it.
 */
public final class MarchingCubes {
  /** Corner c of a cube sits at offset (c & 1, (c >> 1) & 1, (c >> 2) & 1). */
  private static final int[][] EDGE_CORNERS = new int[12][];
  /** Triangles per configuration, as triples of cube-edge indices. */
  private static final int[][] TRIANGLES = new int[256][];

  static {
    int[][] edgeId = new int[8][8];
    int e = 0;
    for (int c = 0; c < 8; c++) {
      for (int axis = 0; axis < 3; axis++) {
        if ((c & (1 << axis)) == 0) {
          int d = c | (1 << axis);
          EDGE_CORNERS[e] = new int[] {c, d};
          edgeId[c][d] = e;
          edgeId[d][c] = e;
          e++;
        }
      }
    }
    // Faces: 4 corners in counter-clockwise order seen from outside the cube.
    int[][] faceCorners = new int[6][];
    int f = 0;
    for (int axis = 0; axis < 3; axis++) {
      int u = (axis + 1) % 3;
      int v = (axis + 2) % 3;
      for (int side = 0; side < 2; side++) {
        int base = side << axis;
        int[] q = {base, base | (1 << u), base | (1 << u) | (1 << v), base | (1 << v)};
        // (u, v, axis) is a right-handed cyclic triple, so this order has normal +axis; flip it for side 0.
        if (side == 0) {
          q = new int[] {q[0], q[3], q[2], q[1]};
        }
        faceCorners[f++] = q;
      }
    }
    for (int config = 0; config < 256; config++) {
      int[] next = new int[12];
      Arrays.fill(next, -1);
      for (int[] q : faceCorners) {
        boolean[] in = new boolean[4];
        for (int k = 0; k < 4; k++) {
          in[k] = (config & (1 << q[k])) != 0;
        }
        int[] faceEdge = new int[4];
        for (int k = 0; k < 4; k++) {
          faceEdge[k] = edgeId[q[k]][q[(k + 1) % 4]];
        }
        for (int k = 0; k < 4; k++) {
          if (in[k] && !in[(k + 1) % 4]) { // exit crossing on face edge k
            // pair with the nearest entry crossing before it (keeps diagonal inside corners of ambiguous faces
            // apart, as Lorensen's tables do for two inside corners)
            for (int back = 1; back <= 3; back++) {
              int j = (k - back + 4) % 4;
              if (!in[j] && in[(j + 1) % 4]) {
                next[faceEdge[k]] = faceEdge[j];
                break;
              }
            }
          }
        }
      }
      int[] tris = new int[0];
      boolean[] used = new boolean[12];
      for (int start = 0; start < 12; start++) {
        if (next[start] < 0 || used[start]) {
          continue;
        }
        int[] poly = new int[12];
        int n = 0;
        int cur = start;
        while (!used[cur]) {
          used[cur] = true;
          poly[n++] = cur;
          cur = next[cur];
        }
        int old = tris.length;
        tris = Arrays.copyOf(tris, old + 3 * (n - 2));
        int s0 = bestFanStart(poly, n);
        for (int k = 1; k + 1 < n; k++) {
          // reversed fan: the face segments run clockwise around the inside seen from outside the surface
          tris[old + 3 * (k - 1)] = poly[s0];
          tris[old + 3 * (k - 1) + 1] = poly[(s0 + k + 1) % n];
          tris[old + 3 * (k - 1) + 2] = poly[(s0 + k) % n];
        }
      }
      TRIANGLES[config] = tris;
    }
  }

  private MarchingCubes() {}

  /** Midpoint of cube edge e in unit-cube coordinates. */
  private static double[] edgeMid(int e) {
    int a = EDGE_CORNERS[e][0];
    int b = EDGE_CORNERS[e][1];
    return new double[] {((a & 1) + (b & 1)) / 2.0, (((a >> 1) & 1) + ((b >> 1) & 1)) / 2.0,
        (((a >> 2) & 1) + ((b >> 2) & 1)) / 2.0};
  }

  /**
   * Fan apex for a (generally non-planar) polygon of cube-edge midpoints: the fan enclosing the largest volume on
   * the inside, i.e. the signed cone volume from the cube centre is maximal. This reproduces the IBSI digital
   * phantom mesh (volume 556.3 mm³, area 388.1 mm² against references 556 and 388), whereas an arbitrary apex gives
   * 553 mm³.
   */
  private static int bestFanStart(int[] poly, int n) {
    if (n <= 3) {
      return 0;
    }
    int best = 0;
    double bestV = Double.NEGATIVE_INFINITY;
    for (int s0 = 0; s0 < n; s0++) {
      double v = 0;
      for (int k = 1; k + 1 < n; k++) {
        double[] a = edgeMid(poly[s0]);
        double[] b = edgeMid(poly[(s0 + k + 1) % n]);
        double[] c = edgeMid(poly[(s0 + k) % n]);
        for (int q = 0; q < 3; q++) {
          a[q] -= 0.5;
          b[q] -= 0.5;
          c[q] -= 0.5;
        }
        v += a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0])
            + a[2] * (b[0] * c[1] - b[1] * c[0]);
      }
      if (v > bestV + 1e-12) {
        bestV = v;
        best = s0;
      }
    }
    return best;
  }

  /**
   * Builds the iso-0.5 surface of {@code mask} (flat, {@code x + nx*(y + ny*z)}) with voxel spacing (sx, sy, sz) mm.
   * Vertex coordinates are in mm with voxel (x, y, z) centred at (x*sx, y*sy, z*sz). An empty mask gives an empty
   * mesh.
   */
  public static Mesh mesh(boolean[] mask, int nx, int ny, int nz, double sx, double sy, double sz) {
    int x0 = nx;
    int y0 = ny;
    int z0 = nz;
    int x1 = -1;
    int y1 = -1;
    int z1 = -1;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        int row = nx * (y + ny * z);
        for (int x = 0; x < nx; x++) {
          if (mask[row + x]) {
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
            z0 = Math.min(z0, z);
            z1 = Math.max(z1, z);
          }
        }
      }
    }
    if (x1 < 0) {
      return new Mesh(new double[0], new int[0]);
    }
    // Padded grid: one empty layer on each side of the mask bounding box.
    int px = x1 - x0 + 3;
    int py = y1 - y0 + 3;
    int pz = z1 - z0 + 3;
    boolean[] g = new boolean[px * py * pz];
    for (int z = z0; z <= z1; z++) {
      for (int y = y0; y <= y1; y++) {
        int src = nx * (y + ny * z);
        int dst = px * ((y - y0 + 1) + py * (z - z0 + 1)) + 1;
        for (int x = x0; x <= x1; x++) {
          g[dst + x - x0] = mask[src + x];
        }
      }
    }
    int[] edgeVertex = new int[3 * px * py * pz];
    Arrays.fill(edgeVertex, -1);
    double[] verts = new double[3 * 1024];
    int nv = 0;
    int[] faces = new int[3 * 2048];
    int nf = 0;
    int[] cornerOffset = new int[8];
    for (int c = 0; c < 8; c++) {
      cornerOffset[c] = (c & 1) + px * (((c >> 1) & 1) + py * ((c >> 2) & 1));
    }
    int[] cubeEdgeVertex = new int[12];
    for (int k = 0; k < pz - 1; k++) {
      for (int j = 0; j < py - 1; j++) {
        for (int i = 0; i < px - 1; i++) {
          int p = i + px * (j + py * k);
          int config = 0;
          for (int c = 0; c < 8; c++) {
            if (g[p + cornerOffset[c]]) {
              config |= 1 << c;
            }
          }
          int[] tris = TRIANGLES[config];
          if (tris.length == 0) {
            continue;
          }
          Arrays.fill(cubeEdgeVertex, -1);
          for (int t = 0; t < tris.length; t++) {
            int ce = tris[t];
            if (cubeEdgeVertex[ce] < 0) {
              int lo = EDGE_CORNERS[ce][0];
              int axis = Integer.numberOfTrailingZeros(EDGE_CORNERS[ce][1] ^ lo);
              int key = 3 * (p + cornerOffset[lo]) + axis;
              int v = edgeVertex[key];
              if (v < 0) {
                v = nv++;
                if (3 * nv > verts.length) {
                  verts = Arrays.copyOf(verts, verts.length * 2);
                }
                double gx = i + (lo & 1) + (axis == 0 ? 0.5 : 0) - 1 + x0;
                double gy = j + ((lo >> 1) & 1) + (axis == 1 ? 0.5 : 0) - 1 + y0;
                double gz = k + ((lo >> 2) & 1) + (axis == 2 ? 0.5 : 0) - 1 + z0;
                verts[3 * v] = gx * sx;
                verts[3 * v + 1] = gy * sy;
                verts[3 * v + 2] = gz * sz;
                edgeVertex[key] = v;
              }
              cubeEdgeVertex[ce] = v;
            }
            if (nf >= faces.length) {
              faces = Arrays.copyOf(faces, faces.length * 2);
            }
            faces[nf++] = cubeEdgeVertex[ce];
          }
        }
      }
    }
    return new Mesh(Arrays.copyOf(verts, 3 * nv), Arrays.copyOf(faces, nf));
  }
}
