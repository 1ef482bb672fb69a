package org.sparkradiomics.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkradiomics.dicom.WriterTestSupport.doubles;
import static org.sparkradiomics.dicom.WriterTestSupport.get;
import static org.sparkradiomics.dicom.WriterTestSupport.read;
import static org.sparkradiomics.dicom.WriterTestSupport.str;

import com.pixelmed.dicom.AttributeList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.image.Volume;

class DicomWriterTest {
  @TempDir Path tmp;

  static DicomWriter.PatientStudy ps() {
    return new DicomWriter.PatientStudy("PID-1", "DOE^JANE", "19600101", "F", "060Y", "2.25.1", "S1", "20200102",
        "101500", "A1", "test");
  }

  static String[] uids(int n, String base) {
    String[] u = new String[n];
    for (int i = 0; i < n; i++) {
      u[i] = base + "." + (i + 1);
    }
    return u;
  }

  static DicomWriter.ImageSeries series(DicomWriter.PixelFormat f, int nx, int ny, int nz, short[] s16, byte[] rgb,
      double slope, double intercept) {
    return new DicomWriter.ImageSeries(f == DicomWriter.PixelFormat.RGB8 ? "US" : "CT",
        f == DicomWriter.PixelFormat.RGB8 ? DicomWriter.US_IMAGE_STORAGE : DicomWriter.CT_IMAGE_STORAGE, "2.25.2",
        "2.25.3", uids(nz, "2.25.4"), 1, "s", nx, ny, nz, new double[] {0.75, 0.5, 2.5},
        new double[] {-47.625, 10.25, -100}, Volume.identity(), f, s16, rgb, f == DicomWriter.PixelFormat.RGB8 ? 8 : 16,
        slope, intercept, "HU", Double.NaN, Double.NaN, null);
  }

