package org.sparkradiomics.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CompressedFrameDecoder;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;

/**
 * Reads DICOM files with PixelMed and validates every decode.
 *
 * <ul>
 *   <li>{@link #readHeader} parses the data set up to, not including, the pixel data (no codec runs), so metadata
 *       is available even for syntaxes we reject.
 *   <li>{@link #decode} returns the stored values of every frame ({@link DecodedFrames}). The transfer syntax and
 *       pixel format are checked against {@link TransferSyntaxSupport} from the header before any codec is called.
 *       Native pixel data must hold at least Rows*Columns*Frames*Samples values; trailing padding of less than one
 *       frame is ignored (as pydicom does), anything shorter or a whole frame longer is
 *       {@link ErrorKind#CORRUPT_PIXEL_DATA}. Encapsulated data must have NumberOfFrames fragments-frames and every
 *       decoded frame must be exactly Columns x Rows with SamplesPerPixel bands, else CORRUPT_PIXEL_DATA. A pixel
 *       module without pixel data (e.g. a truncated file, which PixelMed reads without complaint) is
 *       CORRUPT_PIXEL_DATA.
 *   <li>{@link #readSeries} / {@link #readFolder} build a {@link DicomSeries}: slices sorted along the slice normal,
 *       uniform orientation, size, pixel spacing and slice spacing checked ({@link ErrorKind#INCONSISTENT_SERIES}),
 *       per-frame rescale applied, MONOCHROME1 inverted, colour turned into channels plus luminance.
 * </ul>
 */
public final class DicomReader {
  /** Relative tolerance for slice spacing uniformity (plus {@link #SPACING_TOL_MM} absolute). */
  static final double SPACING_TOL_REL = 0.01;
  static final double SPACING_TOL_MM = 0.005;
  /** Tolerance on direction cosines between slices. */
  static final double ORIENTATION_TOL = 1e-4;

  private final Pseudonymizer pseudonymizer;
  private final boolean keepStudyDate;

  /** Reader with the environment pseudonymisation key (or the insecure default) that drops StudyDate. */
  public DicomReader() {
    this(Pseudonymizer.fromEnvironmentOrDefault(), false);
  }

  public DicomReader(Pseudonymizer pseudonymizer, boolean keepStudyDate) {
    this.pseudonymizer = pseudonymizer;
    this.keepStudyDate = keepStudyDate;
  }

  // ---------------------------------------------------------------- reading

