package org.sparkradiomics.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparkradiomics.dicom.WriterTestSupport.doubles;
import static org.sparkradiomics.dicom.WriterTestSupport.get;
import static org.sparkradiomics.dicom.WriterTestSupport.item;
import static org.sparkradiomics.dicom.WriterTestSupport.items;
import static org.sparkradiomics.dicom.WriterTestSupport.read;
import static org.sparkradiomics.dicom.WriterTestSupport.str;

import com.pixelmed.dicom.AttributeList;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegWriterTest {
  @TempDir Path tmp;

  @Test
  void packsBitsLeastSignificantFirstAcrossFrames() {
    // 3x3 frames (9 bits each), two frames back to back: 18 bits -> 3 bytes, padded to 4.
    boolean[] m = new boolean[18];
    m[0] = true; // frame 0 bit 0 -> byte 0 = 0x01
    m[8] = true; // frame 0 bit 8 -> byte 1 bit 0
    m[9] = true; // frame 1 pixel 0 = bit 9 -> byte 1 bit 1
    m[17] = true; // bit 17 -> byte 2 bit 1
    byte[] packed = SegWriter.packFrames(m, 9, new int[] {0, 1});
    assertArrayEquals(new byte[] {0x01, 0x03, 0x02, 0x00}, packed);
  }

  static boolean[] randomBlob(int nx, int ny, int nz, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    boolean[] m = new boolean[nx * ny * nz];
    for (int z = 1; z < nz - 1; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          double dx = x - nx / 2.0;
          double dy = y - ny / 2.0;
          m[x + nx * (y + ny * z)] = dx * dx + dy * dy < 6 + 4 * r.nextDouble();
        }
      }
    }
    return m;
  }

  static boolean[] unpack(byte[] px, int sliceLen, int frames) {
    boolean[] out = new boolean[sliceLen * frames];
    for (int b = 0; b < out.length; b++) {
      out[b] = (px[b >>> 3] >> (b & 7) & 1) == 1;
    }
    return out;
  }

  @Test
  void segReadBackWithPixelMedEqualsMaskWithPositionsAndReferences() throws Exception {
    int nx = 7;
    int ny = 6;
    int nz = 4;
    boolean[] mask = randomBlob(nx, ny, nz, 3);
    DicomWriter.ImageSeries src = DicomWriterTest.series(DicomWriter.PixelFormat.INT16, nx, ny, nz,
        new short[nx * ny * nz], null, 1, 0);
    for (boolean omit : new boolean[] {false, true}) {
      Path f = SegWriter.write(tmp.resolve("seg" + omit + ".dcm"), DicomWriterTest.ps(), src,
          new SegWriter.SegSpec("2.25.9", "2.25.10", "2.25.11", 100, "lesion", omit), mask);
      AttributeList l = read(f);
      assertEquals(DicomWriter.SEGMENTATION_STORAGE, str(l, 0x0008, 0x0016));
      assertEquals("BINARY", str(l, 0x0062, 0x0001));
      assertEquals("1", str(l, 0x0028, 0x0100));
      int frames = Integer.parseInt(str(l, 0x0028, 0x0008));
      int[] expectedSlices = omit ? new int[] {1, 2} : new int[] {0, 1, 2, 3};
      assertEquals(expectedSlices.length, frames);
      boolean[] bits = unpack(get(l, 0x7FE0, 0x0010).getByteValues(), nx * ny, frames);
      assertEquals(frames, items(l, 0x5200, 0x9230));
      for (int f2 = 0; f2 < frames; f2++) {
        int z = expectedSlices[f2];
        AttributeList pf = item(l, 0x5200, 0x9230, f2);
        double[] pos = doubles(item(pf, 0x0020, 0x9113, 0), 0x0020, 0x0032);
        assertArrayEquals(src.slicePosition(z), pos, 0.0);
        AttributeList deriv = item(pf, 0x0008, 0x9124, 0);
        assertEquals(src.sopInstanceUids()[z], str(item(deriv, 0x0008, 0x2112, 0), 0x0008, 0x1155));
        assertEquals("1", str(item(pf, 0x0062, 0x000A, 0), 0x0062, 0x000B));
        for (int i = 0; i < nx * ny; i++) {
          assertEquals(mask[z * nx * ny + i], bits[f2 * nx * ny + i], "frame " + f2 + " pixel " + i);
        }
      }
      assertEquals(src.seriesInstanceUid(), str(item(l, 0x0008, 0x1115, 0), 0x0020, 0x000E));
      assertEquals(nz, items(item(l, 0x0008, 0x1115, 0), 0x0008, 0x114A));
      AttributeList shared = item(l, 0x5200, 0x9229, 0);
      assertArrayEquals(new double[] {0.5, 0.75}, doubles(item(shared, 0x0028, 0x9110, 0), 0x0028, 0x0030), 0.0);
      assertEquals(src.frameOfReferenceUid(), str(l, 0x0020, 0x0052));
      assertEquals("lesion", str(item(l, 0x0062, 0x0002, 0), 0x0062, 0x0005));
    }
  }
}
