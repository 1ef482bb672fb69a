package org.sparkradiomics.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.dicom.DecodedFrames;
import org.sparkradiomics.dicom.DicomInspector;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.DicomWriter;

/**
 * generate-cohort -> inspect is exact for every modality: the SHA-256 that {@code radiomics inspect} prints for each
 * generated file equals the SHA-256 of the values the generator meant to store (32-bit little-endian, sample by
 * sample), and the pixel count agrees.
 */
class CohortInspectRoundTripTest {
  @TempDir Path tmp;

  @Test
  void inspectHashesEqualTheGeneratedStoredValues() throws Exception {
    DicomInspector inspector = new DicomInspector(new DicomReader(CohortGeneratorTest.KEY, false));
    for (Modality m : Modality.values()) {
      Path out = tmp.resolve(m.name());
      CohortConfig c = CohortGeneratorTest.small(out, 2, m, 11).withShrink(4);
      CohortGenerator.Study s = CohortGenerator.buildStudy(c, 1);
      CohortGenerator.writeStudy(out, s, c.seed());
      DicomWriter.ImageSeries src = s.series();
      List<Path> files = CohortReaderRoundTripTest.imageFiles(out.resolve(s.studyId()));
      assertEquals(src.nz(), files.size(), m.name());
      int sliceLen = src.nx() * src.ny();
      for (int z = 0; z < src.nz(); z++) {
        DicomInspector.Result r = inspector.inspectFile(files.get(z));
        assertTrue(r.decoded(), m + " slice " + z + ": " + r.errorMessage());
        MessageDigest md = DecodedFrames.newSha256();
        if (src.format() == DicomWriter.PixelFormat.RGB8) {
          // sample by sample: all R, then all G, then all B of the frame
          for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < sliceLen; i++) {
              putLe(md, src.rgb()[3 * (z * sliceLen + i) + ch] & 0xFF);
            }
          }
        } else {
          for (int i = 0; i < sliceLen; i++) {
            short v = src.stored16()[z * sliceLen + i];
            putLe(md, src.format() == DicomWriter.PixelFormat.INT16 ? v : v & 0xFFFF);
          }
        }
        // pixel statistics count pixels (colour: of the luminance image)
        assertEquals(sliceLen, r.count(), m.name());
        assertEquals(DecodedFrames.hex(md.digest()), r.sha256(), m + " slice " + z);
      }
    }
  }

  private static void putLe(MessageDigest md, int v) {
    md.update(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
  }
}