  static AttributeList readList(Path path, boolean headerOnly) {
    File f = path.toFile();
    if (!f.isFile()) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, path + ": not a readable file");
    }
    AttributeList l = new AttributeList();
    l.setDecompressPixelData(false);
    try {
      if (headerOnly) {
        // stop at the first top-level element of group 7FE0 (Float/Double Float/Pixel Data): nothing of the pixel
        // data is read, and pixel data nested in sequences (icon images) does not stop the parse
        final AttributeList top = l;
        l.read(f, (list, tag, offset) -> list == top && tag.getGroup() >= 0x7FE0 && tag.getGroup() < 0xFFFA);
      } else {
        l.read(f);
      }
    } catch (DicomException | IOException | RuntimeException | StackOverflowError e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, path + ": cannot parse DICOM: " + e, e);
    }
    if (l.get(TagFromName.SOPClassUID) == null && l.get(TagFromName.MediaStorageSOPClassUID) == null
        && l.get(TagFromName.Rows) == null) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, path
          + ": no SOPClassUID and no image pixel module: not a DICOM instance");
    }
    return l;
  }

  /** Header-only metadata (PHI-free). */
  public DicomMetadata readHeader(Path path) {
    return metadata(readList(path, true));
  }

  DicomMetadata metadata(AttributeList l) {
    PixelHeader h = PixelHeader.of(l);
    List<FrameGeometry> g = FrameGeometry.of(l, 1);
    FrameGeometry g0 = g.get(0);
    String sopClass = Attrs.str(l, TagFromName.SOPClassUID);
    if (sopClass == null) {
      sopClass = Attrs.str(l, TagFromName.MediaStorageSOPClassUID);
    }
    boolean image = h.rows > 0 && h.columns > 0;
    DicomMetadata.Builder b = DicomMetadata.builder()
        .sopInstanceUid(Attrs.str(l, TagFromName.SOPInstanceUID))
        .seriesInstanceUid(Attrs.str(l, TagFromName.SeriesInstanceUID))
        .studyInstanceUid(Attrs.str(l, TagFromName.StudyInstanceUID))
        .sopClassUid(sopClass)
        .frameOfReferenceUid(Attrs.str(l, TagFromName.FrameOfReferenceUID))
        .modality(Attrs.str(l, TagFromName.Modality))
        .manufacturer(Attrs.str(l, TagFromName.Manufacturer))
        .manufacturerModelName(Attrs.str(l, TagFromName.ManufacturerModelName))
        .institutionName(Attrs.str(l, TagFromName.InstitutionName))
        .kvp(Attrs.dbl(l, Attrs.KVP))
        .sliceThickness(g0.sliceThickness)
        .pixelSpacing(g0.pixelSpacing)
        .bodyPartExamined(Attrs.str(l, TagFromName.BodyPartExamined))
        .studyDate(keepStudyDate ? Attrs.str(l, TagFromName.StudyDate) : null)
        .pseudonymousPatientId(pseudonymizer.pseudonym(Attrs.str(l, TagFromName.PatientID)))
        .transferSyntaxUid(Attrs.str(l, TagFromName.TransferSyntaxUID))
        .instanceNumber(Attrs.intOrNull(l, TagFromName.InstanceNumber))
        .imagePositionPatient(g0.position)
        .imageOrientationPatient(g0.orientation)
        .rescaleSlope(g0.slope)
        .rescaleIntercept(g0.intercept);
    maskReferences(l, sopClass, b);
    if (image) {
      b.rows(h.rows).columns(h.columns).numberOfFrames(h.frames).samplesPerPixel(h.samples)
          .bitsAllocated(h.bitsAllocated).bitsStored(h.bitsStored).pixelRepresentation(h.pixelRepresentation)
          .photometricInterpretation(h.photometric);
    }
    return b.build();
  }

  /** Referenced series and segments / ROIs of a SEG or RTSTRUCT header (nothing for other SOP classes). */
  private static void maskReferences(AttributeList l, String sopClass, DicomMetadata.Builder b) {
    if (sopClass == null) {
      return;
    }
    java.util.LinkedHashSet<String> refs = new java.util.LinkedHashSet<>();
    List<DicomMetadata.MaskItem> items = new ArrayList<>();
    if (sopClass.startsWith("1.2.840.10008.5.1.4.1.1.66")) {
      for (AttributeList it : Attrs.items(l, TagFromName.ReferencedSeriesSequence)) {
        String uid = Attrs.str(it, TagFromName.SeriesInstanceUID);
        if (uid != null) {
          refs.add(uid);
        }
      }
      for (AttributeList s : Attrs.items(l, TagFromName.SegmentSequence)) {
        items.add(new DicomMetadata.MaskItem(Attrs.intOr(s, TagFromName.SegmentNumber, -1),
            Attrs.str(s, TagFromName.SegmentLabel)));
      }
    } else if (sopClass.equals("1.2.840.10008.5.1.4.1.1.481.3")) {
      for (AttributeList fr : Attrs.items(l, Attrs.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE)) {
        for (AttributeList st : Attrs.items(fr, Attrs.RT_REFERENCED_STUDY_SEQUENCE)) {
          for (AttributeList se : Attrs.items(st, Attrs.RT_REFERENCED_SERIES_SEQUENCE)) {
            String uid = Attrs.str(se, TagFromName.SeriesInstanceUID);
            if (uid != null) {
              refs.add(uid);
            }
          }
        }
      }
      for (AttributeList r : Attrs.items(l, Attrs.STRUCTURE_SET_ROI_SEQUENCE)) {
        items.add(new DicomMetadata.MaskItem(Attrs.intOr(r, Attrs.ROI_NUMBER, -1), Attrs.str(r, Attrs.ROI_NAME)));
      }
    } else {
      return;
    }
    b.referencedSeriesUids(new ArrayList<>(refs)).maskItems(items);
  }

  /**
   * {@link #readHeader} plus a cheap completeness check of the pixel data, for indexing: no pixel data is decoded
   * and only the header is parsed. An instance with an image pixel module whose file ends before its Pixel Data
   * element, or before the end of a defined-length Pixel Data value (a truncated copy), is
   * {@link ErrorKind#CORRUPT_PIXEL_DATA}; PixelMed itself reads such files without complaint. Encapsulated
   * (undefined-length) and deflated pixel data are only checked for presence.
   */
  public DicomMetadata readHeaderChecked(Path path) {
    long[] pixelTagOffset = {-1};
    int[] pixelTag = new int[2];
    AttributeList l = new AttributeList();
    l.setDecompressPixelData(false);
    File f = path.toFile();
    if (!f.isFile()) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, path + ": not a readable file");
    }
    checkLooksLikeDicom(path);
    try {
      final AttributeList top = l;
      l.read(f, (list, tag, offset) -> {
        boolean stop = list == top && tag.getGroup() >= 0x7FE0 && tag.getGroup() < 0xFFFA;
        if (stop && pixelTagOffset[0] < 0) {
          pixelTagOffset[0] = offset;
          pixelTag[0] = tag.getGroup();
          pixelTag[1] = tag.getElement();
        }
        return stop;
      });
    } catch (DicomException | IOException | RuntimeException | StackOverflowError e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, path + ": cannot parse DICOM: " + e, e);
    }
    if (l.get(TagFromName.SOPClassUID) == null && l.get(TagFromName.MediaStorageSOPClassUID) == null
        && l.get(TagFromName.Rows) == null) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, path
          + ": no SOPClassUID and no image pixel module: not a DICOM instance");
    }
    DicomMetadata m = metadata(l);
    if (m.isImage()) {
      checkPixelDataExtent(path, f.length(), pixelTagOffset[0], pixelTag, m.transferSyntaxUid());
    }
    return m;
  }

  /**
   * A cheap sniff before PixelMed parses an arbitrary file (an index lists every file of an export): either the
   * Part 10 preamble ({@code DICM} at byte 128), or a data set without preamble that starts with a group 0x0002 or
   * 0x0008 element in little or big endian. Anything else (text, CSV, images) is {@link ErrorKind#UNREADABLE_FILE}
   * without parsing, so a text file is never read as a DICOM element with a gigabyte value length.
   */
  static void checkLooksLikeDicom(Path path) {
    byte[] head = new byte[132];
    int n;
    try (java.io.InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, path + ": cannot read: " + e, e);
    }
    if (n == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
      return;
    }
    if (n >= 8) {
      int le = (head[0] & 0xFF) | ((head[1] & 0xFF) << 8);
      int be = ((head[0] & 0xFF) << 8) | (head[1] & 0xFF);
      if (le == 0x0002 || le == 0x0008 || be == 0x0002 || be == 0x0008) {
        return;
      }
    }
    throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, path
        + ": not DICOM (no DICM preamble and no group 0002/0008 element at the start)");
  }

  /**
   * Checks that the file holds the whole Pixel Data value whose tag PixelMed reported at byte {@code reported}
   * (-1: never reached). PixelMed reports the position just after the 4 tag bytes; the tag start is located by
   * matching the tag bytes at {@code reported - 4} (or at {@code reported}), and nothing is concluded when neither
   * matches.
   */
  private static void checkPixelDataExtent(Path path, long fileSize, long reported, int[] tag, String ts) {
    if (reported < 0) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, path
          + ": image pixel module present but the file ends before its Pixel Data (truncated file)");
    }
    String syntax = ts == null ? TransferSyntaxSupport.IMPLICIT_LE : ts;
    if (syntax.equals("1.2.840.10008.1.2.1.99")) {
      return; // deflated: offsets refer to the inflated stream
    }
    boolean implicit = syntax.equals(TransferSyntaxSupport.IMPLICIT_LE);
    boolean bigEndian = syntax.equals("1.2.840.10008.1.2.2");
    int lengthAt = implicit ? 4 : 8;
    int headerBytes = implicit ? 8 : 12;
    byte[] len = new byte[4];
    long tagOffset = -1;
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(path.toFile(), "r")) {
      for (long candidate : new long[] {reported - 4, reported}) {
        if (candidate >= 0 && candidate + 4 <= fileSize) {
          byte[] t = new byte[4];
          raf.seek(candidate);
          raf.readFully(t);
          int g = bigEndian ? ((t[0] & 0xFF) << 8) | (t[1] & 0xFF) : ((t[1] & 0xFF) << 8) | (t[0] & 0xFF);
          int el = bigEndian ? ((t[2] & 0xFF) << 8) | (t[3] & 0xFF) : ((t[3] & 0xFF) << 8) | (t[2] & 0xFF);
          if (g == tag[0] && el == tag[1]) {
            tagOffset = candidate;
            break;
          }
        }
      }
      if (tagOffset < 0) {
        return; // position not recognised: no conclusion
      }
      if (tagOffset + lengthAt + 4 > fileSize) {
        throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, path
            + ": file ends inside the Pixel Data element header (truncated file)");
      }
      raf.seek(tagOffset + lengthAt);
      raf.readFully(len);
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, path + ": cannot read: " + e, e);
    }
    long v = bigEndian
        ? ((len[0] & 0xFFL) << 24) | ((len[1] & 0xFFL) << 16) | ((len[2] & 0xFFL) << 8) | (len[3] & 0xFFL)
        : ((len[3] & 0xFFL) << 24) | ((len[2] & 0xFFL) << 16) | ((len[1] & 0xFFL) << 8) | (len[0] & 0xFFL);
    if (v == 0xFFFFFFFFL) {
      return; // encapsulated, undefined length: fragments are checked when decoding
    }
    long end = tagOffset + headerBytes + v;
    if (end > fileSize) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, path + ": Pixel Data declares " + v
          + " bytes but the file ends " + (end - fileSize) + " bytes short of them (truncated file)");
    }
  }

  // ---------------------------------------------------------------- decoding

  /** Validated stored values of every frame of one file. */
  public DecodedFrames decode(Path path) {
    AttributeList l = readList(path, false);
    return decode(l, path.toString());
  }

  static DecodedFrames decode(AttributeList l, String source) {
    try {
      return decodeChecked(l, source);
    } catch (RadiomicsException e) {
      throw e;
    } catch (DicomException | IOException | RuntimeException | StackOverflowError | LinkageError e) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": pixel data could not be decoded: " + e,
          e);
    }
  }

  private static DecodedFrames decodeChecked(AttributeList l, String source) throws DicomException, IOException {
    PixelHeader h = PixelHeader.of(l);
    boolean hasPixels = l.get(Attrs.PIXEL_DATA) != null || h.floatData != 0;
    if (!hasPixels) {
      if (h.rows > 0 && h.columns > 0) {
        throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source
            + ": image pixel module present but Pixel Data missing or truncated");
      }
      throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, source + ": no Pixel Data (not an image, SOP class "
          + Attrs.str(l, TagFromName.SOPClassUID) + ")");
    }
    try {
      TransferSyntaxSupport.check(h);
    } catch (RadiomicsException e) {
      throw new RadiomicsException(e.kind(), source + ": " + e.getMessage());
    }
    DecodedFrames.Palette palette = "PALETTE COLOR".equals(h.photometric) ? palette(l, source) : null;
    if (h.floatData != 0) {
      return decodeFloat(l, h, source);
    }
    if (TransferSyntaxSupport.isNative(h.transferSyntax)) {
      return decodeNative(l, h, palette, source);
    }
    return decodeEncapsulated(l, h, palette, source);
  }

  private static DecodedFrames decodeFloat(AttributeList l, PixelHeader h, String source) throws DicomException {
    Attribute a = l.get(h.floatData == 64 ? Attrs.DOUBLE_FLOAT_PIXEL_DATA : Attrs.FLOAT_PIXEL_DATA);
    double[] d;
    if (h.floatData == 64) {
      d = a.getDoubleValues();
    } else {
      float[] f = a.getFloatValues();
      d = new double[f == null ? 0 : f.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = f[i];
      }
    }
    long n = h.sampleCount();
    if (d == null || d.length != n) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": float pixel data has "
          + (d == null ? 0 : d.length) + " values, expected " + n);
    }
    return new DecodedFrames(h.rows, h.columns, h.frames, 1, h.photometric, h.bitsAllocated, true, null, d, null);
  }

  /** Converts a raw sample to the stored value: drop bits outside HighBit..HighBit-BitsStored+1, sign-extend. */
  static final class BitsTransform {
    final int shift;
    final int mask;
    final int signBit;
    final boolean signed;

    BitsTransform(int bitsStored, int highBit, boolean signed) {
      this.shift = highBit + 1 - bitsStored;
      this.mask = bitsStored >= 32 ? -1 : (1 << bitsStored) - 1;
      this.signBit = 1 << (bitsStored - 1);
      this.signed = signed;
    }

    int apply(int raw) {
      int v = (raw >>> shift) & mask;
      if (signed && (v & signBit) != 0) {
        v -= signBit << 1;
      }
      return v;
    }
  }

  private static DecodedFrames decodeNative(AttributeList l, PixelHeader h, DecodedFrames.Palette palette,
      String source) throws DicomException {
    Attribute a = l.get(Attrs.PIXEL_DATA);
    int rows = h.rows;
    int cols = h.columns;
    int frames = h.frames;
    int spp = h.samples;
    int fs = rows * cols;
    boolean ybr422 = "YBR_FULL_422".equals(h.photometric);
    long need = ybr422 ? (long) fs * 2 * frames : h.sampleCount();
    long perFrame = ybr422 ? (long) fs * 2 : (long) fs * spp;
    if ((long) fs * spp * frames > Integer.MAX_VALUE - 16) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, source + ": too many samples for one array");
    }
    boolean signed = h.pixelRepresentation == 1;
    BitsTransform bt = new BitsTransform(h.bitsStored, h.highBit, signed);
    int[] out = new int[(int) ((long) fs * spp * frames)];
    if (h.bitsAllocated == 1) {
      byte[] b = a.getByteValues();
      long haveBits = b == null ? 0 : 8L * b.length;
      checkLength(haveBits, need, perFrame, 16, source, "bits");
      for (int i = 0; i < out.length; i++) {
        out[i] = (b[i >>> 3] >>> (i & 7)) & 1;
      }
      return new DecodedFrames(rows, cols, frames, 1, h.photometric, 1, false, out, null, palette);
    }
    if (h.bitsAllocated == 16) {
      short[] s = shorts(a);
      checkLength(s == null ? 0 : s.length, need, perFrame, 2, source, "16-bit samples");
      if (spp == 1 || h.planarConfiguration == 1) {
        if (h.bitsStored == 16 && signed) {
          for (int i = 0; i < out.length; i++) {
            out[i] = s[i];
          }
        } else if (h.bitsStored == 16) {
          for (int i = 0; i < out.length; i++) {
            out[i] = s[i] & 0xffff;
          }
        } else {
          for (int i = 0; i < out.length; i++) {
            out[i] = bt.apply(s[i] & 0xffff);
          }
        }
      } else {
        for (int f = 0; f < frames; f++) {
          int base = f * fs * spp;
          for (int p = 0; p < fs; p++) {
            for (int c = 0; c < spp; c++) {
              out[base + c * fs + p] = bt.apply(s[base + p * spp + c] & 0xffff);
            }
          }
        }
      }
      return new DecodedFrames(rows, cols, frames, spp, h.photometric, h.bitsStored, signed, out, null, palette);
    }
    // 8 bit
    byte[] b = bytes(a);
    checkLength(b == null ? 0 : b.length, need, perFrame, 2, source, "8-bit samples");
    if (ybr422) {
      // Y0 Y1 Cb Cr for each pair of pixels: expand to full-resolution Y, Cb, Cr planes.
      for (int f = 0; f < frames; f++) {
        int in = f * fs * 2;
        int base = f * fs * 3;
        for (int p = 0; p < fs; p += 2) {
          int y0 = bt.apply(b[in] & 0xff);
          int y1 = bt.apply(b[in + 1] & 0xff);
          int cb = bt.apply(b[in + 2] & 0xff);
          int cr = bt.apply(b[in + 3] & 0xff);
          in += 4;
          out[base + p] = y0;
          out[base + p + 1] = y1;
          out[base + fs + p] = cb;
          out[base + fs + p + 1] = cb;
          out[base + 2 * fs + p] = cr;
          out[base + 2 * fs + p + 1] = cr;
        }
      }
      return new DecodedFrames(rows, cols, frames, 3, "YBR_FULL", h.bitsStored, false, out, null, null);
    }
    if (spp == 1 || h.planarConfiguration == 1) {
      for (int i = 0; i < out.length; i++) {
        out[i] = bt.apply(b[i] & 0xff);
      }
    } else {
      for (int f = 0; f < frames; f++) {
        int base = f * fs * spp;
        for (int p = 0; p < fs; p++) {
          for (int c = 0; c < spp; c++) {
            out[base + c * fs + p] = bt.apply(b[base + p * spp + c] & 0xff);
          }
        }
      }
    }
    return new DecodedFrames(rows, cols, frames, spp, h.photometric, h.bitsStored, signed, out, null, palette);
  }

  /** 16-bit values of an OW attribute, or of OB bytes read as little-endian pairs. */
  private static short[] shorts(Attribute a) throws DicomException {
    if (a instanceof OtherWordAttribute || "OW".equals(a.getVRAsString())) {
      return a.getShortValues();
    }
    byte[] b = a.getByteValues();
    if (b == null) {
      return null;
    }
    short[] s = new short[b.length / 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
    }
    return s;
  }

  /**
   * The byte stream of 8-bit pixel data. OW-encoded 8-bit data is the 16-bit words in little-endian byte order,
   * which is the original byte stream for little-endian files (and what big-endian writers intend as well).
   */
  private static byte[] bytes(Attribute a) throws DicomException {
    if (a instanceof OtherWordAttribute || "OW".equals(a.getVRAsString())) {
      short[] s = a.getShortValues();
      if (s == null) {
        return null;
      }
      byte[] b = new byte[s.length * 2];
      for (int i = 0; i < s.length; i++) {
        b[2 * i] = (byte) s[i];
        b[2 * i + 1] = (byte) (s[i] >>> 8);
      }
      return b;
    }
    return a.getByteValues();
  }

  /**
   * Native data must hold {@code need} units (samples, or bits for 1-bit data). Trailing padding is tolerated when
   * it is less than one frame or less than {@code minSlack} units (the even-length pad byte, or the pad bits of
   * bit-packed data); anything shorter, or a whole frame longer, is CORRUPT_PIXEL_DATA.
   */
  private static void checkLength(long have, long need, long perFrame, long minSlack, String source, String what) {
    if (have < need || have - need >= Math.max(perFrame, minSlack)) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": Pixel Data holds " + have + " " + what
          + ", header (Rows*Columns*Frames*Samples) needs " + need);
    }
  }

  private static DecodedFrames decodeEncapsulated(AttributeList l, PixelHeader h, DecodedFrames.Palette palette,
      String source) throws DicomException, IOException {
    Attribute a = l.get(Attrs.PIXEL_DATA);
    if (!(a instanceof OtherByteAttributeMultipleCompressedFrames)) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": transfer syntax " + h.transferSyntax
          + " but Pixel Data is not encapsulated");
    }
    byte[][] frames = ((OtherByteAttributeMultipleCompressedFrames) a).getFrames();
    if (frames == null || frames.length != h.frames) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": " + (frames == null ? 0 : frames.length)
          + " compressed frames, NumberOfFrames is " + h.frames);
    }
    int rows = h.rows;
    int cols = h.columns;
    int spp = h.samples;
    int fs = rows * cols;
    if ((long) fs * spp * h.frames > Integer.MAX_VALUE - 16) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, source + ": too many samples for one array");
    }
    ColorSpace cs = ColorSpace.getInstance(spp == 3 ? ColorSpace.CS_sRGB : ColorSpace.CS_GRAY);
    CompressedFrameDecoder dec = new CompressedFrameDecoder(h.transferSyntax, frames, (h.bitsAllocated + 7) / 8, cols,
        rows, spp, cs);
    boolean signed = h.pixelRepresentation == 1;
    // codec output is right-aligned: only BitsStored matters
    BitsTransform bt = new BitsTransform(h.bitsStored, h.bitsStored - 1, signed);
    int rawMask = h.bitsAllocated == 8 ? 0xff : 0xffff;
    int[] out = new int[fs * spp * h.frames];
    int[] buf = null;
    boolean rawRgb = spp == 3 && "RGB".equals(h.photometric) && TransferSyntaxSupport.isLossyJpeg(h.transferSyntax)
        && JpegColour.readerWouldMisconvertRgb(frames[0]);
    for (int f = 0; f < h.frames; f++) {
      Raster r;
      if (rawRgb) {
        r = JpegColour.readRaw(frames[f]);
      } else {
        BufferedImage im = dec.getDecompressedFrameAsBufferedImage(f);
        if (im == null) {
          throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": frame " + (f + 1)
              + " decoded to nothing");
        }
        r = im.getRaster();
      }
      if (r.getWidth() != cols || r.getHeight() != rows || r.getNumBands() != spp) {
        throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": frame " + (f + 1) + " decoded to "
            + r.getWidth() + "x" + r.getHeight() + "x" + r.getNumBands() + ", header says " + cols + "x" + rows
            + "x" + spp);
      }
      buf = r.getPixels(r.getMinX(), r.getMinY(), cols, rows, buf);
      if (buf.length < fs * spp) {
        throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": frame " + (f + 1) + " has "
            + buf.length + " samples, expected " + fs * spp);
      }
      int base = f * fs * spp;
      if (spp == 1) {
        for (int p = 0; p < fs; p++) {
          out[base + p] = bt.apply(buf[p] & rawMask);
        }
      } else {
        for (int p = 0; p < fs; p++) {
          for (int c = 0; c < spp; c++) {
            out[base + c * fs + p] = bt.apply(buf[p * spp + c] & rawMask);
          }
        }
      }
    }
    String pi = h.photometric;
    if (spp == 3) {
      if (TransferSyntaxSupport.isJ2k(h.transferSyntax) && pi.startsWith("YBR_")) {
        pi = "RGB"; // the JPEG 2000 decoder applies the inverse component transform
      } else if (pi.startsWith("YBR_")) {
        pi = dec.getColorSpaceConvertedToRGBDuringDecompression() ? "RGB" : "YBR_FULL";
      }
    }
    return new DecodedFrames(rows, cols, h.frames, spp, pi, h.bitsStored, signed, out, null, palette);
  }

  private static DecodedFrames.Palette palette(AttributeList l, String source) throws DicomException {
    if (l.get(Attrs.SEGMENTED_RED_PALETTE) != null && l.get(TagFromName.RedPaletteColorLookupTableData) == null) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, source + ": segmented palette LUTs");
    }
    int[][] tables = new int[3][];
    int first = 0;
    int bits = 16;
    com.pixelmed.dicom.AttributeTag[][] tags = {
      {TagFromName.RedPaletteColorLookupTableDescriptor, TagFromName.RedPaletteColorLookupTableData},
      {TagFromName.GreenPaletteColorLookupTableDescriptor, TagFromName.GreenPaletteColorLookupTableData},
      {TagFromName.BluePaletteColorLookupTableDescriptor, TagFromName.BluePaletteColorLookupTableData}
    };
    for (int c = 0; c < 3; c++) {
      Attribute desc = l.get(tags[c][0]);
      Attribute data = l.get(tags[c][1]);
      if (desc == null || data == null || desc.getVM() != 3) {
        throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, source + ": PALETTE COLOR without LUT " + c);
      }
      int[] d = desc.getIntegerValues();
      int n = d[0] == 0 ? 65536 : d[0] & 0xffff;
      first = d[1];
      bits = d[2];
      int[] t = new int[n];
      boolean words = data instanceof OtherWordAttribute || "OW".equals(data.getVRAsString());
      short[] s = words ? data.getShortValues() : null;
      if (words && s != null && s.length >= n) {
        // one entry per 16-bit word (8-bit entries use the low byte)
        for (int i = 0; i < n; i++) {
          t[i] = bits == 8 ? s[i] & 0xff : s[i] & 0xffff;
        }
      } else if (bits == 8) {
        // 8-bit entries packed two per word (or OB): the byte stream
        byte[] b = bytes(data);
        if (b == null || b.length < n) {
          throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, source + ": palette LUT too short");
        }
        for (int i = 0; i < n; i++) {
          t[i] = b[i] & 0xff;
        }
      } else {
        throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, source + ": palette LUT too short");
      }
      tables[c] = t;
    }
    return new DecodedFrames.Palette(first, bits, tables[0], tables[1], tables[2]);
  }

  // ---------------------------------------------------------------- series

  /** Result of scanning a folder: files grouped by SeriesInstanceUID, and files that could not be read. */
  public static final class FolderScan {
    private final Map<String, List<Path>> series;
    private final Map<Path, RadiomicsException> failures;

    FolderScan(Map<String, List<Path>> series, Map<Path, RadiomicsException> failures) {
      this.series = series;
      this.failures = failures;
    }

    /** Image files by SeriesInstanceUID (SEG, RTSTRUCT and other non-image instances excluded). */
    public Map<String, List<Path>> series() {
      return series;
    }

    /** Files whose header could not be read, with the reason. */
    public Map<Path, RadiomicsException> failures() {
      return failures;
    }
  }

  /** SOP classes never stacked into an image volume (segmentations, RT objects). */
  static boolean isImageStorage(DicomMetadata m) {
    String c = m.sopClassUid();
    if (!m.isImage() || c == null) {
      return false;
    }
    return !(c.startsWith("1.2.840.10008.5.1.4.1.1.66") || c.startsWith("1.2.840.10008.5.1.4.1.1.481"));
  }

  /** Headers of every regular file under {@code dir} (recursively), grouped by series. */
  public FolderScan scanFolder(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, dir + ": cannot list: " + e.getMessage(), e);
    }
    Map<String, List<Path>> series = new TreeMap<>();
    Map<Path, RadiomicsException> failures = new LinkedHashMap<>();
    for (Path p : files) {
      try {
        DicomMetadata m = readHeader(p);
        if (!isImageStorage(m)) {
          continue;
        }
        String uid = m.seriesInstanceUid() == null ? "(no SeriesInstanceUID) " + p : m.seriesInstanceUid();
        series.computeIfAbsent(uid, k -> new ArrayList<>()).add(p);
      } catch (RadiomicsException e) {
        failures.put(p, e);
      }
    }
    return new FolderScan(series, failures);
  }

  /** Every image series under {@code dir}; the first series that fails to read throws. */
  public Map<String, DicomSeries> readFolder(Path dir) {
    FolderScan scan = scanFolder(dir);
    Map<String, DicomSeries> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Path>> e : scan.series().entrySet()) {
      out.put(e.getKey(), readSeries(e.getValue()));
    }
    return out;
  }

  /** One slice (frame) before sorting. */
  private static final class Slice {
    final FrameGeometry g;
    final float[] data;
    final float[][] channels;
    final String sop;
    final int frameNumber;
    final int fileIndex;
    double along;

    Slice(FrameGeometry g, float[] data, float[][] channels, String sop, int frameNumber, int fileIndex) {
      this.g = g;
      this.data = data;
      this.channels = channels;
      this.sop = sop;
      this.frameNumber = frameNumber;
      this.fileIndex = fileIndex;
    }
  }

  /** Reads the files of one series into a volume (see class documentation for the checks). */
  public DicomSeries readSeries(List<Path> files) {
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("no files");
    }
    List<Slice> slices = new ArrayList<>();
    List<DicomMetadata> metas = new ArrayList<>();
    String seriesUid = null;
    String forUid = null;
    int rows = -1;
    int cols = -1;
    int channels = -1;
    boolean classicMultiFrame = false;
    for (int fi = 0; fi < files.size(); fi++) {
      Path p = files.get(fi);
      AttributeList l = readList(p, false);
      DicomMetadata m = metadata(l);
      DecodedFrames d = decode(l, p.toString());
      if (fi == 0) {
        seriesUid = m.seriesInstanceUid();
        forUid = m.frameOfReferenceUid();
        rows = d.rows();
        cols = d.columns();
      } else {
        if (seriesUid != null && !seriesUid.equals(m.seriesInstanceUid())) {
          throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES, p + ": SeriesInstanceUID "
              + m.seriesInstanceUid() + " differs from " + seriesUid);
        }
        if (d.rows() != rows || d.columns() != cols) {
          throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES, p + ": size " + d.columns() + "x" + d.rows()
              + " differs from " + cols + "x" + rows);
        }
      }
      metas.add(m);
      List<FrameGeometry> geo = FrameGeometry.of(l, d.frames());
      if (d.frames() > 1 && !geo.get(0).ownPosition) {
        classicMultiFrame = true;
      }
      int fs = d.frameSize();
      for (int f = 0; f < d.frames(); f++) {
        FrameGeometry g = geo.get(f);
        float[][] ch = toChannels(d, f);
        float[] lum = ch == null ? toScalar(d, f, g) : luminance(ch);
        if (channels < 0) {
          channels = ch == null ? 0 : ch.length;
        } else if (channels != (ch == null ? 0 : ch.length)) {
          throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES, p + ": mixes colour and grey slices");
        }
        if (lum.length != fs) {
          throw new IllegalStateException("slice length");
        }
        slices.add(new Slice(g, lum, ch, m.sopInstanceUid() == null ? "" : m.sopInstanceUid(), f + 1, fi));
      }
    }
    if (classicMultiFrame && files.size() > 1) {
      throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES,
          "series mixes several multi-frame instances without per-frame positions");
    }
    return assemble(slices, metas, seriesUid, forUid, rows, cols, channels);
  }

  private static DicomSeries assemble(List<Slice> slices, List<DicomMetadata> metas, String seriesUid, String forUid,
      int rows, int cols, int channels) {
    Slice s0 = slices.get(0);
    double[] ps = s0.g.pixelSpacing != null ? s0.g.pixelSpacing : new double[] {1, 1};
    for (Slice s : slices) {
      double[] q = s.g.pixelSpacing != null ? s.g.pixelSpacing : new double[] {1, 1};
      if (Math.abs(q[0] - ps[0]) > 1e-4 * ps[0] || Math.abs(q[1] - ps[1]) > 1e-4 * ps[1]) {
        throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES, "pixel spacing differs between slices: "
            + java.util.Arrays.toString(ps) + " vs " + java.util.Arrays.toString(q));
      }
    }
    boolean geometry = true;
    for (Slice s : slices) {
      geometry &= s.g.position != null && s.g.orientation != null && (slices.size() == 1 || s.g.ownPosition);
    }
    double[] rowCos = {1, 0, 0};
    double[] colCos = {0, 1, 0};
    double[] origin = new double[3];
    double dz;
    if (s0.g.orientation != null) {
      rowCos = normalize(java.util.Arrays.copyOfRange(s0.g.orientation, 0, 3));
      colCos = normalize(java.util.Arrays.copyOfRange(s0.g.orientation, 3, 6));
      if (rowCos == null || colCos == null || Math.abs(dot(rowCos, colCos)) > 1e-3) {
        throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, "ImageOrientationPatient is not two orthogonal"
            + " unit vectors: " + java.util.Arrays.toString(s0.g.orientation));
      }
      // re-orthogonalise the column cosine against the row cosine
      double k = dot(rowCos, colCos);
      colCos = normalize(new double[] {colCos[0] - k * rowCos[0], colCos[1] - k * rowCos[1],
        colCos[2] - k * rowCos[2]});
    }
    double[] normal = cross(rowCos, colCos);
    if (geometry) {
      for (Slice s : slices) {
        for (int i = 0; i < 6; i++) {
          if (Math.abs(s.g.orientation[i] - s0.g.orientation[i]) > ORIENTATION_TOL) {
            throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES, "ImageOrientationPatient differs between"
                + " slices: " + java.util.Arrays.toString(s0.g.orientation) + " vs "
                + java.util.Arrays.toString(s.g.orientation));
          }
        }
        s.along = dot(s.g.position, normal);
      }
      slices.sort(Comparator.comparingDouble(s -> s.along));
      Slice first = slices.get(0);
      origin = first.g.position.clone();
      if (slices.size() > 1) {
        double span = slices.get(slices.size() - 1).along - first.along;
        dz = span / (slices.size() - 1);
        double tol = Math.max(SPACING_TOL_MM, SPACING_TOL_REL * dz);
        double inPlaneTol = Math.max(0.01, 0.01 * Math.min(ps[0], ps[1]));
        for (int k = 1; k < slices.size(); k++) {
          Slice a = slices.get(k - 1);
          Slice b = slices.get(k);
          double step = b.along - a.along;
          if (step < SPACING_TOL_MM) {
            throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES, "two slices at the same position "
                + a.along + " mm along the normal (" + a.sop + " frame " + a.frameNumber + ", " + b.sop + " frame "
                + b.frameNumber + ")");
          }
          if (Math.abs(step - dz) > tol) {
            throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES, "non-uniform slice spacing: " + step
                + " mm between slices " + (k - 1) + " and " + k + ", mean " + dz + " mm");
          }
          double[] d = sub(b.g.position, first.g.position);
          if (Math.abs(dot(d, rowCos)) > inPlaneTol || Math.abs(dot(d, colCos)) > inPlaneTol) {
            throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES, "slice " + k + " is shifted in-plane"
                + " (sheared or tilted stack)");
          }
        }
      } else {
        dz = fallbackSpacing(s0.g);
      }
    } else {
      if (metas.size() > 1) {
        throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE,
            "ImagePositionPatient/ImageOrientationPatient required to stack " + metas.size() + " instances");
      }
      if (s0.g.position != null) {
        origin = s0.g.position.clone();
      }
      dz = fallbackSpacing(s0.g);
    }
    int nz = slices.size();
    int fs = rows * cols;
    long n = (long) fs * nz;
    if (n > Integer.MAX_VALUE) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, "series too large for one array: " + n);
    }
    float[] data = new float[(int) n];
    float[][] ch = channels > 0 ? new float[channels][(int) n] : null;
    String[] sops = new String[nz];
    int[] frameNumbers = new int[nz];
    List<DicomMetadata> ordered = new ArrayList<>();
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int k = 0; k < nz; k++) {
      Slice s = slices.get(k);
      System.arraycopy(s.data, 0, data, k * fs, fs);
      if (ch != null) {
        for (int c = 0; c < channels; c++) {
          System.arraycopy(s.channels[c], 0, ch[c], k * fs, fs);
        }
      }
      sops[k] = s.sop;
      frameNumbers[k] = s.frameNumber;
      if (seen.add(s.fileIndex)) {
        ordered.add(metas.get(s.fileIndex));
      }
    }
    double[] direction = new double[9];
    for (int r = 0; r < 3; r++) {
      direction[3 * r] = rowCos[r];
      direction[3 * r + 1] = colCos[r];
      direction[3 * r + 2] = normal[r];
    }
    // PixelSpacing is (row spacing = between rows, column spacing = between columns); x runs along a row.
    double[] spacing = {ps[1], ps[0], dz};
    org.sparkradiomics.image.Volume v = new org.sparkradiomics.image.Volume(cols, rows, nz, data, ch, spacing, origin,
        direction);
    return new DicomSeries(seriesUid, forUid, v, ordered, sops, frameNumbers);
  }

  private static double fallbackSpacing(FrameGeometry g) {
    if (g.spacingBetweenSlices != null && g.spacingBetweenSlices > 0) {
      return g.spacingBetweenSlices;
    }
    if (g.sliceThickness != null && g.sliceThickness > 0) {
      return g.sliceThickness;
    }
    return 1.0;
  }

  /** Rescaled (and for MONOCHROME1 inverted) real-world values of one grey frame. */
  static float[] toScalar(DecodedFrames d, int frame, FrameGeometry g) {
    int fs = d.frameSize();
    float[] out = new float[fs];
    int base = frame * fs;
    double slope = g.slope;
    double inter = g.intercept;
    if (d.isFloat()) {
      double[] v = d.doubleValues();
      for (int i = 0; i < fs; i++) {
        out[i] = (float) (v[base + i] * slope + inter);
      }
      return out;
    }
    int[] v = d.intValues();
    if ("MONOCHROME1".equals(d.photometric())) {
      // invert within the stored range: v' = min + max - v (unsigned: 2^b - 1 - v; signed: -1 - v)
      int sum = d.signed() ? -1 : (int) ((1L << d.bitsStored()) - 1);
      for (int i = 0; i < fs; i++) {
        out[i] = (float) ((sum - v[base + i]) * slope + inter);
      }
    } else {
      for (int i = 0; i < fs; i++) {
        out[i] = (float) (v[base + i] * slope + inter);
      }
    }
    return out;
  }

  /** R, G, B channels of one colour (or palette) frame, or null for grey data. */
  static float[][] toChannels(DecodedFrames d, int frame) {
    int fs = d.frameSize();
    int[] v = d.intValues();
    if (d.palette() != null) {
      float[][] c = new float[3][fs];
      int base = frame * fs;
      for (int i = 0; i < fs; i++) {
        int idx = v[base + i];
        for (int k = 0; k < 3; k++) {
          c[k][i] = d.palette().lookup(k, idx);
        }
      }
      return c;
    }
    if (d.samples() != 3) {
      return null;
    }
    float[][] c = new float[3][fs];
    int base = frame * fs * 3;
    boolean ybr = d.photometric().startsWith("YBR");
    for (int i = 0; i < fs; i++) {
      double a = v[base + i];
      double b = v[base + fs + i];
      double e = v[base + 2 * fs + i];
      if (ybr) {
        // YBR_FULL (ITU-R BT.601 full range) to RGB
        double max = (1 << d.bitsStored()) - 1;
        double half = (1 << (d.bitsStored() - 1));
        c[0][i] = (float) clamp(a + 1.402 * (e - half), max);
        c[1][i] = (float) clamp(a - 0.344136 * (b - half) - 0.714136 * (e - half), max);
        c[2][i] = (float) clamp(a + 1.772 * (b - half), max);
      } else {
        c[0][i] = (float) a;
        c[1][i] = (float) b;
        c[2][i] = (float) e;
      }
    }
    return c;
  }

  private static double clamp(double v, double max) {
    return v < 0 ? 0 : v > max ? max : v;
  }

  /** Luminance Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601). */
  static float[] luminance(float[][] c) {
    float[] y = new float[c[0].length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.299 * c[0][i] + 0.587 * c[1][i] + 0.114 * c[2][i]);
    }
    return y;
  }

  static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  static double[] normalize(double[] a) {
    double n = Math.sqrt(dot(a, a));
    if (!(n > 1e-6)) {
      return null;
    }
    return new double[] {a[0] / n, a[1] / n, a[2] / n};
  }
}
