package org.sparkradiomics.features.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.profile.ProfileResult;
import org.sparkradiomics.features.profile.PyRadiomicsProfile;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics shape2D on hand-computed masks. Marching-squares area by windows: each 2x2 window of pixel centres
 * holds 1/8 of inside area with one inside corner, 1/2 with two adjacent, 7/8 with three, 1 with four, and 1/4 with two
 * diagonal ones (saddle, inside corners apart); its segment has length |half diagonal| (one or three inside), one
 * pixel side (two adjacent) or two half diagonals (saddle).
 */
class PyShape2DTest {
  private static final double EPS = 1e-12;
  private static final List<String> ALL = List.of("Elongation", "MajorAxisLength", "MaximumDiameter", "MeshSurface",
      "MinorAxisLength", "Perimeter", "PerimeterSurfaceRatio", "PixelSurface", "Sphericity",
      "SphericalDisproportion");

  /** shape2D of a 3D mask (force2D true). */
  private static FeatureVector shape(boolean[] m, int nx, int ny, int nz, double sx, double sy, double sz, int dim) {
    FeatureVector f = new FeatureVector();
    PyShape2D.compute(m, nx, ny, nz, sx, sy, sz, true, dim, ALL, f);
    return f;
  }

  /** A mask nx x ny x 1 from rows of '#' / '.' (row = y). */
  private static boolean[] picture(String... rows) {
    int nx = rows[0].length();
    boolean[] m = new boolean[nx * rows.length];
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < nx; x++) {
        m[x + nx * y] = rows[y].charAt(x) == '#';
      }
    }
    return m;
  }

  @Test
  void singlePixel() {
    // one pixel: diamond through the 4 edge midpoints (+-0.5, 0), (0, +-0.5): area 4 * 1/8 = 0.5, perimeter
    // 4 sqrt(0.5) = 2 sqrt 2, diameter 1; covariance 0 -> axes 0, Elongation 0/0 undefined
    FeatureVector f = shape(new boolean[] {true}, 1, 1, 1, 1, 1, 1, 0);
    assertEquals(0.5, f.get("shape2D_MeshSurface"), EPS);
    assertEquals(1, f.get("shape2D_PixelSurface"), EPS);
    assertEquals(2 * Math.sqrt(2), f.get("shape2D_Perimeter"), EPS);
    assertEquals(4 * Math.sqrt(2), f.get("shape2D_PerimeterSurfaceRatio"), EPS);
    // 2 sqrt(pi * 0.5) / (2 sqrt 2) = sqrt(pi) / 2
    assertEquals(Math.sqrt(Math.PI) / 2, f.get("shape2D_Sphericity"), EPS);
    assertEquals(2 / Math.sqrt(Math.PI), f.get("shape2D_SphericalDisproportion"), EPS);
    assertEquals(1, f.get("shape2D_MaximumDiameter"), EPS);
    assertEquals(0, f.get("shape2D_MajorAxisLength"), EPS);
    assertEquals(0, f.get("shape2D_MinorAxisLength"), EPS);
    assertTrue(f.contains("shape2D_Elongation"));
    assertNull(f.get("shape2D_Elongation"));
  }

  @Test
  void square3x3() {
    // k x k block: octagon = k^2 square minus 4 corner triangles of legs 1/2 -> area k^2 - 1/2 = 8.5; perimeter
    // 4 (k - 1) straight + 4 half diagonals = 8 + 2 sqrt 2; farthest vertices (-0.5, 0) and (2.5, 2): sqrt 13.
    // Pixel centres 0, 1, 2 on each axis: population variance 2/3 on both, covariance 0 -> axes 4 sqrt(2/3)
    boolean[] m = picture(".....", ".###.", ".###.", ".###.", ".....");
    FeatureVector f = shape(m, 5, 5, 1, 1, 1, 3, 0);
    assertEquals(8.5, f.get("shape2D_MeshSurface"), EPS);
    assertEquals(9, f.get("shape2D_PixelSurface"), EPS);
    assertEquals(8 + 2 * Math.sqrt(2), f.get("shape2D_Perimeter"), EPS);
    assertEquals((8 + 2 * Math.sqrt(2)) / 8.5, f.get("shape2D_PerimeterSurfaceRatio"), EPS);
    assertEquals(2 * Math.sqrt(Math.PI * 8.5) / (8 + 2 * Math.sqrt(2)), f.get("shape2D_Sphericity"), EPS);
    assertEquals(Math.sqrt(13), f.get("shape2D_MaximumDiameter"), EPS);
    assertEquals(4 * Math.sqrt(2.0 / 3), f.get("shape2D_MajorAxisLength"), EPS);
    assertEquals(4 * Math.sqrt(2.0 / 3), f.get("shape2D_MinorAxisLength"), EPS);
    assertEquals(1, f.get("shape2D_Elongation"), EPS);
  }

  @Test
  void rectangleWithAnisotropicSpacingInEachPlane() {
    // 2 rows x 3 columns, row spacing 2, column spacing 0.5. In pixels: area 2 * 3 - 1/2 = 5.5, times 2 * 0.5 = 5.5.
    // Perimeter: rows sides 2 x (3-1) x 0.5 = 2, column sides 2 x (2-1) x 2 = 4, 4 half diagonals
    // sqrt(1^2 + 0.25^2) = sqrt(1.0625): 6 + 4 sqrt(1.0625). Diameter: (row -0.5, col 0) to (1.5, 2) in mm
    // (-1, 0) to (3, 1): sqrt(16 + 1) = sqrt 17. Rows {0, 2} mm: variance 1; columns {0, 0.5, 1}: variance 1/6
    // -> Major 4, Minor 4 sqrt(1/6), Elongation sqrt(1/6). PixelSurface 6 * 1.
    double area = 5.5;
    double per = 6 + 4 * Math.sqrt(1.0625);
    // force2Ddimension 1 (y squeezed): rows = z (spacing 2), columns = x (0.5); y spacing 7 is irrelevant
    boolean[] m = new boolean[6];
    java.util.Arrays.fill(m, true);
    FeatureVector a = shape(m, 3, 1, 2, 0.5, 7, 2, 1);
    // force2Ddimension 2 (x squeezed): rows = z (2), columns = y (0.5)
    FeatureVector b = shape(m, 1, 3, 2, 9, 0.5, 2, 2);
    // force2Ddimension 0: rows = y (2), columns = x (0.5)
    FeatureVector c = shape(m, 3, 2, 1, 0.5, 2, 11, 0);
    for (FeatureVector f : List.of(a, b, c)) {
      assertEquals(area, f.get("shape2D_MeshSurface"), EPS);
      assertEquals(6, f.get("shape2D_PixelSurface"), EPS);
      assertEquals(per, f.get("shape2D_Perimeter"), EPS);
      assertEquals(Math.sqrt(17), f.get("shape2D_MaximumDiameter"), EPS);
      assertEquals(4, f.get("shape2D_MajorAxisLength"), EPS);
      assertEquals(4 * Math.sqrt(1.0 / 6), f.get("shape2D_MinorAxisLength"), EPS);
      assertEquals(Math.sqrt(1.0 / 6), f.get("shape2D_Elongation"), EPS);
    }
  }

  @Test
  void lShapeWithAnisotropicSpacing() {
    // pixels A (0,0), B (1,0), C (1,1) (row, column); row spacing 2, column spacing 1.
    // Windows (top-left corner): (-1,-1) A 1/8, (-1,0) A 1/8, (-1,1) 0, (0,-1) A,B 1/2, (0,0) A,B,C 7/8,
    // (0,1) C 1/8, (1,-1) B 1/8, (1,0) B,C 1/2, (1,1) C 1/8 -> 20/8 = 2.5 px, times 2 mm^2 = 5.
    // Segments: 6 half diagonals sqrt(1^2 + 0.5^2) = sqrt 1.25, window (0,-1) one row step (2 mm), window (1,0) one
    // column step (1 mm) -> perimeter 3 + 6 sqrt 1.25.
    // Vertices in mm (row*2, col): (-1,0), (0,-0.5), (0,0.5), (2,-0.5), (3,0), (1,1), (2,1.5), (3,1):
    // diameter (-1,0)-(3,1) = sqrt 17.
    // Centres (0,0), (2,0), (2,1): mean (4/3, 1/3); var r = (16+4+4)/9/3 = 8/9, var c = (1+1+4)/9/3 = 2/9,
    // cov = (4 - 2 + 4)/9/3 = 2/9 -> eigenvalues (5 -+ sqrt 13)/9.
    boolean[] m = picture("#.", "##");
    FeatureVector f = shape(m, 2, 2, 1, 1, 2, 1, 0);
    assertEquals(5, f.get("shape2D_MeshSurface"), EPS);
    assertEquals(6, f.get("shape2D_PixelSurface"), EPS);
    assertEquals(3 + 6 * Math.sqrt(1.25), f.get("shape2D_Perimeter"), EPS);
    assertEquals(Math.sqrt(17), f.get("shape2D_MaximumDiameter"), EPS);
    double major = (5 + Math.sqrt(13)) / 9;
    double minor = (5 - Math.sqrt(13)) / 9;
    assertEquals(4 * Math.sqrt(major), f.get("shape2D_MajorAxisLength"), 1e-12);
    assertEquals(4 * Math.sqrt(minor), f.get("shape2D_MinorAxisLength"), 1e-12);
    assertEquals(Math.sqrt(minor / major), f.get("shape2D_Elongation"), 1e-12);
  }

  @Test
  void diagonalPixelsStayApart() {
    // saddle window: the two diamonds are not joined -> area 0.5 + 0.5 = 1 (joined would be 1.5), perimeter
    // 2 x 2 sqrt 2 either way; diameter (-0.5, 0) to (1.5, 1): sqrt 5
    FeatureVector f = shape(picture("#.", ".#"), 2, 2, 1, 1, 1, 1, 0);
    assertEquals(1, f.get("shape2D_MeshSurface"), EPS);
    assertEquals(4 * Math.sqrt(2), f.get("shape2D_Perimeter"), EPS);
    assertEquals(Math.sqrt(5), f.get("shape2D_MaximumDiameter"), EPS);
    FeatureVector g = shape(picture(".#", "#."), 2, 2, 1, 1, 1, 1, 0);
    assertEquals(1, g.get("shape2D_MeshSurface"), EPS);
    assertEquals(4 * Math.sqrt(2), g.get("shape2D_Perimeter"), EPS);
  }

  @Test
  void discAgainstItsMarchingSquaresPolygon() {
    // x^2 + y^2 <= 5 on a 5x5 grid: the 5x5 block minus its 4 corners, 21 pixels. Contour vertices: (-2.5, -1..1),
    // then (-2, 1.5), (-1.5, 2), (-1, 2.5) ... : each corner is cut along the line u + w = 1.5 from the block corner,
    // a triangle of legs 1.5 (area 1.125). Area = 25 - 4 * 1.125 = 20.5 (a circle of radius 2.5 would give 19.63).
    // Perimeter: 4 straight runs of 2 + 4 diagonal runs of 1.5 sqrt 2 = 8 + 6 sqrt 2.
    // Diameter: (-2.5, -1) to (2.5, 1): sqrt(25 + 4) = sqrt 29. Rows -2..2 with 3, 5, 5, 5, 3 pixels:
    // variance (3*4 + 5 + 5 + 3*4) / 21 = 34/21 on both axes, covariance 0.
    boolean[] m = picture(".###.", "#####", "#####", "#####", ".###.");
    FeatureVector f = shape(m, 5, 5, 1, 1, 1, 1, 0);
    assertEquals(21, f.get("shape2D_PixelSurface"), EPS);
    assertEquals(20.5, f.get("shape2D_MeshSurface"), EPS);
    assertEquals(8 + 6 * Math.sqrt(2), f.get("shape2D_Perimeter"), EPS);
    assertEquals(Math.sqrt(29), f.get("shape2D_MaximumDiameter"), EPS);
    assertEquals(4 * Math.sqrt(34.0 / 21), f.get("shape2D_MajorAxisLength"), EPS);
    assertEquals(4 * Math.sqrt(34.0 / 21), f.get("shape2D_MinorAxisLength"), EPS);
    assertEquals(2 * Math.sqrt(Math.PI * 20.5) / (8 + 6 * Math.sqrt(2)), f.get("shape2D_Sphericity"), EPS);
  }

  @Test
  void ringCountsItsHoleNegatively() {
    // 3x3 block with its centre removed: windows: 4 corner windows 1/8, 8 edge windows 1/2, and the 4 inner
    // windows with 3 inside corners 7/8 -> 4/8 + 4 + 28/8 = 8 (outer octagon 8.5 minus inner diamond 0.5)
    FeatureVector f = shape(picture("###", "#.#", "###"), 3, 3, 1, 1, 1, 1, 0);
    assertEquals(8, f.get("shape2D_MeshSurface"), EPS);
    // outer 8 + 2 sqrt 2, inner diamond 2 sqrt 2
    assertEquals(8 + 4 * Math.sqrt(2), f.get("shape2D_Perimeter"), EPS);
    assertEquals(8, f.get("shape2D_PixelSurface"), EPS);
  }

  @Test
  void shoelaceAreaEqualsTheSumOfWindowAreasOnRandomMasks() {
    // The oriented contour must close: then the shoelace sum equals the sum of per-window inside areas.
    double[] windowArea = {0, 1.0 / 8, 1.0 / 8, 0.5, 1.0 / 8, 0.25, 0.5, 7.0 / 8, 1.0 / 8, 0.5, 0.25, 7.0 / 8, 0.5,
        7.0 / 8, 7.0 / 8, 1};
    Random rnd = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int nc = 1 + rnd.nextInt(9);
      int nr = 1 + rnd.nextInt(9);
      boolean[] m = new boolean[nc * nr];
      for (int i = 0; i < m.length; i++) {
        m[i] = rnd.nextDouble() < 0.55;
      }
      double sc = 0.5 + rnd.nextDouble();
      double sr = 0.5 + rnd.nextDouble();
      double expected = 0;
      for (int r = -1; r < nr; r++) {
        for (int c = -1; c < nc; c++) {
          int idx = 0;
          for (int i = 0; i < 4; i++) {
            int rr = r + PyShape2D.CORNER[i][0];
            int cc = c + PyShape2D.CORNER[i][1];
            if (rr >= 0 && rr < nr && cc >= 0 && cc < nc && m[cc + nc * rr]) {
              idx |= 1 << i;
            }
          }
          expected += windowArea[idx];
        }
      }
      PyShape2D.Contour ct = PyShape2D.marchingSquares(m, nc, nr, sc, sr);
      assertEquals(expected * sc * sr, ct.area, 1e-9, "trial " + trial);
      // every boundary edge midpoint once: count inside/outside neighbour pairs, padding included
      int edges = 0;
      for (int r = -1; r < nr; r++) {
        for (int c = -1; c < nc; c++) {
          boolean v = in(m, nc, nr, r, c);
          edges += v != in(m, nc, nr, r, c + 1) ? 1 : 0;
          edges += v != in(m, nc, nr, r + 1, c) ? 1 : 0;
        }
      }
      assertEquals(edges, ct.nVertices);
    }
  }

  private static boolean in(boolean[] m, int nc, int nr, int r, int c) {
    return r >= 0 && r < nr && c >= 0 && c < nc && m[c + nc * r];
  }

  @Test
  void rotatingCalipersEqualAllPairs() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + rnd.nextInt(40);
      double[] p = new double[2 * n];
      for (int i = 0; i < 2 * n; i++) {
        // half-integer lattice (as contour vertices) to get many collinear and equal-distance points
        p[i] = rnd.nextInt(13) * 0.5 * (i % 2 == 0 ? 1.3 : 0.7);
      }
      double best = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          best = Math.max(best, Math.hypot(p[2 * i] - p[2 * j], p[2 * i + 1] - p[2 * j + 1]));
        }
      }
      assertEquals(best, PyShape2D.diameter(p), 1e-12, "trial " + trial);
    }
  }

  @Test
  void needsForce2DAndAOneVoxelThickMask() {
    FeatureVector f = new FeatureVector();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PyShape2D.compute(new boolean[] {true}, 1, 1, 1, 1, 1, 1, false, 0, ALL, f));
    assertTrue(e.getMessage().contains("force2D"), e.getMessage());
    // two slices along z (force2Ddimension 0)
    boolean[] m = {true, true};
    e = assertThrows(IllegalArgumentException.class, () -> shape(m, 1, 1, 2, 1, 1, 1, 0));
    assertTrue(e.getMessage().startsWith("Size of the mask in dimension 0 is more than 1, cannot compute 2D shape"),
        e.getMessage());
    // the same mask is one voxel thick along x (force2Ddimension 2): a 2 x 1 bar (rows z, columns y)
    FeatureVector g = shape(m, 1, 1, 2, 1, 1, 1, 2);
    assertEquals(1.5, g.get("shape2D_MeshSurface"), EPS);
    e = assertThrows(IllegalArgumentException.class, () -> shape(new boolean[] {true, true}, 1, 2, 1, 1, 1, 1, 1));
    assertTrue(e.getMessage().contains("dimension 1"), e.getMessage());
  }

  // ---- profile level ----

  private static Volume image() {
    float[] d = new float[6 * 6 * 3];
    for (int i = 0; i < d.length; i++) {
      d[i] = i % 7;
    }
    return new Volume(6, 6, 3, d, new double[] {0.5, 0.5, 3}, new double[] {10, 20, 30}, Volume.identity());
  }

  @Test
  void profileWritesOriginalShape2DColumns() {
    Volume img = image();
    boolean[] m = new boolean[img.voxelCount()];
    for (int y = 1; y <= 3; y++) {
      for (int x = 2; x <= 4; x++) {
        m[img.index(x, y, 1)] = true; // 3x3 square in slice z = 1
      }
    }
    ProfileResult r = PyRadiomicsProfile.fromYaml("setting:\n  force2D: true\n  binWidth: 1\n"
        + "featureClass:\n  shape2D:\n  firstorder: [Mean]\n").extract(img, Mask.onGridOf(img, m));
    assertTrue(r.ok(), r.message());
    Map<String, Double> cols = new LinkedHashMap<>();
    for (Map.Entry<String, FeatureVector> e : r.byImageType().entrySet()) {
      for (Map.Entry<String, Double> f : e.getValue().values().entrySet()) {
        cols.put(e.getKey() + "_" + f.getKey(), f.getValue());
      }
    }
    List<String> shapeCols = new ArrayList<>();
    for (String k : cols.keySet()) {
      if (k.startsWith("original_shape2D_")) {
        shapeCols.add(k.substring("original_shape2D_".length()));
      }
    }
    // the 9 non-deprecated features in PyRadiomics order; SphericalDisproportion only on request
    assertEquals(List.of("Elongation", "MajorAxisLength", "MaximumDiameter", "MeshSurface", "MinorAxisLength",
        "Perimeter", "PerimeterSurfaceRatio", "PixelSurface", "Sphericity"), shapeCols);
    assertFalse(cols.containsKey("original_shape2D_SphericalDisproportion"));
    // 3x3 square at 0.5 mm: 8.5 * 0.25 mm^2, perimeter (8 + 2 sqrt 2) * 0.5, diameter sqrt 13 * 0.5
    assertEquals(8.5 * 0.25, cols.get("original_shape2D_MeshSurface"), EPS);
    assertEquals(9 * 0.25, cols.get("original_shape2D_PixelSurface"), EPS);
    assertEquals((8 + 2 * Math.sqrt(2)) * 0.5, cols.get("original_shape2D_Perimeter"), EPS);
    assertEquals(Math.sqrt(13) * 0.5, cols.get("original_shape2D_MaximumDiameter"), EPS);
    assertEquals(2 * Math.sqrt(2.0 / 3), cols.get("original_shape2D_MajorAxisLength"), EPS);
    assertTrue(cols.containsKey("original_firstorder_Mean"));

    // explicit deprecated feature
    FeatureVector f = PyRadiomicsProfile.fromYaml("setting: {force2D: true}\n"
        + "featureClass: {shape2D: [SphericalDisproportion, Perimeter]}\n").extract(img, Mask.onGridOf(img, m))
        .byImageType().get("original");
    assertEquals(List.of("shape2D_SphericalDisproportion", "shape2D_Perimeter"), List.copyOf(f.values().keySet()));
    assertEquals((8 + 2 * Math.sqrt(2)) * 0.5 / (2 * Math.sqrt(Math.PI * 8.5 * 0.25)),
        f.get("shape2D_SphericalDisproportion"), EPS);
  }

  @Test
  void profileErrors() {
    // a ROI over two slices with force2Ddimension 0: the case fails with PyRadiomics' message
    Volume img = image();
    boolean[] m = new boolean[img.voxelCount()];
    for (int z = 0; z <= 1; z++) {
      for (int x = 1; x <= 3; x++) {
        m[img.index(x, 2, z)] = true;
      }
    }
    ProfileResult r = PyRadiomicsProfile.fromYaml("setting: {force2D: true}\nfeatureClass: {shape: [VoxelVolume],"
        + " shape2D: }\n").extract(img, Mask.onGridOf(img, m));
    assertFalse(r.ok());
    assertEquals(ErrorKind.INVALID_SETTINGS, r.error());
    assertTrue(r.message().contains("Size of the mask in dimension 0 is more than 1"), r.message());
    // the same ROI is one voxel thick along y (force2Ddimension 1): rows z (3 mm), columns x (0.5 mm), 2 x 3 block:
    // area (6 - 0.5) * 1.5 = 8.25
    ProfileResult ok = PyRadiomicsProfile.fromYaml("setting: {force2D: true, force2Ddimension: 1}\n"
        + "featureClass: {shape2D: [MeshSurface]}\n").extract(img, Mask.onGridOf(img, m));
    assertTrue(ok.ok(), ok.message());
    assertEquals(5.5 * 1.5, ok.byImageType().get("original").get("shape2D_MeshSurface"), EPS);
    // shape2D enabled only by default (no featureClass section) on the two-slice ROI: skipped, the case succeeds
    ProfileResult dflt = PyRadiomicsProfile.fromYaml("setting: {force2D: true}\n").extract(img,
        Mask.onGridOf(img, m));
    assertTrue(dflt.ok(), dflt.message());
    assertTrue(dflt.byImageType().get("original").values().keySet().stream()
        .noneMatch(k -> k.startsWith("shape2D_")));
    // shape2D named without force2D: skipped as PyRadiomics' extractor does (a warning there, no columns)
    ProfileResult noForce = PyRadiomicsProfile.fromYaml("featureClass: {shape: [VoxelVolume], shape2D: }\n")
        .extract(img, Mask.onGridOf(img, m));
    assertTrue(noForce.ok(), noForce.message());
    assertEquals(List.of("shape_VoxelVolume"), List.copyOf(noForce.byImageType().get("original").values().keySet()));
  }
}
