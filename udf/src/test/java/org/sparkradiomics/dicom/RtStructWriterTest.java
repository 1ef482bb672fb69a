package org.sparkradiomics.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparkradiomics.dicom.WriterTestSupport.doubles;
import static org.sparkradiomics.dicom.WriterTestSupport.item;
import static org.sparkradiomics.dicom.WriterTestSupport.items;
import static org.sparkradiomics.dicom.WriterTestSupport.read;
import static org.sparkradiomics.dicom.WriterTestSupport.str;

import com.pixelmed.dicom.AttributeList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtStructWriterTest {
  @TempDir Path tmp;

  /** Corner loops to index-space polygons: corner c is at index c - 0.5. */
  static List<double[]> toIndex(List<int[]> loops) {
    List<double[]> out = new ArrayList<>();
    for (int[] l : loops) {
      double[] p = new double[l.length];
      for (int i = 0; i < l.length; i++) {
        p[i] = l[i] - 0.5;
      }
      out.add(p);
    }
    return out;
  }

  @Test
  void singleVoxelGivesItsFourCorners() {
    boolean[] m = new boolean[9];
    m[1 + 3 * 1] = true; // voxel (1,1) of a 3x3 slice
    List<int[]> loops = RtStructWriter.traceSlice(m, 0, 3, 3);
    assertEquals(1, loops.size());
    // top edge (1,1)->(2,1), right (2,1)->(2,2), bottom (2,2)->(1,2), left (1,2)->(1,1)
    assertArrayEquals(new int[] {1, 1, 2, 1, 2, 2, 1, 2}, loops.get(0));
  }

  @Test
  void lShapeHasSixCorners() {
    // 3x3 slice: row 0: X . .   row 1: X X .   row 2: . . .
    boolean[] m = new boolean[9];
    m[0] = true;
    m[3] = true;
    m[4] = true;
    List<int[]> loops = RtStructWriter.traceSlice(m, 0, 3, 3);
    assertEquals(1, loops.size());
    assertEquals(12, loops.get(0).length);
    assertArrayEquals(m, WriterTestSupport.evenOdd(toIndex(loops), 3, 3));
  }

  @Test
  void ringWithHoleAndDiagonalTouchesFillBackExactly() {
    // 5x5: a 3x3 ring around a hole at (2,2), plus voxel (4,4) touching the ring's corner (3,3) diagonally.
    boolean[] m = new boolean[25];
    for (int y = 1; y <= 3; y++) {
      for (int x = 1; x <= 3; x++) {
        m[x + 5 * y] = !(x == 2 && y == 2);
      }
    }
    m[4 + 5 * 4] = true;
    List<int[]> loops = RtStructWriter.traceSlice(m, 0, 5, 5);
    // outer ring, hole, and the single voxel: 4 + 4 + 4 boundary corners; 3 loops if the saddle is split,
    // fewer if the walk joins them, but the even-odd fill must always give back the mask.
    assertArrayEquals(m, WriterTestSupport.evenOdd(toIndex(loops), 5, 5));
    int edges = 0;
    for (int[] l : loops) {
      edges += l.length / 2;
    }
    assertEquals(12, edges);
  }

  @Test
  void randomMasksFillBackExactly() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 40; trial++) {
      int nx = 3 + r.nextInt(10);
      int ny = 3 + r.nextInt(10);
      boolean[] m = new boolean[nx * ny];
      double p = r.nextDouble();
      for (int i = 0; i < m.length; i++) {
        m[i] = r.nextDouble() < p;
      }
      assertArrayEquals(m, WriterTestSupport.evenOdd(toIndex(RtStructWriter.traceSlice(m, 0, nx, ny)), nx, ny),
          "trial " + trial);
    }
  }

  @Test
  void rtstructContoursReadBackWithPixelMedRasterizeToTheMask() throws Exception {
    int nx = 9;
    int ny = 8;
    int nz = 4;
    boolean[] mask = SegWriterTest.randomBlob(nx, ny, nz, 5);
    mask[0] = false;
    mask[8 + nx * (7 + ny * 2)] = true; // a corner voxel on the image border
    DicomWriter.ImageSeries src = DicomWriterTest.series(DicomWriter.PixelFormat.INT16, nx, ny, nz,
        new short[nx * ny * nz], null, 1, 0);
    Path f = RtStructWriter.write(tmp.resolve("rt.dcm"), DicomWriterTest.ps(), src,
        new RtStructWriter.RtSpec("2.25.20", "2.25.21", 100, "lesion"), mask);
    AttributeList l = read(f);
    assertEquals(DicomWriter.RT_STRUCTURE_SET_STORAGE, str(l, 0x0008, 0x0016));
    assertEquals("lesion", str(item(l, 0x3006, 0x0020, 0), 0x3006, 0x0026));
    AttributeList roiContour = item(l, 0x3006, 0x0039, 0);
    int n = items(roiContour, 0x3006, 0x0040);
    List<List<double[]>> perSlice = new ArrayList<>();
    for (int z = 0; z < nz; z++) {
      perSlice.add(new ArrayList<>());
    }
    for (int c = 0; c < n; c++) {
      AttributeList item = item(roiContour, 0x3006, 0x0040, c);
      assertEquals("CLOSED_PLANAR", str(item, 0x3006, 0x0042));
      double[] xyz = doubles(item, 0x3006, 0x0050);
      int points = Integer.parseInt(str(item, 0x3006, 0x0046));
      assertEquals(3 * points, xyz.length);
      // position -> index with the series geometry (identity direction): i = (x - ox) / sx
      double[] o = src.origin();
      int z = (int) Math.round((xyz[2] - o[2]) / src.spacing()[2]);
      String sop = str(item(item, 0x3006, 0x0016, 0), 0x0008, 0x1155);
      assertEquals(src.sopInstanceUids()[z], sop);
      double[] poly = new double[2 * points];
      for (int p = 0; p < points; p++) {
        poly[2 * p] = (xyz[3 * p] - o[0]) / src.spacing()[0];
        poly[2 * p + 1] = (xyz[3 * p + 1] - o[1]) / src.spacing()[1];
        assertEquals(o[2] + z * src.spacing()[2], xyz[3 * p + 2], 0.0);
      }
      perSlice.get(z).add(poly);
    }
    for (int z = 0; z < nz; z++) {
      boolean[] expected = Arrays.copyOfRange(mask, z * nx * ny, (z + 1) * nx * ny);
      assertArrayEquals(expected, WriterTestSupport.evenOdd(perSlice.get(z), nx, ny), "slice " + z);
    }
    AttributeList forItem = item(l, 0x3006, 0x0010, 0);
    assertEquals(src.frameOfReferenceUid(), str(forItem, 0x0020, 0x0052));
    AttributeList study = item(forItem, 0x3006, 0x0012, 0);
    AttributeList series = item(study, 0x3006, 0x0014, 0);
    assertEquals(src.seriesInstanceUid(), str(series, 0x0020, 0x000E));
    assertEquals(nz, items(series, 0x3006, 0x0016));
  }
}
