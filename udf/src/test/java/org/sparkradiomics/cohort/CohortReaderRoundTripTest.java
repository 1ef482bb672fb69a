package org.sparkradiomics.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.dicom.DecodedFrames;
import org.sparkradiomics.dicom.DicomMetadata;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.DicomSeries;
import org.sparkradiomics.dicom.DicomWriter;
import org.sparkradiomics.image.Volume;

/** Generated studies read back through our own DICOM reader: stored values, rescale, geometry and RGB exact. */
class CohortReaderRoundTripTest {
  @TempDir Path tmp;

  static List<Path> imageFiles(Path studyDir) throws IOException {
    try (Stream<Path> s = Files.list(studyDir.resolve("image"))) {
      return s.sorted().collect(Collectors.toList());
    }
  }

  /** Writes study i of a small cohort of modality m and reads its image series back. */
  private record Trip(CohortGenerator.Study study, DicomSeries series, List<Path> files) {}

  private Trip roundTrip(Modality m, int i, int shrink) throws IOException {
    Path out = tmp.resolve(m.name() + "-" + i + "-" + shrink);
    CohortConfig c = CohortGeneratorTest.small(out, 8, m, 2024).withShrink(shrink);
    CohortGenerator.Study s = CohortGenerator.buildStudy(c, i);
    CohortGenerator.writeStudy(out, s, c.seed());
    List<Path> files = imageFiles(out.resolve(s.studyId()));
    DicomSeries ds = new DicomReader(CohortGeneratorTest.KEY, false).readSeries(files);
    return new Trip(s, ds, files);
  }

  private static void assertGeometry(DicomWriter.ImageSeries src, Volume v) {
    assertEquals(src.nx(), v.nx());
    assertEquals(src.ny(), v.ny());
    assertEquals(src.nz(), v.nz());
    assertEquals(src.spacing()[0], v.spacing(0), 0.0);
    assertEquals(src.spacing()[1], v.spacing(1), 0.0);
    if (src.nz() > 1) {
      assertEquals(src.spacing()[2], v.spacing(2), 1e-12);
    }
    assertArrayEquals(src.origin(), v.origin(), 0.0);
    assertArrayEquals(src.direction(), v.direction(), 0.0);
  }

  private static void assertStoredExact(DicomReader r, Trip t) {
    DicomWriter.ImageSeries src = t.study().series();
    int sliceLen = src.nx() * src.ny();
    for (int z = 0; z < src.nz(); z++) {
      DecodedFrames d = r.decode(t.files().get(z));
      int[] got = d.intValues();
      if (src.format() == DicomWriter.PixelFormat.RGB8) {
        // DecodedFrames is sample-planar: ((frame * samples + sample) * rows + row) * columns + column
        for (int i = 0; i < sliceLen; i++) {
          for (int c = 0; c < 3; c++) {
            assertEquals(src.rgb()[3 * (z * sliceLen + i) + c] & 0xFF, got[c * sliceLen + i]);
          }
        }
      } else {
        for (int i = 0; i < sliceLen; i++) {
          short s = src.stored16()[z * sliceLen + i];
          int expected = src.format() == DicomWriter.PixelFormat.INT16 ? s : s & 0xFFFF;
          assertEquals(expected, got[i], "slice " + z + " pixel " + i);
        }
      }
    }
  }

  @Test
  void ctBothEncodingsRoundTripInHuWithAirAtMinus1000() throws IOException {
    DicomReader r = new DicomReader(CohortGeneratorTest.KEY, false);
    int air = 0;
    int belowMinus1024 = 0;
    for (int i : new int[] {0, 2}) { // i=0: intercept -1024, i=2: stored signed HU
      Trip t = roundTrip(Modality.CT, i, 2);
      DicomWriter.ImageSeries src = t.study().series();
      assertEquals(i == 0 ? -1024.0 : 0.0, src.rescaleIntercept());
      assertGeometry(src, t.series().volume());
      assertStoredExact(r, t);
      float[] hu = t.series().volume().data();
      for (int k = 0; k < hu.length; k++) {
        double expected = src.stored16()[k] * src.rescaleSlope() + src.rescaleIntercept();
        assertEquals(expected, hu[k], 0.0);
        air += hu[k] == -1000f ? 1 : 0;
        belowMinus1024 += hu[k] == -3024f ? 1 : 0;
      }
      DicomMetadata md = t.series().metadata().get(0);
      assertEquals(CohortGeneratorTest.KEY.pseudonym(t.study().header().patientId()), md.pseudonymousPatientId());
      assertEquals(1, md.pixelRepresentation());
      for (int z = 0; z < src.nz(); z++) {
        assertEquals(src.sopInstanceUids()[z], t.series().sliceSopInstanceUid(z));
      }
    }
    assertTrue(air > 1000, "air voxels " + air);
    assertTrue(belowMinus1024 > 100, "outside-FOV voxels " + belowMinus1024);
  }

  @Test
  void mrAndDxUnsignedRoundTripExactly() throws IOException {
    DicomReader r = new DicomReader(CohortGeneratorTest.KEY, false);
    for (Modality m : new Modality[] {Modality.MR, Modality.DX}) {
      Trip t = roundTrip(m, 1, 2);
      DicomWriter.ImageSeries src = t.study().series();
      assertGeometry(src, t.series().volume());
      assertStoredExact(r, t);
      float[] v = t.series().volume().data();
      int above32767 = 0;
      for (int k = 0; k < v.length; k++) {
        int expected = src.stored16()[k] & 0xFFFF;
        assertEquals(expected, v[k], 0.0);
        above32767 += expected > 32767 ? 1 : 0;
      }
      if (m == Modality.DX) {
        // the bone-like ROI sits around 36000: unsigned handling matters
        assertTrue(above32767 > 100, "DX values above 32767: " + above32767);
      }
    }
  }

  @Test
  void usRgbSamplesRoundTripExactly() throws IOException {
    DicomReader r = new DicomReader(CohortGeneratorTest.KEY, false);
    Trip t = roundTrip(Modality.US, 3, 2);
    DicomWriter.ImageSeries src = t.study().series();
    assertGeometry(src, t.series().volume());
    assertStoredExact(r, t);
    Volume v = t.series().volume();
    assertEquals(3, v.channelCount());
    int n = src.nx() * src.ny();
    int colour = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(src.rgb()[3 * i + c] & 0xFF, v.channels()[c][i], 0.0);
      }
      colour += src.rgb()[3 * i] != src.rgb()[3 * i + 2] ? 1 : 0;
      if (t.study().mask()[i]) {
        // grey ROI: luminance equals the grey level whatever the luminance weights
        assertEquals(src.rgb()[3 * i] & 0xFF, v.data()[i], 1e-3);
      }
    }
    assertTrue(colour > 0, "colour bar present");
    assertEquals("RGB", t.series().metadata().get(0).photometricInterpretation());
  }
}
