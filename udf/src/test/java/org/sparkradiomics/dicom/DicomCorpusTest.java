package org.sparkradiomics.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.testing.RefData;

/**
 * Every file of the DICOM corpus (pydicom and highdicom test files) is either decoded and validated, or rejected
 * with a typed reason; the expected outcome of each file is listed explicitly below.
 */
class DicomCorpusTest {
  private static final DicomReader READER = new DicomReader(new Pseudonymizer(new byte[] {7}), false);
  private static final String DECODED = "DECODED";

  /** The outcome table: corpus-relative file, DECODED or the ErrorKind name, and why. */
  static Stream<Arguments> outcomes() {
    return Stream.of(
        arguments("highdicom/ct_image.dcm", DECODED, "CT 16-bit signed, explicit LE"),
        arguments("highdicom/dx_image.dcm", DECODED, "DX 8-bit MONOCHROME1"),
        arguments("highdicom/seg_image_cr_binary.dcm", DECODED, "1-bit SEG, native"),
        arguments("highdicom/seg_image_ct_binary.dcm", DECODED, "1-bit SEG, implicit LE"),
        arguments("highdicom/seg_image_ct_binary_fractional.dcm", DECODED, "8-bit FRACTIONAL SEG"),
        arguments("highdicom/seg_image_ct_binary_overlap.dcm", DECODED, "1-bit SEG, 8 frames"),
        arguments("highdicom/seg_image_ct_binary_single_frame.dcm", DECODED, "1-bit SEG 128x128"),
        arguments("highdicom/seg_image_ct_true_fractional.dcm", DECODED, "8-bit FRACTIONAL SEG"),
        arguments("highdicom/seg_image_sm_control.dcm", DECODED, "1-bit SEG, bit-packed across frames"),
        arguments("highdicom/seg_image_sm_control_labelmap.dcm", DECODED, "8-bit LABELMAP SEG"),
        arguments("highdicom/seg_image_sm_control_labelmap_palette_color.dcm", DECODED,
            "LABELMAP SEG with 8-bit palette packed two entries per word"),
        arguments("highdicom/seg_image_sm_dots.dcm", DECODED, "1-bit SEG, 62 frames (not byte-aligned)"),
        arguments("highdicom/seg_image_sm_dots_tiled_full.dcm", DECODED, "1-bit SEG, 1250 frames"),
        arguments("highdicom/seg_image_sm_numbers.dcm", DECODED, "1-bit SEG"),
        arguments("highdicom/sm_annotations.dcm", "MISSING_ATTRIBUTE", "microscopy annotations: no pixel data"),
        arguments("highdicom/sm_image.dcm", DECODED, "RGB tiled microscopy"),
        arguments("highdicom/sm_image_control.dcm", DECODED, "RGB tiled microscopy"),
        arguments("highdicom/sm_image_dots.dcm", DECODED, "RGB tiled microscopy"),
        arguments("highdicom/sm_image_grayscale.dcm", DECODED, "16-bit grey microscopy"),
        arguments("highdicom/sm_image_grayscale_reversed.dcm", DECODED, "16-bit grey microscopy"),
        arguments("highdicom/sm_image_jpegls.dcm", "UNSUPPORTED_TRANSFER_SYNTAX", "JPEG-LS"),
        arguments("highdicom/sm_image_jpegls_nobot.dcm", "UNSUPPORTED_TRANSFER_SYNTAX", "JPEG-LS"),
        arguments("highdicom/sm_image_numbers.dcm", DECODED, "RGB tiled microscopy"),
        arguments("highdicom/sr_document.dcm", "MISSING_ATTRIBUTE", "SR: no pixel data"),
        arguments("highdicom/sr_document_with_multiple_groups.dcm", "MISSING_ATTRIBUTE", "SR: no pixel data"),
        arguments("pydicom/693_J2KI.dcm", DECODED, "JPEG 2000, signed 14-bit"),
        arguments("pydicom/CT_small.dcm", DECODED, "CT 16-bit signed"),
        arguments("pydicom/ExplVR_BigEnd.dcm", DECODED, "big endian RGB"),
        arguments("pydicom/ExplVR_BigEndNoMeta.dcm", "MISSING_ATTRIBUTE", "RT plan: no pixel data"),
        arguments("pydicom/ExplVR_LitEndNoMeta.dcm", "MISSING_ATTRIBUTE", "RT plan: no pixel data"),
        arguments("pydicom/GDCMJ2K_TextGBR.dcm", DECODED, "JPEG 2000 lossless YBR_RCT -> RGB"),
        arguments("pydicom/J2K_pixelrep_mismatch.dcm", DECODED,
            "JPEG 2000 unsigned codestream, PixelRepresentation 1: sign-extended from BitsStored 13"),
        arguments("pydicom/JPEG-lossy.dcm", "UNSUPPORTED_TRANSFER_SYNTAX", "12-bit JPEG extended"),
        arguments("pydicom/JPEG2000-embedded-sequence-delimiter.dcm", "CORRUPT_PIXEL_DATA",
            "fragment contains a sequence delimiter; PixelMed's fragment parsing cuts the codestream, codec fails"),
        arguments("pydicom/JPEG2000.dcm", DECODED, "JPEG 2000 signed 16-bit"),
        arguments("pydicom/JPEGLSNearLossless_08.dcm", "UNSUPPORTED_TRANSFER_SYNTAX", "JPEG-LS near lossless"),
        arguments("pydicom/JPEGLSNearLossless_16.dcm", "UNSUPPORTED_TRANSFER_SYNTAX", "JPEG-LS near lossless"),
        arguments("pydicom/JPGExtended.dcm", "UNSUPPORTED_TRANSFER_SYNTAX", "12-bit JPEG extended"),
        arguments("pydicom/MR_small.dcm", DECODED, "MR signed 16-bit explicit LE"),
        arguments("pydicom/MR_small_RLE.dcm", DECODED, "RLE twin"),
        arguments("pydicom/MR_small_bigendian.dcm", DECODED, "big endian twin"),
        arguments("pydicom/MR_small_expb.dcm", DECODED, "big endian twin"),
        arguments("pydicom/MR_small_implicit.dcm", DECODED, "implicit LE twin"),
        arguments("pydicom/MR_small_jp2klossless.dcm", DECODED, "JPEG 2000 lossless twin"),
        arguments("pydicom/MR_small_jpeg_ls_lossless.dcm", "UNSUPPORTED_TRANSFER_SYNTAX", "JPEG-LS"),
        arguments("pydicom/MR_small_padded.dcm", DECODED, "128 bytes of trailing padding ignored"),
        arguments("pydicom/MR_truncated.dcm", "CORRUPT_PIXEL_DATA", "truncated pixel data"),
        arguments("pydicom/SC_jpeg_no_color_transform.dcm", DECODED, "JPEG baseline RGB without transform"),
        arguments("pydicom/SC_jpeg_no_color_transform_2.dcm", DECODED, "JPEG baseline RGB (Adobe APP14)"),
        arguments("pydicom/SC_rgb_dcmtk_+eb+cr.dcm", DECODED, "JPEG baseline RGB"),
        arguments("pydicom/SC_rgb_dcmtk_+eb+cy+n1.dcm", DECODED, "JPEG baseline YBR_FULL"),
        arguments("pydicom/SC_rgb_dcmtk_+eb+cy+n2.dcm", DECODED, "JPEG baseline YBR_FULL"),
        arguments("pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm", DECODED, "JPEG baseline YBR_FULL_422"),
        arguments("pydicom/SC_rgb_dcmtk_+eb+cy+s2.dcm", DECODED, "JPEG baseline YBR_FULL_422"),
        arguments("pydicom/SC_rgb_dcmtk_+eb+cy+s4.dcm", DECODED, "JPEG baseline YBR_FULL"),
        arguments("pydicom/SC_rgb_gdcm_KY.dcm", DECODED, "JPEG 2000 RGB"),
        arguments("pydicom/SC_rgb_jls_lossy_line.dcm", "UNSUPPORTED_TRANSFER_SYNTAX", "JPEG-LS"),
        arguments("pydicom/SC_rgb_jls_lossy_sample.dcm", "UNSUPPORTED_TRANSFER_SYNTAX", "JPEG-LS"),
        arguments("pydicom/SC_rgb_jpeg.dcm", "UNREADABLE_FILE", "malformed data set (bad value length)"),
        arguments("pydicom/SC_rgb_jpeg_app14_dcmd.dcm", DECODED, "JPEG baseline RGB (Adobe APP14)"),
        arguments("pydicom/SC_rgb_jpeg_dcmd.dcm", DECODED, "uncompressed RGB"),
        arguments("pydicom/SC_rgb_jpeg_dcmtk.dcm", DECODED, "JPEG baseline YBR_FULL"),
        arguments("pydicom/SC_rgb_jpeg_gdcm.dcm", DECODED, "JPEG lossless SV1 RGB"),
        arguments("pydicom/SC_rgb_jpeg_lossy_gdcm.dcm", DECODED, "JPEG baseline YBR_FULL"),
        arguments("pydicom/SC_rgb_rle.dcm", DECODED, "RLE RGB 8-bit"),
        arguments("pydicom/SC_rgb_rle_16bit.dcm", "UNSUPPORTED_PIXEL_FORMAT", "16-bit colour RLE"),
        arguments("pydicom/SC_rgb_rle_16bit_2frame.dcm", "UNSUPPORTED_PIXEL_FORMAT", "16-bit colour RLE"),
        arguments("pydicom/SC_rgb_rle_2frame.dcm", DECODED, "RLE RGB 8-bit, 2 frames"),
        arguments("pydicom/SC_rgb_rle_32bit.dcm", "UNSUPPORTED_PIXEL_FORMAT", "32-bit integer"),
        arguments("pydicom/SC_rgb_rle_32bit_2frame.dcm", "UNSUPPORTED_PIXEL_FORMAT", "32-bit integer"),
        arguments("pydicom/SC_rgb_small_odd.dcm", DECODED, "3x3 RGB, odd length (OW)"),
        arguments("pydicom/SC_rgb_small_odd_big_endian.dcm", DECODED, "3x3 RGB big endian (OW)"),
        arguments("pydicom/SC_rgb_small_odd_jpeg.dcm", DECODED, "3x3 JPEG baseline"),
        arguments("pydicom/SC_ybr_full_422_uncompressed.dcm", DECODED, "native YBR_FULL_422 expanded"),
        arguments("pydicom/UN_sequence.dcm", "MISSING_ATTRIBUTE", "no pixel data"),
        arguments("pydicom/badVR.dcm", "UNSUPPORTED_PIXEL_FORMAT", "32-bit integer RT dose"),
        arguments("pydicom/dicomdir_77654033_CR1_6154.dcm", DECODED, "CR MONOCHROME1 12-bit"),
        arguments("pydicom/dicomdir_77654033_CT2_17106.dcm", DECODED, "CT"),
        arguments("pydicom/dicomdir_98892003_MR1_15820.dcm", DECODED, "MR"),
        arguments("pydicom/empty_charset_LEI.dcm", "UNREADABLE_FILE", "no SOP class, no image module"),
        arguments("pydicom/examples_jpeg2k.dcm", DECODED, "JPEG 2000 lossless YBR_RCT US"),
        arguments("pydicom/examples_overlay.dcm", DECODED, "12-bit MR with overlay"),
        arguments("pydicom/examples_palette.dcm", DECODED, "PALETTE COLOR US"),
        arguments("pydicom/examples_rgb_color.dcm", DECODED, "RGB US"),
        arguments("pydicom/examples_ybr_color.dcm", DECODED, "JPEG baseline YBR_FULL_422, 30 frames"),
        arguments("pydicom/image_dfl.dcm", DECODED, "deflated explicit LE"),
        arguments("pydicom/liver_1frame.dcm", DECODED, "1-bit SEG 512x512"),
        arguments("pydicom/liver_expb_1frame.dcm", DECODED, "1-bit SEG big endian"),
        arguments("pydicom/meta_missing_tsyntax.dcm", "MISSING_ATTRIBUTE", "no pixel data"),
        arguments("pydicom/nested_priv_SQ.dcm", "MISSING_ATTRIBUTE", "no pixel data"),
        arguments("pydicom/no_meta.dcm", "UNREADABLE_FILE", "no preamble/meta and misaligned start"),
        arguments("pydicom/no_meta_group_length.dcm", "MISSING_ATTRIBUTE", "no pixel data"),
        arguments("pydicom/priv_SQ.dcm", "MISSING_ATTRIBUTE", "no pixel data"),
        arguments("pydicom/reportsi.dcm", "MISSING_ATTRIBUTE", "SR"),
        arguments("pydicom/reportsi_with_empty_number_tags.dcm", "MISSING_ATTRIBUTE", "SR"),
        arguments("pydicom/rtdose.dcm", "UNSUPPORTED_PIXEL_FORMAT", "32-bit integer dose"),
        arguments("pydicom/rtdose_1frame.dcm", "UNSUPPORTED_PIXEL_FORMAT", "32-bit integer dose"),
        arguments("pydicom/rtdose_expb.dcm", "UNSUPPORTED_PIXEL_FORMAT", "32-bit integer dose"),
        arguments("pydicom/rtdose_expb_1frame.dcm", "UNSUPPORTED_PIXEL_FORMAT", "32-bit integer dose"),
        arguments("pydicom/rtdose_rle.dcm", "UNSUPPORTED_PIXEL_FORMAT", "32-bit integer dose (RLE)"),
        arguments("pydicom/rtdose_rle_1frame.dcm", "UNSUPPORTED_PIXEL_FORMAT", "32-bit integer dose (RLE)"),
        arguments("pydicom/rtplan.dcm", "MISSING_ATTRIBUTE", "RT plan"),
        arguments("pydicom/rtplan_truncated.dcm", "MISSING_ATTRIBUTE", "RT plan"),
        arguments("pydicom/rtstruct.dcm", "MISSING_ATTRIBUTE", "RT structure set"),
        arguments("pydicom/test-SR.dcm", "MISSING_ATTRIBUTE", "SR"),
        arguments("pydicom/waveform_ecg.dcm", "MISSING_ATTRIBUTE", "waveform"));
  }

