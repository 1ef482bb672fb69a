package org.sparkradiomics.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

class NrrdIOTest {
  @TempDir
  Path dir;

  /** An oblique, non-isotropic 4x3x2 volume with distinct values. */
  private static Volume sample() {
    float[] d = new float[24];
    for (int i = 0; i < d.length; i++) {
      d[i] = -1000.5f + 37.25f * i;
    }
    double c = Math.cos(0.3);
    double s = Math.sin(0.3);
    double[] dir = {c, -s, 0, s, c, 0, 0, 0, 1};
    return new Volume(4, 3, 2, d, new double[] {0.7, 0.9, 2.5}, new double[] {-12.5, 40.25, 7}, dir);
  }

  @Test
  void roundTripsRawAndGzip() {
    Volume v = sample();
    for (boolean gzip : new boolean[] {false, true}) {
      Path p = dir.resolve(gzip ? "v.gz.nrrd" : "v.nrrd");
      NrrdIO.write(p, v, gzip);
      Volume r = NrrdIO.readVolume(p);
      assertTrue(r.sameGrid(v, 1e-9), "geometry survives: " + r);
      assertArrayEquals(v.data(), r.data(), 0f);
      assertArrayEquals(v.direction(), r.direction(), 1e-12);
    }
  }

  @Test
  void maskRoundTripAndLabels() {
    Volume v = sample();
    boolean[] in = new boolean[24];
    in[3] = true;
    in[17] = true;
    Mask m = Mask.onGridOf(v, in);
    Path p = dir.resolve("m.nrrd");
    NrrdIO.writeMask(p, m, true);
    Mask r = NrrdIO.readMask(p, null);
    assertTrue(r.onGridOf(v, 1e-9));
    assertArrayEquals(in, r.inside());
    assertArrayEquals(in, NrrdIO.readMask(p, 1).inside());
    RadiomicsException e = assertThrows(RadiomicsException.class, () -> NrrdIO.readMask(p, 2));
    assertEquals(ErrorKind.ROI_NOT_FOUND, e.kind());
  }

  /** A hand-written big-endian int16 file in RAS space: x and y of directions and origin flip to LPS. */
  @Test
  void readsRasInt16BigEndian() throws Exception {
    String h = "NRRD0004\n# hand made\ntype: short\ndimension: 3\nspace: right-anterior-superior\n"
        + "sizes: 2 2 1\nspace directions: (0.5,0,0) (0,0.75,0) (0,0,3)\nkinds: domain domain domain\n"
        + "endian: big\nencoding: raw\nspace origin: (10,-20,30)\n\n";
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
    b.putShort((short) -1024).putShort((short) 1).putShort((short) 300).putShort((short) 32767);
    Path p = dir.resolve("ras.nrrd");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(h.getBytes(StandardCharsets.US_ASCII));
    out.write(b.array());
    Files.write(p, out.toByteArray());
    Volume v = NrrdIO.readVolume(p);
    assertArrayEquals(new float[] {-1024, 1, 300, 32767}, v.data(), 0f);
    assertArrayEquals(new double[] {0.5, 0.75, 3}, v.spacing(), 1e-12);
    // RAS (10,-20,30) is LPS (-10, 20, 30); RAS +x/+y axes are LPS -x/-y.
    assertArrayEquals(new double[] {-10, 20, 30}, v.origin(), 1e-12);
    assertArrayEquals(new double[] {-1, 0, 0, 0, -1, 0, 0, 0, 1}, v.direction(), 1e-12);
    // voxel (1,1,0) sits at origin + 0.5*(-1,0,0) + 0.75*(0,-1,0)
    assertArrayEquals(new double[] {-10.5, 19.25, 30}, v.indexToPhysical(1, 1, 0), 1e-12);
  }

  /** gzip encoding with uint8 data, spacings instead of space directions, 2D image. */
  @Test
  void readsGzip2dWithSpacings() throws Exception {
    String h = "NRRD0005\ntype: uint8\ndimension: 2\nsizes: 3 2\nspacings: 1.5 2\nencoding: gzip\n\n";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(new byte[] {0, 1, 2, (byte) 200, (byte) 255, 7});
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(h.getBytes(StandardCharsets.US_ASCII));
    out.write(gz.toByteArray());
    Path p = dir.resolve("flat.nrrd");
    Files.write(p, out.toByteArray());
    Volume v = NrrdIO.readVolume(p);
    assertEquals(3, v.nx());
    assertEquals(2, v.ny());
    assertEquals(1, v.nz());
    assertArrayEquals(new float[] {0, 1, 2, 200, 255, 7}, v.data(), 0f);
    assertArrayEquals(new double[] {1.5, 2, 1}, v.spacing(), 1e-12);
  }

  @Test
  void rejectsBrokenFiles() throws Exception {
    Path notNrrd = dir.resolve("x.nrrd");
    Files.writeString(notNrrd, "P5\n2 2\n255\n\n....");
    assertEquals(ErrorKind.UNREADABLE_FILE,
        assertThrows(RadiomicsException.class, () -> NrrdIO.readVolume(notNrrd)).kind());
    Path truncated = dir.resolve("t.nrrd");
    Files.writeString(truncated, "NRRD0004\ntype: float\ndimension: 3\nsizes: 2 2 2\nencoding: raw\n\nabcd");
    assertEquals(ErrorKind.CORRUPT_PIXEL_DATA,
        assertThrows(RadiomicsException.class, () -> NrrdIO.readVolume(truncated)).kind());
    Path detached = dir.resolve("d.nhdr");
    Files.writeString(detached, "NRRD0004\ntype: float\ndimension: 3\nsizes: 2 2 2\nencoding: raw\n"
        + "data file: d.raw\n\n");
    assertEquals(ErrorKind.UNREADABLE_FILE,
        assertThrows(RadiomicsException.class, () -> NrrdIO.readVolume(detached)).kind());
    Path bzip = dir.resolve("b.nrrd");
    Files.writeString(bzip, "NRRD0004\ntype: float\ndimension: 3\nsizes: 1 1 1\nencoding: bzip2\n\nxxxx");
    assertEquals(ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX,
        assertThrows(RadiomicsException.class, () -> NrrdIO.readVolume(bzip)).kind());
  }
}
