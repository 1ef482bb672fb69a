package org.sparkradiomics.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.CohortGenerator;
import org.sparkradiomics.cohort.GenerativeRule;
import org.sparkradiomics.cohort.Modality;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;

/** The header fields the index job needs: mask references, segments / ROIs, and the truncation check. */
class IndexHeaderTest {
  private static final Pseudonymizer KEY = new Pseudonymizer("k".getBytes(StandardCharsets.UTF_8));

  @Test
  void segAndRtstructNameTheirSeriesAndSegmentsAndTruncatedFilesAreCorrupt(@TempDir Path tmp) throws Exception {
    // Study 0 carries a SEG ((0 + 0/4) even), study 1 an RTSTRUCT ((1 + 1/4) odd); both CT.
    CohortConfig c = new CohortConfig(tmp, 2, Modality.CT, 5, 1.0, GenerativeRule.DEFAULT, 1, 8, KEY);
    CohortGenerator.generate(c);
    DicomReader r = new DicomReader(KEY, false);
    String series0 = r.readHeader(tmp.resolve("S000001/image/IM0000.dcm")).seriesInstanceUid();
    String series1 = r.readHeader(tmp.resolve("S000002/image/IM0000.dcm")).seriesInstanceUid();

    DicomMetadata seg = r.readHeaderChecked(tmp.resolve("S000001/mask/seg.dcm"));
    assertEquals("SEG", seg.maskKind());
    assertEquals(List.of(series0), seg.referencedSeriesUids());
    assertEquals(List.of(new DicomMetadata.MaskItem(1, "lesion")), seg.maskItems());
    assertTrue(!seg.isImageStorage(), "a SEG is never stacked as an image");

    DicomMetadata rt = r.readHeaderChecked(tmp.resolve("S000002/mask/rtstruct.dcm"));
    assertEquals("RTSTRUCT", rt.maskKind());
    assertEquals(List.of(series1), rt.referencedSeriesUids());
    assertEquals(List.of(new DicomMetadata.MaskItem(1, "lesion")), rt.maskItems());

    Path im = tmp.resolve("S000001/image/IM0001.dcm");
    DicomMetadata image = r.readHeaderChecked(im);
    assertTrue(image.isImageStorage());
    assertNull(image.maskKind());
    assertTrue(image.referencedSeriesUids().isEmpty() && image.maskItems().isEmpty());

    // Cut 10 bytes off the end: the header still parses (PixelMed reads it without complaint), the pixel data is
    // 10 bytes short of its declared length.
    long size = Files.size(im);
    try (RandomAccessFile raf = new RandomAccessFile(im.toFile(), "rw")) {
      raf.setLength(size - 10);
    }
    RadiomicsException e = assertThrows(RadiomicsException.class, () -> r.readHeaderChecked(im));
    assertEquals(ErrorKind.CORRUPT_PIXEL_DATA, e.kind());
    assertTrue(e.getMessage().contains("10 bytes short"), e.getMessage());
    // the plain header read still works (the index records the instance's UIDs with the error)
    assertEquals(series0, r.readHeader(im).seriesInstanceUid());

    // Cut inside the header: no pixel data at all.
    Path im2 = tmp.resolve("S000001/image/IM0002.dcm");
    try (RandomAccessFile raf = new RandomAccessFile(im2.toFile(), "rw")) {
      raf.setLength(size / 20);
    }
    RadiomicsException e2 = assertThrows(RadiomicsException.class, () -> r.readHeaderChecked(im2));
    assertTrue(e2.kind() == ErrorKind.CORRUPT_PIXEL_DATA || e2.kind() == ErrorKind.UNREADABLE_FILE, e2.toString());

    Path text = tmp.resolve("notes.txt");
    Files.writeString(text, "not a DICOM file\n");
    assertEquals(ErrorKind.UNREADABLE_FILE,
        assertThrows(RadiomicsException.class, () -> r.readHeaderChecked(text)).kind());
  }
}
