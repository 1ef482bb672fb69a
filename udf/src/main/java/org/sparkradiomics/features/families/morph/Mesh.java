package org.sparkradiomics.features.families.morph;

/**
 * A closed triangle mesh stored as flat arrays: {@code vertices[3*v + k]} is coordinate k (x, y, z, mm) of vertex v,
 * {@code faces[3*f + k]} is the k-th vertex index of triangle f. Triangles are oriented counter-clockwise when seen
 * from outside (outward normals), so the signed-tetrahedron volume is positive.
 */
public final class Mesh {
  private final double[] vertices;
  private final int[] faces;

  public Mesh(double[] vertices, int[] faces) {
    if (vertices.length % 3 != 0 || faces.length % 3 != 0) {
      throw new IllegalArgumentException("vertex and face arrays must have a multiple of 3 entries");
    }
    this.vertices = vertices;
    this.faces = faces;
  }

  /** The flat vertex array itself (x, y, z per vertex), not a copy. */
  public double[] vertices() {
    return vertices;
  }

  /** The flat face array itself (3 vertex indices per triangle), not a copy. */
  public int[] faces() {
    return faces;
  }

  public int vertexCount() {
    return vertices.length / 3;
  }

  public int faceCount() {
    return faces.length / 3;
  }

  /**
   * Mesh volume from the signed tetrahedra spanned by each face and the origin (IBSI-1 morph_volume, RNU0):
   * {@code V = (1/6) |sum_f a_f . (b_f x c_f)|}.
   */
  public double volume() {
    double s = 0;
    for (int f = 0; f < faces.length; f += 3) {
      int a = 3 * faces[f];
      int b = 3 * faces[f + 1];
      int c = 3 * faces[f + 2];
      double ax = vertices[a];
      double ay = vertices[a + 1];
      double az = vertices[a + 2];
      double bx = vertices[b];
      double by = vertices[b + 1];
      double bz = vertices[b + 2];
      double cx = vertices[c];
      double cy = vertices[c + 1];
      double cz = vertices[c + 2];
      s += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    }
    return Math.abs(s) / 6.0;
  }

  /** Signed volume (positive for outward-oriented faces). */
  public double signedVolume() {
    double s = 0;
    for (int f = 0; f < faces.length; f += 3) {
      int a = 3 * faces[f];
      int b = 3 * faces[f + 1];
      int c = 3 * faces[f + 2];
      s += vertices[a] * (vertices[b + 1] * vertices[c + 2] - vertices[b + 2] * vertices[c + 1])
          - vertices[a + 1] * (vertices[b] * vertices[c + 2] - vertices[b + 2] * vertices[c])
          + vertices[a + 2] * (vertices[b] * vertices[c + 1] - vertices[b + 1] * vertices[c]);
    }
    return s / 6.0;
  }

  /** Mesh surface area (IBSI-1 morph_area_mesh, C0JK): {@code A = sum_f |(b_f - a_f) x (c_f - a_f)| / 2}. */
  public double area() {
    double s = 0;
    for (int f = 0; f < faces.length; f += 3) {
      int a = 3 * faces[f];
      int b = 3 * faces[f + 1];
      int c = 3 * faces[f + 2];
      double ux = vertices[b] - vertices[a];
      double uy = vertices[b + 1] - vertices[a + 1];
      double uz = vertices[b + 2] - vertices[a + 2];
      double vx = vertices[c] - vertices[a];
      double vy = vertices[c + 1] - vertices[a + 1];
      double vz = vertices[c + 2] - vertices[a + 2];
      double nx = uy * vz - uz * vy;
      double ny = uz * vx - ux * vz;
      double nz = ux * vy - uy * vx;
      s += Math.sqrt(nx * nx + ny * ny + nz * nz);
    }
    return s / 2.0;
  }
}
