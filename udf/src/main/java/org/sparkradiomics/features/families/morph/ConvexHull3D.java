package org.sparkradiomics.features.families.morph;

import java.util.Arrays;

/**
 * 3D convex hull by quickhull (Barber, Dobkin and Huhdanpaa 1996): every outside point sits on the conflict list of
 * one face it lies beyond; the farthest point of a face is added, the faces it sees are removed, the horizon is
 * coned to the point, and the removed faces' points are re-assigned to the new faces (or dropped when inside).
 * Robust to the many coplanar and collinear points of mesh vertices on a voxel grid: a point counts as beyond a
 * face only by more than a tolerance scaled to the point cloud, so coplanar points never create degenerate faces.
 *
 * <p>Points that cannot be hull vertices are dropped first: a point lying strictly between two others on the same
 * axis-parallel line is inside a segment of the set, so only the two extremes of every x-line, y-line and z-line
 * (exact coordinate matches, as on a grid) are kept.
 *
 * <p>Result: triangles with outward normals over a subset of the input points ({@link #vertexIndices()}), the hull
 * volume and area.
 */
public final class ConvexHull3D {
  private final double[] pts;
  private int[] fv = new int[3 * 64]; // face vertices (ccw from outside)
  private int[] fn = new int[3 * 64]; // neighbour across edge (v_k, v_{k+1})
  private double[] fp = new double[4 * 64]; // plane: unit normal, offset
  private boolean[] alive = new boolean[64];
  private int[] conflictHead = new int[64]; // first point of each face's conflict list, -1 when empty
  private int nFaces;
  private double eps;
  private boolean degenerate;

  private ConvexHull3D(double[] pts) {
    this.pts = pts;
  }

  /** Hull of {@code points} (flat x, y, z). Fewer than 4 non-coplanar points give a degenerate, empty hull. */
  public static ConvexHull3D of(double[] points) {
    ConvexHull3D h = new ConvexHull3D(points);
    h.build();
    return h;
  }

  /**
   * True when the points do not span a 3D volume, or (only conceivable through rounding on near-degenerate input)
   * the construction met an inconsistent horizon; the hull then has no faces.
   */
  public boolean isDegenerate() {
    return degenerate;
  }

  /** Hull triangles as a flat array of point indices (3 per face, counter-clockwise seen from outside). */
  public int[] faces() {
    int[] out = new int[3 * countAlive()];
    int k = 0;
    for (int f = 0; f < nFaces; f++) {
      if (alive[f]) {
        out[k++] = fv[3 * f];
        out[k++] = fv[3 * f + 1];
        out[k++] = fv[3 * f + 2];
      }
    }
    return out;
  }