  @Test
  void signedCtRoundTripKeepsStoredValuesRescaleAndGeometry() throws Exception {
    int nx = 5;
    int ny = 3;
    int nz = 2;
    // HU values -3024 (outside FOV), -1000 (air), 0, 40, 3071; stored = HU + 1024 with intercept -1024.
    int[] hu = {-3024, -1000, 0, 40, 3071};
    short[] stored = new short[nx * ny * nz];
    for (int i = 0; i < stored.length; i++) {
      stored[i] = (short) (hu[i % hu.length] + 1024);
    }
    DicomWriter.ImageSeries s = series(DicomWriter.PixelFormat.INT16, nx, ny, nz, stored, null, 1, -1024);
    List<Path> files = DicomWriter.writeSeries(tmp, "IM", ps(), s);
    assertEquals(2, files.size());
    for (int z = 0; z < nz; z++) {
      AttributeList l = read(files.get(z));
      short[] px = get(l, 0x7FE0, 0x0010).getShortValues();
      assertArrayEquals(Arrays.copyOfRange(stored, z * nx * ny, (z + 1) * nx * ny), px);
      assertEquals("1", str(l, 0x0028, 0x0103));
      double slope = doubles(l, 0x0028, 0x1053)[0];
      double icpt = doubles(l, 0x0028, 0x1052)[0];
      for (int i = 0; i < px.length; i++) {
        // the read-back HU equals the intended HU exactly, -1000 stays -1000
        assertEquals(hu[(z * nx * ny + i) % hu.length], px[i] * slope + icpt, 0.0);
      }
      assertArrayEquals(new double[] {-47.625, 10.25, -100 + 2.5 * z}, doubles(l, 0x0020, 0x0032), 0.0);
      assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, doubles(l, 0x0020, 0x0037), 0.0);
      // PixelSpacing is row spacing (y) then column spacing (x)
      assertArrayEquals(new double[] {0.5, 0.75}, doubles(l, 0x0028, 0x0030), 0.0);
      assertEquals(2.5, doubles(l, 0x0018, 0x0050)[0], 0.0);
      assertEquals("3", str(l, 0x0028, 0x0010));
      assertEquals("5", str(l, 0x0028, 0x0011));
      assertEquals("PID-1", str(l, 0x0010, 0x0020));
      assertEquals("DOE^JANE", str(l, 0x0010, 0x0010));
      assertEquals("19600101", str(l, 0x0010, 0x0030));
      assertEquals("2.25.4." + (z + 1), str(l, 0x0008, 0x0018));
      assertEquals(DicomWriter.EXPLICIT_VR_LITTLE_ENDIAN, str(l, 0x0002, 0x0010));
    }
  }

  @Test
  void unsigned16KeepsValuesAbove32767() throws Exception {
    short[] stored = {0, 1, 32767, (short) 32768, (short) 40000, (short) 65535};
    DicomWriter.ImageSeries s = series(DicomWriter.PixelFormat.UINT16, 3, 2, 1, stored, null, Double.NaN, 0);
    Path f = DicomWriter.writeSeries(tmp, "IM", ps(), s).get(0);
    AttributeList l = read(f);
    assertEquals("0", str(l, 0x0028, 0x0103));
    short[] px = get(l, 0x7FE0, 0x0010).getShortValues();
    int[] unsigned = new int[px.length];
    for (int i = 0; i < px.length; i++) {
      unsigned[i] = px[i] & 0xFFFF;
    }
    assertArrayEquals(new int[] {0, 1, 32767, 32768, 40000, 65535}, unsigned);
    assertEquals(null, get(l, 0x0028, 0x1052));
  }

  @Test
  void rgbSamplesRoundTripInterleaved() throws Exception {
    int nx = 4;
    int ny = 2;
    byte[] rgb = new byte[3 * nx * ny];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (i * 37 + 5);
    }
    DicomWriter.ImageSeries s = series(DicomWriter.PixelFormat.RGB8, nx, ny, 1, null, rgb, Double.NaN, 0);
    Path f = DicomWriter.writeSeries(tmp, "IM", ps(), s).get(0);
    AttributeList l = read(f);
    assertEquals("RGB", str(l, 0x0028, 0x0004));
    assertEquals("3", str(l, 0x0028, 0x0002));
    assertEquals("0", str(l, 0x0028, 0x0006));
    assertEquals("8", str(l, 0x0028, 0x0100));
    byte[] px = get(l, 0x7FE0, 0x0010).getByteValues();
    assertArrayEquals(rgb, Arrays.copyOf(px, rgb.length));
    assertTrue(px.length == rgb.length || px.length == rgb.length + 1);
  }

  @Test
  void decimalStringsAreShortAndExactWhenPossible() {
    assertEquals("0.75", DicomWriter.ds(0.75));
    assertEquals("-47.625", DicomWriter.ds(-47.625));
    assertEquals("-1024", DicomWriter.ds(-1024));
    assertEquals("0", DicomWriter.ds(-0.0));
    assertEquals("100000", DicomWriter.ds(1e5));
    String third = DicomWriter.ds(1.0 / 3);
    assertTrue(third.length() <= 16, third);
    assertEquals(1.0 / 3, Double.parseDouble(third), 1e-14);
    String big = DicomWriter.ds(-123456.78901234567);
    assertTrue(big.length() <= 16, big);
    assertEquals(-123456.78901234567, Double.parseDouble(big), 1e-8);
    String tiny = DicomWriter.ds(1.234567890123e-20);
    assertTrue(tiny.length() <= 16, tiny);
    assertEquals(1.234567890123e-20, Double.parseDouble(tiny), 1e-30);
  }

  @Test
  void identicalInputsGiveIdenticalBytes() throws Exception {
    short[] stored = {1, -2, 3, -4};
    DicomWriter.ImageSeries s = series(DicomWriter.PixelFormat.INT16, 2, 2, 1, stored, null, 1, 0);
    Path a = DicomWriter.writeSeries(tmp.resolve("a"), "IM", ps(), s).get(0);
    Path b = DicomWriter.writeSeries(tmp.resolve("b"), "IM", ps(), s).get(0);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }
}