  static Path corpus(String rel) {
    return RefData.require("dicom-corpus/" + rel);
  }

  static DecodedFrames decode(String rel) {
    return READER.decode(corpus(rel));
  }

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @MethodSource("outcomes")
  void corpusFileHasItsExpectedOutcome(String file, String expected, String why) {
    Path p = corpus(file);
    if (expected.equals(DECODED)) {
      DicomMetadata m = READER.readHeader(p);
      DecodedFrames d = READER.decode(p);
      assertEquals((long) m.rows() * m.columns() * Math.max(1, m.numberOfFrames()) * d.samples(), d.sampleCount(),
          "validated sample count");
      assertEquals(m.rows(), d.rows());
      assertEquals(m.columns(), d.columns());
    } else {
      RadiomicsException e = assertThrows(RadiomicsException.class, () -> READER.decode(p));
      assertEquals(ErrorKind.valueOf(expected), e.kind(), e.getMessage());
    }
  }

  @Test
  void outcomeTableListsEveryCorpusFile() throws IOException {
    Path root = RefData.require("dicom-corpus");
    Set<String> onDisk;
    try (Stream<Path> s = Files.walk(root)) {
      onDisk = s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> listed = outcomes().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(onDisk, listed);
  }

  @Test
  void headersOfRejectedCodecsStillYieldMetadata() {
    DicomMetadata m = READER.readHeader(corpus("pydicom/MR_small_jpeg_ls_lossless.dcm"));
    assertEquals("MR", m.modality());
    assertEquals(64, m.rows());
    assertEquals("1.2.840.10008.1.2.4.80", m.transferSyntaxUid());
    DicomMetadata t = READER.readHeader(corpus("pydicom/MR_truncated.dcm"));
    assertEquals(64, t.columns());
  }

  private static void assertSamePixels(String reference, String... twins) {
    DecodedFrames ref = decode(reference);
    for (String t : twins) {
      DecodedFrames d = decode(t);
      assertEquals(ref.rows(), d.rows(), t);
      assertEquals(ref.columns(), d.columns(), t);
      assertEquals(ref.frames(), d.frames(), t);
      assertEquals(ref.samples(), d.samples(), t);
      assertEquals(ref.photometric(), d.photometric(), t);
      assertArrayEquals(ref.intValues(), d.intValues(), t + " differs from " + reference);
      assertEquals(ref.sha256(), d.sha256());
    }
  }

  @Test
  void losslessTwinsDecodeToIdenticalPixels() {
    assertSamePixels("pydicom/MR_small.dcm", "pydicom/MR_small_RLE.dcm", "pydicom/MR_small_bigendian.dcm",
        "pydicom/MR_small_expb.dcm", "pydicom/MR_small_implicit.dcm", "pydicom/MR_small_jp2klossless.dcm",
        "pydicom/MR_small_padded.dcm");
    assertSamePixels("pydicom/CT_small.dcm", "highdicom/ct_image.dcm");
    assertSamePixels("pydicom/SC_rgb_rle.dcm", "pydicom/SC_rgb_jpeg_gdcm.dcm", "pydicom/SC_rgb_gdcm_KY.dcm");
    assertSamePixels("pydicom/SC_rgb_small_odd.dcm", "pydicom/SC_rgb_small_odd_big_endian.dcm");
    assertSamePixels("pydicom/liver_1frame.dcm", "pydicom/liver_expb_1frame.dcm");
    // the first frame of the two-frame RLE file is SC_rgb_rle
    DecodedFrames one = decode("pydicom/SC_rgb_rle.dcm");
    DecodedFrames two = decode("pydicom/SC_rgb_rle_2frame.dcm");
    assertArrayEquals(one.intValues(), Arrays.copyOf(two.intValues(), one.sampleCount()));
  }

  @Test
  void knownValuesOfMrSmall() {
    // MR_small.dcm, first row starts 905, 1019, 1227, 1259 (pydicom's test suite checks the same values)
    DecodedFrames d = decode("pydicom/MR_small.dcm");
    assertArrayEquals(new int[] {905, 1019, 1227, 1259}, Arrays.copyOf(d.intValues(), 4));
    assertTrue(d.signed());
  }

  /** Mean absolute difference of two 8-bit colour decodes (lossy against lossless). */
  private static double meanAbsDiff(DecodedFrames a, DecodedFrames b) {
    assertEquals(a.sampleCount(), b.sampleCount());
    double s = 0;
    for (int i = 0; i < a.sampleCount(); i++) {
      s += Math.abs(a.intValues()[i] - b.intValues()[i]);
    }
    return s / a.sampleCount();
  }

  @Test
  void lossyColourJpegsAreCloseToTheirLosslessOriginal() {
    DecodedFrames ref = decode("pydicom/SC_rgb_rle.dcm");
    for (String f : new String[] {"pydicom/SC_rgb_dcmtk_+eb+cr.dcm", "pydicom/SC_rgb_dcmtk_+eb+cy+n1.dcm",
      "pydicom/SC_rgb_dcmtk_+eb+cy+n2.dcm", "pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm", "pydicom/SC_rgb_dcmtk_+eb+cy+s2.dcm",
      "pydicom/SC_rgb_dcmtk_+eb+cy+s4.dcm", "pydicom/SC_rgb_jpeg_dcmtk.dcm", "pydicom/SC_rgb_jpeg_lossy_gdcm.dcm"}) {
      DecodedFrames d = decode(f);
      assertEquals("RGB", d.photometric(), f);
      double mad = meanAbsDiff(ref, d);
      System.out.printf("lossy %s vs SC_rgb_rle: mean |diff| = %.3f%n", f, mad);
      assertTrue(mad < 3.0, f + " mean abs diff " + mad);
    }
    DecodedFrames big = decode("pydicom/SC_rgb_jpeg_dcmd.dcm");
    for (String f : new String[] {"pydicom/SC_jpeg_no_color_transform.dcm", "pydicom/SC_jpeg_no_color_transform_2.dcm",
      "pydicom/SC_rgb_jpeg_app14_dcmd.dcm"}) {
      double mad = meanAbsDiff(big, decode(f));
      System.out.printf("lossy %s vs SC_rgb_jpeg_dcmd: mean |diff| = %.3f%n", f, mad);
      assertTrue(mad < 3.0, f + " mean abs diff " + mad);
    }
    double mad = meanAbsDiff(decode("pydicom/SC_rgb_small_odd.dcm"), decode("pydicom/SC_rgb_small_odd_jpeg.dcm"));
    System.out.printf("lossy SC_rgb_small_odd_jpeg vs SC_rgb_small_odd: mean |diff| = %.3f%n", mad);
    assertTrue(mad < 6.0, "small odd jpeg " + mad);
  }

  @Test
  void ybr422NativeExpandsToTheSameColoursAsRgb() {
    // SC_ybr_full_422_uncompressed is SC_rgb converted to YBR_FULL_422 (lossy only through chroma subsampling)
    Volume ybr = READER.readSeries(java.util.List.of(corpus("pydicom/SC_ybr_full_422_uncompressed.dcm"))).volume();
    Volume rgb = READER.readSeries(java.util.List.of(corpus("pydicom/SC_rgb_rle.dcm"))).volume();
    assertEquals(3, ybr.channelCount());
    double s = 0;
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < rgb.voxelCount(); i++) {
        s += Math.abs(ybr.channels()[c][i] - rgb.channels()[c][i]);
      }
    }
    double mad = s / (3.0 * rgb.voxelCount());
    System.out.printf("YBR_FULL_422 native vs RGB: mean |diff| = %.3f%n", mad);
    assertTrue(mad < 3.0, "mean abs diff " + mad);
  }

  @Test
  void signedTrapsAreSignExtendedFromBitsStored() {
    // 693_J2KI: JPEG 2000, BitsStored 14, PixelRepresentation 1: every value in the 14-bit signed range
    DecodedFrames j = decode("pydicom/693_J2KI.dcm");
    int[] mm = minMax(j.intValues());
    System.out.println("693_J2KI min/max " + Arrays.toString(mm));
    assertTrue(mm[0] < 0 && mm[0] >= -8192 && mm[1] <= 8191, Arrays.toString(mm));
    // J2K_pixelrep_mismatch: codestream unsigned (PixelMed returns 6192 = 0x1830) but PixelRepresentation 1 with
    // BitsStored 13: 6192 has bit 12 set, so the stored value is 6192 - 8192 = -2000 (air outside the FOV)
    DecodedFrames m = decode("pydicom/J2K_pixelrep_mismatch.dcm");
    assertEquals(-2000, m.intValues()[0]);
    int[] mm2 = minMax(m.intValues());
    System.out.println("J2K_pixelrep_mismatch min/max " + Arrays.toString(mm2));
    assertTrue(mm2[0] >= -4096 && mm2[1] <= 4095);
    // CT_small: signed 16 bit stored
    int[] ct = minMax(decode("pydicom/CT_small.dcm").intValues());
    System.out.println("CT_small min/max " + Arrays.toString(ct));
    assertTrue(ct[1] > ct[0]);
  }

  @Test
  void monochrome1IsInvertedInTheVolume() {
    // dx_image: 8-bit MONOCHROME1, no rescale: volume value = 255 - stored
    Path p = corpus("highdicom/dx_image.dcm");
    DecodedFrames d = READER.decode(p);
    assertEquals("MONOCHROME1", d.photometric());
    Volume v = READER.readSeries(java.util.List.of(p)).volume();
    for (int i = 0; i < d.sampleCount(); i++) {
      assertEquals(255 - d.intValues()[i], v.data()[i], 0.0);
    }
  }

  @Test
  void rgbAndPaletteBecomeChannelsPlusLuminance() {
    Path p = corpus("pydicom/examples_rgb_color.dcm");
    DecodedFrames d = READER.decode(p);
    Volume v = READER.readSeries(java.util.List.of(p)).volume();
    assertEquals(3, v.channelCount());
    int fs = d.frameSize();
    for (int i = 0; i < fs; i += 97) {
      int r = d.intValues()[i];
      int g = d.intValues()[fs + i];
      int b = d.intValues()[2 * fs + i];
      assertEquals(r, v.channels()[0][i], 0.0);
      assertEquals(g, v.channels()[1][i], 0.0);
      assertEquals(b, v.channels()[2][i], 0.0);
      assertEquals(0.299 * r + 0.587 * g + 0.114 * b, v.data()[i], 1e-3);
    }
    Path pal = corpus("pydicom/examples_palette.dcm");
    DecodedFrames pd = READER.decode(pal);
    assertNotNull(pd.palette());
    Volume pv = READER.readSeries(java.util.List.of(pal)).volume();
    assertEquals(3, pv.channelCount());
    for (int i = 0; i < pd.frameSize(); i += 101) {
      for (int c = 0; c < 3; c++) {
        assertEquals(pd.palette().lookup(c, pd.intValues()[i]), pv.channels()[c][i], 0.0);
      }
    }
  }

  @Test
  void multiFrameColourReadsAsStack() {
    Volume v = READER.readSeries(java.util.List.of(corpus("pydicom/examples_ybr_color.dcm"))).volume();
    assertEquals(320, v.nx());
    assertEquals(240, v.ny());
    assertEquals(30, v.nz());
    assertEquals(3, v.channelCount());
  }

  static int[] minMax(int[] a) {
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int v : a) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new int[] {lo, hi};
  }

  @Test
  void unknownFilesAreUnreadable(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Path t = tmp.resolve("notes.txt");
    Files.writeString(t, "this is not DICOM at all, just some text that is long enough to look like data\n".repeat(20));
    try {
      READER.decode(t);
      fail("expected a typed error");
    } catch (RadiomicsException e) {
      assertEquals(ErrorKind.UNREADABLE_FILE, e.kind(), e.getMessage());
    }
  }
}
