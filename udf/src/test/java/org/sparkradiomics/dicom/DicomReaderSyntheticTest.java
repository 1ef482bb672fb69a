package org.sparkradiomics.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Volume;

/** Reader behaviour on small generated files: signed data, MONOCHROME1, rejections, series checks, PHI. */
class DicomReaderSyntheticTest {
  private static final Pseudonymizer KEY = new Pseudonymizer("test-key".getBytes(StandardCharsets.UTF_8));
  private static final DicomReader READER = new DicomReader(KEY, false);

  @TempDir Path tmp;

  private static short[] words(int... v) {
    short[] s = new short[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = (short) v[i];
    }
    return s;
  }

  @Test
  void signedMinus1000HuReadsBackAsMinus1000() {
    SyntheticDicom d = new SyntheticDicom();
    d.rows = 1;
    d.columns = 4;
    d.pixelRepresentation = 1;
    d.words = words(-1000, -1, 0, 1200);
    Path p = tmp.resolve("signed.dcm");
    d.write(p);
    DecodedFrames f = READER.decode(p);
    assertArrayEquals(new int[] {-1000, -1, 0, 1200}, f.intValues());
    Volume v = READER.readSeries(List.of(p)).volume();
    assertArrayEquals(new float[] {-1000, -1, 0, 1200}, v.data());
  }

  @Test
  void twelveBitSignedIsSignExtendedFromBitsStored() {
    // BitsStored 12, PixelRepresentation 1: -1000 is stored as 4096 - 1000 = 3096 (0x0C18) in the low 12 bits;
    // PixelMed hands back the unsigned word 3096, which must become -1000. 2047 stays 2047, 0x0800 is -2048.
    SyntheticDicom d = new SyntheticDicom();
    d.rows = 1;
    d.columns = 3;
    d.bitsStored = 12;
    d.pixelRepresentation = 1;
    d.words = words(0x0C18, 2047, 0x0800);
    Path p = tmp.resolve("s12.dcm");
    d.write(p);
    assertArrayEquals(new int[] {-1000, 2047, -2048}, READER.decode(p).intValues());
  }

  @Test
  void unsignedWithInterceptGivesHu() {
    // unsigned 12-bit stored 24 with RescaleIntercept -1024 -> -1000 HU; bits above HighBit are ignored
    SyntheticDicom d = new SyntheticDicom();
    d.rows = 1;
    d.columns = 2;
    d.bitsStored = 12;
    d.pixelRepresentation = 0;
    d.rescaleIntercept = -1024;
    d.words = words(24, 0xF000 | 24);
    Path p = tmp.resolve("u12.dcm");
    d.write(p);
    assertArrayEquals(new int[] {24, 24}, READER.decode(p).intValues());
    assertArrayEquals(new float[] {-1000, -1000}, READER.readSeries(List.of(p)).volume().data());
  }

  @Test
  void monochrome1IsInvertedWithinTheStoredRange() {
    // unsigned 10-bit MONOCHROME1: v' = 1023 - v ; stored values stay as they are in DecodedFrames
    SyntheticDicom d = new SyntheticDicom();
    d.modality = "CR";
    d.photometric = "MONOCHROME1";
    d.rows = 1;
    d.columns = 3;
    d.bitsStored = 10;
    d.pixelRepresentation = 0;
    d.words = words(0, 100, 1023);
    Path p = tmp.resolve("m1.dcm");
    d.write(p);
    assertArrayEquals(new int[] {0, 100, 1023}, READER.decode(p).intValues());
    assertArrayEquals(new float[] {1023, 923, 0}, READER.readSeries(List.of(p)).volume().data());
  }

  @Test
  void headerCarriesNoPhiAndAPseudonym() {
    SyntheticDicom d = new SyntheticDicom();
    d.words = new short[16];
    Path p = tmp.resolve("phi.dcm");
    d.write(p);
    DicomMetadata m = READER.readHeader(p);
    assertEquals(KEY.pseudonym("PAT-001"), m.pseudonymousPatientId());
    assertEquals(64, m.pseudonymousPatientId().length());
    assertNull(m.studyDate());
    String all = m.toMap().toString();
    assertFalse(all.contains("PAT-001"));
    assertFalse(all.contains("Doe"));
    assertFalse(all.contains("19700101"));
    assertFalse(all.contains("Example Road"));
    assertEquals("20240102", new DicomReader(KEY, true).readHeader(p).studyDate());
    assertEquals("CT", m.modality());
    assertEquals(4, m.rows());
    assertEquals(1.0, m.rescaleSlope());
  }