  /** Distinct point indices used by hull faces, ascending. */
  public int[] vertexIndices() {
    boolean[] used = new boolean[pts.length / 3];
    int n = 0;
    for (int f = 0; f < nFaces; f++) {
      if (alive[f]) {
        for (int k = 0; k < 3; k++) {
          if (!used[fv[3 * f + k]]) {
            used[fv[3 * f + k]] = true;
            n++;
          }
        }
      }
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < used.length; i++) {
      if (used[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  /** Hull vertex coordinates (flat x, y, z). */
  public double[] vertices() {
    int[] idx = vertexIndices();
    double[] out = new double[3 * idx.length];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(pts, 3 * idx[i], out, 3 * i, 3);
    }
    return out;
  }

  /** The hull as a mesh over the original points (its volume and area are the hull's). */
  public Mesh mesh() {
    return new Mesh(pts, faces());
  }

  /** Unit outward normals of the hull faces (flat, 3 per face, same order as {@link #faces()}). */
  public double[] faceNormals() {
    double[] out = new double[3 * countAlive()];
    int k = 0;
    for (int f = 0; f < nFaces; f++) {
      if (alive[f]) {
        out[k++] = fp[4 * f];
        out[k++] = fp[4 * f + 1];
        out[k++] = fp[4 * f + 2];
      }
    }
    return out;
  }

  public double volume() {
    return degenerate ? 0 : mesh().volume();
  }

  public double area() {
    return degenerate ? 0 : mesh().area();
  }

  private int countAlive() {
    int n = 0;
    for (int f = 0; f < nFaces; f++) {
      if (alive[f]) {
        n++;
      }
    }
    return n;
  }

  private void build() {
    int n = pts.length / 3;
    if (n < 4) {
      degenerate = true;
      return;
    }
    int[] cand = candidates(n);
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double scale = 0;
    for (int i : cand) {
      for (int k = 0; k < 3; k++) {
        scale = Math.max(scale, Math.abs(pts[3 * i + k]));
      }
      minX = Math.min(minX, pts[3 * i]);
      maxX = Math.max(maxX, pts[3 * i]);
    }
    eps = 1e-9 * Math.max(scale, 1e-300) * 3;
    // Initial tetrahedron from extreme points.
    int a = cand[0];
    int b = cand[0];
    for (int i : cand) {
      if (pts[3 * i] < pts[3 * a]) {
        a = i;
      }
      if (pts[3 * i] > pts[3 * b]) {
        b = i;
      }
    }
    if (dist2(a, b) <= eps * eps) { // all points share x: pick the farthest from a instead
      for (int i : cand) {
        if (dist2(a, i) > dist2(a, b)) {
          b = i;
        }
      }
      if (dist2(a, b) <= eps * eps) {
        degenerate = true;
        return;
      }
    }
    int c = -1;
    double best = 0;
    for (int i : cand) {
      double d = lineDist2(a, b, i);
      if (d > best) {
        best = d;
        c = i;
      }
    }
    if (c < 0 || best <= eps * eps) {
      degenerate = true;
      return;
    }
    double[] nrm = normal(a, b, c);
    double off = nrm[0] * pts[3 * a] + nrm[1] * pts[3 * a + 1] + nrm[2] * pts[3 * a + 2];
    int d = -1;
    best = 0;
    for (int i : cand) {
      double s = Math.abs(nrm[0] * pts[3 * i] + nrm[1] * pts[3 * i + 1] + nrm[2] * pts[3 * i + 2] - off);
      if (s > best) {
        best = s;
        d = i;
      }
    }
    if (d < 0 || best <= eps) {
      degenerate = true;
      return;
    }
    if (nrm[0] * pts[3 * d] + nrm[1] * pts[3 * d + 1] + nrm[2] * pts[3 * d + 2] - off > 0) {
      int t = b;
      b = c;
      c = t;
    }
    // Faces with outward orientation: abc has d below it.
    int f0 = addFace(a, b, c);
    int f1 = addFace(a, d, b);
    int f2 = addFace(b, d, c);
    int f3 = addFace(c, d, a);
    // neighbours: edge (v0,v1)->0, (v1,v2)->1, (v2,v0)->2
    setNeighbours(f0, f1, f2, f3); // ab | f1 (a d b has edge b->a), bc | f2, ca | f3
    setNeighbours(f1, f3, f2, f0); // ad | f3 (c d a has d->a), db | f2, ba | f0
    setNeighbours(f2, f1, f3, f0); // bd | f1, dc | f3, cb | f0
    setNeighbours(f3, f2, f1, f0); // cd | f2, da | f1, ac | f0
    // Conflict lists: every remaining candidate is assigned to the face it lies farthest beyond; points beyond no
    // face are inside the tetrahedron and dropped.
    int[] nextInList = new int[n];
    for (int i : cand) {
      if (i != a && i != b && i != c && i != d) {
        assign(i, 0, 4, nextInList);
      }
    }
    int[] stack = new int[64];
    int[] visible = new int[64];
    int[] newByStart = new int[n];
    Arrays.fill(newByStart, -1);
    int[] work = new int[64];
    int nWork = 0;
    for (int f = 0; f < 4; f++) {
      work[nWork++] = f;
    }
    while (nWork > 0) {
      int top = work[--nWork];
      if (!alive[top] || conflictHead[top] < 0) {
        continue;
      }
      // the farthest conflict point of this face
      int p = -1;
      double far = -1;
      for (int q = conflictHead[top]; q >= 0; q = nextInList[q]) {
        double h = above(top, q);
        if (h > far) {
          far = h;
          p = q;
        }
      }
      if (stack.length < nFaces) {
        stack = new int[2 * nFaces];
        visible = new int[2 * nFaces];
      }
      // flood the visible region (each face is pushed at most once, so buffers of length >= nFaces suffice)
      int nv = 0;
      int sp = 0;
      alive[top] = false;
      stack[sp++] = top;
      while (sp > 0) {
        int f = stack[--sp];
        visible[nv++] = f;
        for (int k = 0; k < 3; k++) {
          int g = fn[3 * f + k];
          if (alive[g] && above(g, p) > eps) {
            alive[g] = false;
            stack[sp++] = g;
          }
        }
      }
      // horizon edges: an edge of a visible face whose neighbour is still alive
      int firstNew = nFaces;
      for (int q = 0; q < nv; q++) {
        int f = visible[q];
        for (int k = 0; k < 3; k++) {
          int g = fn[3 * f + k];
          if (g < firstNew && alive[g]) {
            int u = fv[3 * f + k];
            int v = fv[3 * f + (k + 1) % 3];
            int h = addFace(u, v, p);
            fn[3 * h] = g;
            for (int m = 0; m < 3; m++) {
              if (fn[3 * g + m] == f) {
                fn[3 * g + m] = h;
              }
            }
            newByStart[u] = h;
          }
        }
      }
      // edge (v, p) of new face (u, v, p) borders the new face starting at v, whose edge (p, v) is its third
      for (int h = firstNew; h < nFaces; h++) {
        int nb = newByStart[fv[3 * h + 1]];
        if (nb < 0) {
          // the horizon is not a simple cycle: only possible through rounding on near-degenerate input
          degenerate = true;
          nFaces = 0;
          return;
        }
        fn[3 * h + 1] = nb;
        fn[3 * nb + 2] = h;
      }
      for (int h = firstNew; h < nFaces; h++) {
        newByStart[fv[3 * h]] = -1;
      }
      // hand the visible faces' conflict points over to the new faces
      for (int q = 0; q < nv; q++) {
        int f = visible[q];
        int pt = conflictHead[f];
        conflictHead[f] = -1;
        while (pt >= 0) {
          int nxt = nextInList[pt];
          if (pt != p) {
            assign(pt, firstNew, nFaces, nextInList);
          }
          pt = nxt;
        }
      }
      for (int h = firstNew; h < nFaces; h++) {
        if (conflictHead[h] >= 0) {
          if (nWork == work.length) {
            work = Arrays.copyOf(work, 2 * work.length);
          }
          work[nWork++] = h;
        }
      }
    }
    compact();
  }

  /** Puts point p on the conflict list of the face in [from, to) it lies farthest beyond, if any. */
  private void assign(int p, int from, int to, int[] nextInList) {
    int best = -1;
    double far = eps;
    for (int f = from; f < to; f++) {
      if (alive[f]) {
        double h = above(f, p);
        if (h > far) {
          far = h;
          best = f;
        }
      }
    }
    if (best >= 0) {
      nextInList[p] = conflictHead[best];
      conflictHead[best] = p;
    }
  }

  private void compact() {
    // drop dead faces so that face arrays stay small for callers iterating them
    int k = 0;
    int[] map = new int[nFaces];
    for (int f = 0; f < nFaces; f++) {
      map[f] = alive[f] ? k++ : -1;
    }
    int[] nfv = new int[3 * k];
    int[] nfn = new int[3 * k];
    double[] nfp = new double[4 * k];
    for (int f = 0; f < nFaces; f++) {
      if (alive[f]) {
        int g = map[f];
        System.arraycopy(fv, 3 * f, nfv, 3 * g, 3);
        for (int m = 0; m < 3; m++) {
          nfn[3 * g + m] = map[fn[3 * f + m]];
        }
        System.arraycopy(fp, 4 * f, nfp, 4 * g, 4);
      }
    }
    fv = nfv;
    fn = nfn;
    fp = nfp;
    alive = new boolean[k];
    Arrays.fill(alive, true);
    nFaces = k;
  }

  private void setNeighbours(int f, int n0, int n1, int n2) {
    fn[3 * f] = n0;
    fn[3 * f + 1] = n1;
    fn[3 * f + 2] = n2;
  }

  private int addFace(int a, int b, int c) {
    if (nFaces == alive.length) {
      int cap = 2 * alive.length;
      fv = Arrays.copyOf(fv, 3 * cap);
      fn = Arrays.copyOf(fn, 3 * cap);
      fp = Arrays.copyOf(fp, 4 * cap);
      alive = Arrays.copyOf(alive, cap);
      conflictHead = Arrays.copyOf(conflictHead, cap);
    }
    int f = nFaces++;
    fv[3 * f] = a;
    fv[3 * f + 1] = b;
    fv[3 * f + 2] = c;
    double[] nrm = normal(a, b, c);
    fp[4 * f] = nrm[0];
    fp[4 * f + 1] = nrm[1];
    fp[4 * f + 2] = nrm[2];
    fp[4 * f + 3] = nrm[0] * pts[3 * a] + nrm[1] * pts[3 * a + 1] + nrm[2] * pts[3 * a + 2];
    alive[f] = true;
    conflictHead[f] = -1;
    return f;
  }

  private double above(int f, int p) {
    return fp[4 * f] * pts[3 * p] + fp[4 * f + 1] * pts[3 * p + 1] + fp[4 * f + 2] * pts[3 * p + 2] - fp[4 * f + 3];
  }

  private double[] normal(int a, int b, int c) {
    double ux = pts[3 * b] - pts[3 * a];
    double uy = pts[3 * b + 1] - pts[3 * a + 1];
    double uz = pts[3 * b + 2] - pts[3 * a + 2];
    double vx = pts[3 * c] - pts[3 * a];
    double vy = pts[3 * c + 1] - pts[3 * a + 1];
    double vz = pts[3 * c + 2] - pts[3 * a + 2];
    double nx = uy * vz - uz * vy;
    double ny = uz * vx - ux * vz;
    double nz = ux * vy - uy * vx;
    double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    if (len == 0) {
      return new double[] {0, 0, 0};
    }
    return new double[] {nx / len, ny / len, nz / len};
  }

  private double dist2(int a, int b) {
    double dx = pts[3 * a] - pts[3 * b];
    double dy = pts[3 * a + 1] - pts[3 * b + 1];
    double dz = pts[3 * a + 2] - pts[3 * b + 2];
    return dx * dx + dy * dy + dz * dz;
  }

  private double lineDist2(int a, int b, int p) {
    double ux = pts[3 * b] - pts[3 * a];
    double uy = pts[3 * b + 1] - pts[3 * a + 1];
    double uz = pts[3 * b + 2] - pts[3 * a + 2];
    double vx = pts[3 * p] - pts[3 * a];
    double vy = pts[3 * p + 1] - pts[3 * a + 1];
    double vz = pts[3 * p + 2] - pts[3 * a + 2];
    double cx = uy * vz - uz * vy;
    double cy = uz * vx - ux * vz;
    double cz = ux * vy - uy * vx;
    return (cx * cx + cy * cy + cz * cz) / (ux * ux + uy * uy + uz * uz);
  }

  /** Indices of points that are extreme on each of their x-, y- and z-lines (exact coordinate matches). */
  private int[] candidates(int n) {
    boolean[] keep = new boolean[n];
    Arrays.fill(keep, true);
    for (int axis = 0; axis < 3; axis++) {
      int u = (axis + 1) % 3;
      int v = (axis + 2) % 3;
      java.util.HashMap<Long, int[]> ext = new java.util.HashMap<>();
      for (int i = 0; i < n; i++) {
        long key = Double.doubleToLongBits(pts[3 * i + u]) * 31 + Double.doubleToLongBits(pts[3 * i + v]) * 1_000_003L;
        int[] mm = ext.get(key);
        if (mm == null) {
          ext.put(key, new int[] {i, i});
        } else {
          if (pts[3 * i + axis] < pts[3 * mm[0] + axis]) {
            mm[0] = i;
          }
          if (pts[3 * i + axis] > pts[3 * mm[1] + axis]) {
            mm[1] = i;
          }
        }
      }
      boolean[] extreme = new boolean[n];
      for (int[] mm : ext.values()) {
        extreme[mm[0]] = true;
        extreme[mm[1]] = true;
      }
      for (int i = 0; i < n; i++) {
        if (!extreme[i]) {
          // only drop if a strictly-lower and strictly-higher point share the line (guards hash collisions)
          keep[i] = keep[i] && !strictlyBetween(i, axis, u, v, ext);
        }
      }
    }
    int m = 0;
    for (boolean k : keep) {
      if (k) {
        m++;
      }
    }
    int[] out = new int[m];
    m = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        out[m++] = i;
      }
    }
    return out;
  }

  private boolean strictlyBetween(int i, int axis, int u, int v, java.util.HashMap<Long, int[]> ext) {
    long key = Double.doubleToLongBits(pts[3 * i + u]) * 31 + Double.doubleToLongBits(pts[3 * i + v]) * 1_000_003L;
    int[] mm = ext.get(key);
    int lo = mm[0];
    int hi = mm[1];
    return pts[3 * lo + u] == pts[3 * i + u] && pts[3 * lo + v] == pts[3 * i + v] && pts[3 * hi + u] == pts[3 * i + u]
        && pts[3 * hi + v] == pts[3 * i + v] && pts[3 * lo + axis] < pts[3 * i + axis]
        && pts[3 * hi + axis] > pts[3 * i + axis];
  }
}