  @Test
  void pseudonymIsHmacSha256() throws Exception {
    // reference: javax.crypto HmacSHA256 computed independently of Pseudonymizer
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("k".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] h = mac.doFinal("12345".getBytes(StandardCharsets.UTF_8));
    StringBuilder sb = new StringBuilder();
    for (byte b : h) {
      sb.append(String.format("%02x", b));
    }
    Pseudonymizer p = new Pseudonymizer("k".getBytes(StandardCharsets.UTF_8));
    assertEquals(sb.toString(), p.pseudonym("12345"));
    assertEquals(sb.toString(), p.pseudonym(" 12345 "));
    assertNull(p.pseudonym("  "));
    assertTrue(!new Pseudonymizer("other".getBytes(StandardCharsets.UTF_8)).pseudonym("12345").equals(sb.toString()));
  }

  @Test
  void shortPixelDataIsCorrupt() {
    SyntheticDicom d = new SyntheticDicom();
    d.words = new short[15]; // 4x4 needs 16
    Path p = tmp.resolve("short.dcm");
    d.write(p);
    RadiomicsException e = assertThrows(RadiomicsException.class, () -> READER.decode(p));
    assertEquals(ErrorKind.CORRUPT_PIXEL_DATA, e.kind());
  }

  @Test
  void truncatedFileIsCorruptButHeaderReadable() throws IOException {
    SyntheticDicom d = new SyntheticDicom();
    d.rows = 64;
    d.columns = 64;
    d.words = new short[64 * 64];
    Path p = tmp.resolve("full.dcm");
    d.write(p);
    byte[] all = Files.readAllBytes(p);
    Path t = tmp.resolve("truncated.dcm");
    Files.write(t, java.util.Arrays.copyOf(all, all.length - 1000));
    assertEquals(64, READER.readHeader(t).rows());
    RadiomicsException e = assertThrows(RadiomicsException.class, () -> READER.decode(t));
    assertEquals(ErrorKind.CORRUPT_PIXEL_DATA, e.kind(), e.getMessage());
  }

  private Path encapsulated(String name, String ts, int bitsAllocated) {
    SyntheticDicom d = new SyntheticDicom();
    d.transferSyntax = ts;
    d.bitsAllocated = bitsAllocated;
    d.bitsStored = bitsAllocated;
    d.pixelRepresentation = 0;
    if (bitsAllocated == 1) {
      d.modality = "SEG";
      d.sopClassUid = "1.2.840.10008.5.1.4.1.1.66.4";
    }
    // garbage fragment: if a codec were ever called it would fail with CORRUPT_PIXEL_DATA, not a format error
    d.encapsulated = new byte[][] {{1, 2, 3, 4, 5, 6, 7, 8}};
    Path p = tmp.resolve(name);
    d.write(p);
    return p;
  }

  @Test
  void unsupportedEncodingsAreRejectedFromTheHeaderBeforeAnyCodec() {
    Object[][] cases = {
      {"seg_rle.dcm", TransferSyntaxSupport.RLE, 1, ErrorKind.UNSUPPORTED_PIXEL_FORMAT},
      {"seg_j2k.dcm", TransferSyntaxSupport.J2K_LOSSLESS, 1, ErrorKind.UNSUPPORTED_PIXEL_FORMAT},
      {"htj2k.dcm", "1.2.840.10008.1.2.4.201", 16, ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX},
      {"htj2k3.dcm", "1.2.840.10008.1.2.4.203", 16, ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX},
      {"jls.dcm", TransferSyntaxSupport.JPEG_LS_LOSSLESS, 16, ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX},
      {"jpeg12.dcm", TransferSyntaxSupport.JPEG_EXTENDED, 16, ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX},
      {"unknown.dcm", "1.2.3.4.5.6", 16, ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX},
    };
    for (Object[] c : cases) {
      Path p = encapsulated((String) c[0], (String) c[1], (Integer) c[2]);
      assertEquals(c[1], READER.readHeader(p).transferSyntaxUid());
      RadiomicsException e = assertThrows(RadiomicsException.class, () -> READER.decode(p), (String) c[0]);
      assertEquals(c[3], e.kind(), c[0] + ": " + e.getMessage());
    }
    // the same garbage in a supported syntax reaches the codec and is reported as corrupt
    Path j2k = encapsulated("j2k16.dcm", TransferSyntaxSupport.J2K_LOSSLESS, 16);
    assertEquals(ErrorKind.CORRUPT_PIXEL_DATA, assertThrows(RadiomicsException.class, () -> READER.decode(j2k))
        .kind());
  }

  @Test
  void thirtyTwoBitIntegerIsRejected() {
    SyntheticDicom d = new SyntheticDicom();
    d.bitsAllocated = 32;
    d.bitsStored = 32;
    d.words = new short[32];
    Path p = tmp.resolve("i32.dcm");
    d.write(p);
    assertEquals(ErrorKind.UNSUPPORTED_PIXEL_FORMAT,
        assertThrows(RadiomicsException.class, () -> READER.decode(p)).kind());
  }

  private List<Path> series(int n, double dz, String prefix) {
    SyntheticDicom d = new SyntheticDicom();
    d.rows = 2;
    d.columns = 3;
    d.pixelSpacing = new double[] {0.5, 0.7};
    d.position = new double[] {-10, 20, 5};
    List<Path> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      d.words = words(k, k, k, k, k, 100 + k);
      Path p = tmp.resolve(prefix + "_" + (n - k) + ".dcm"); // file names in reverse slice order
      d.write(p);
      out.add(p);
      d = d.next(dz);
      d.rows = 2;
    }
    return out;
  }

  @Test
  void slicesAreSortedAlongTheNormalWithGeometry() {
    List<Path> files = series(4, 2.5, "s");
    DicomSeries s = READER.readSeries(files);
    Volume v = s.volume();
    assertEquals(3, v.nx());
    assertEquals(2, v.ny());
    assertEquals(4, v.nz());
    assertArrayEquals(new double[] {0.7, 0.5, 2.5}, v.spacing(), 1e-9);
    assertArrayEquals(new double[] {-10, 20, 5}, v.origin(), 1e-9);
    assertArrayEquals(Volume.identity(), v.direction(), 1e-12);
    for (int k = 0; k < 4; k++) {
      assertEquals(k, v.get(0, 0, k), 0.0);
      assertEquals(100 + k, v.get(2, 1, k), 0.0);
    }
    Map<String, DicomSeries> folder = READER.readFolder(tmp);
    assertEquals(1, folder.size());
  }

  @Test
  void folderScanSkipsSegRtstructAndReportsUnreadableFiles() throws IOException {
    series(3, 1.0, "f");
    Files.copy(org.sparkradiomics.testing.RefData.require("dicom-corpus/pydicom/rtstruct.dcm"),
        tmp.resolve("rs.dcm"));
    Files.copy(org.sparkradiomics.testing.RefData.require("dicom-corpus/highdicom/seg_image_ct_binary.dcm"),
        tmp.resolve("seg.dcm"));
    Files.writeString(tmp.resolve("notes.txt"), "not dicom\n".repeat(40));
    DicomReader.FolderScan scan = READER.scanFolder(tmp);
    assertEquals(1, scan.series().size());
    assertEquals(3, scan.series().values().iterator().next().size());
    assertEquals(1, scan.failures().size());
    assertEquals(ErrorKind.UNREADABLE_FILE, scan.failures().values().iterator().next().kind());
    assertEquals(3, READER.readFolder(tmp).values().iterator().next().volume().nz());
  }

  @Test
  void nonUniformSpacingAndDuplicatesAreInconsistent() {
    List<Path> files = series(3, 2.0, "u");
    SyntheticDicom extra = new SyntheticDicom();
    extra.rows = 2;
    extra.columns = 3;
    extra.pixelSpacing = new double[] {0.5, 0.7};
    extra.position = new double[] {-10, 20, 5 + 2.0 * 2 + 3.0}; // gap of 5 instead of 2
    extra.words = new short[6];
    Path gap = tmp.resolve("gap.dcm");
    extra.write(gap);
    List<Path> withGap = new ArrayList<>(files);
    withGap.add(gap);
    assertEquals(ErrorKind.INCONSISTENT_SERIES,
        assertThrows(RadiomicsException.class, () -> READER.readSeries(withGap)).kind());
    List<Path> dup = new ArrayList<>(files);
    dup.add(files.get(0));
    assertEquals(ErrorKind.INCONSISTENT_SERIES,
        assertThrows(RadiomicsException.class, () -> READER.readSeries(dup)).kind());
  }

  @Test
  void enhancedMultiFrameUsesPerFramePositionAndRescale() {
    SyntheticDicom d = new SyntheticDicom();
    d.rows = 1;
    d.columns = 2;
    d.frames = 3;
    // frames stored out of order along z, each with its own rescale
    d.perFramePositions = new double[][] {{0, 0, 6}, {0, 0, 0}, {0, 0, 3}};
    d.perFrameRescale = new double[][] {{1, -1000}, {2, 0}, {1, 10}};
    d.words = words(1, 2, 3, 4, 5, 6);
    Path p = tmp.resolve("enh.dcm");
    d.write(p);
    DicomSeries s = READER.readSeries(List.of(p));
    Volume v = s.volume();
    assertEquals(3, v.nz());
    assertEquals(3.0, v.spacing(2), 1e-9);
    // z=0 is frame 2 (stored 3,4; slope 2) ; z=1 frame 3 (5,6; +10) ; z=2 frame 1 (1,2; -1000)
    assertArrayEquals(new float[] {6, 8, 15, 16, -999, -998}, v.data());
    assertEquals(2, s.sliceFrameNumber(0));
    assertEquals(1, s.sliceFrameNumber(2));
  }

  @Test
  void floatPixelDataIsReadAsDoubles() {
    SyntheticDicom d = new SyntheticDicom();
    d.rows = 1;
    d.columns = 2;
    d.bitsAllocated = 32;
    d.bitsStored = 32;
    d.words = null;
    Path p = tmp.resolve("float.dcm");
    d.write(p);
    // add Float Pixel Data with PixelMed directly (SyntheticDicom writes integer data only)
    FloatWriter.writeFloatPixels(p, new float[] {1.5f, -2.25f});
    DecodedFrames f = READER.decode(p);
    assertTrue(f.isFloat());
    assertArrayEquals(new double[] {1.5, -2.25}, f.doubleValues(), 0.0);
  }

  @Test
  void headerReadStopsBeforePixelDataButNotInsideIconImages() throws Exception {
    SyntheticDicom d = new SyntheticDicom();
    d.words = new short[16];
    Path p = tmp.resolve("icon.dcm");
    d.write(p);
    // add an icon image (pixel data nested in a sequence) and a top-level element after it
    com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
    l.read(p.toFile());
    com.pixelmed.dicom.SequenceAttribute icon =
        new com.pixelmed.dicom.SequenceAttribute(com.pixelmed.dicom.TagFromName.IconImageSequence);
    com.pixelmed.dicom.AttributeList item = new com.pixelmed.dicom.AttributeList();
    item.putNewAttribute(com.pixelmed.dicom.TagFromName.Rows).addValue(2);
    item.putNewAttribute(com.pixelmed.dicom.TagFromName.Columns).addValue(2);
    com.pixelmed.dicom.OtherByteAttribute px =
        new com.pixelmed.dicom.OtherByteAttribute(com.pixelmed.dicom.TagFromName.PixelData);
    px.setValues(new byte[] {1, 2, 3, 4});
    item.put(px);
    icon.addItem(item);
    l.put(icon);
    l.putNewAttribute(com.pixelmed.dicom.TagFromName.PresentationLUTShape).addValue("IDENTITY");
    l.write(p.toFile(), TransferSyntaxSupport.EXPLICIT_LE, true, true);
    com.pixelmed.dicom.AttributeList h = DicomReader.readList(p, true);
    assertTrue(h.get(com.pixelmed.dicom.TagFromName.PixelData) == null, "top-level pixel data not read");
    assertTrue(h.get(com.pixelmed.dicom.TagFromName.PresentationLUTShape) != null, "parse continued after icon");
    assertEquals(4, READER.readHeader(p).rows());
    assertEquals(16, READER.decode(p).sampleCount());
  }

  @Test
  void oddLengthEightBitDataWithPadByteDecodes() {
    // 1x3 8-bit: 3 bytes of pixels, written with the even-length pad byte
    SyntheticDicom d = new SyntheticDicom();
    d.rows = 1;
    d.columns = 3;
    d.bitsAllocated = 8;
    d.bitsStored = 8;
    d.pixelRepresentation = 0;
    d.modality = "OT";
    d.bytes = new byte[] {5, (byte) 200, 7};
    Path p = tmp.resolve("odd8.dcm");
    d.write(p);
    assertArrayEquals(new int[] {5, 200, 7}, READER.decode(p).intValues());
  }
}
