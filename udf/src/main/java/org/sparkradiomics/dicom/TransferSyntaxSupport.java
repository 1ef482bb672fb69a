package org.sparkradiomics.dicom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;

/**
 * Which transfer syntaxes and pixel formats the reader decodes. Every decision is taken from the header alone,
 * before any codec runs, so an unsupported encoding is a typed rejection and never wrong pixels.
 *
 * <p>Decoded: implicit/explicit VR little endian, explicit VR big endian, deflated explicit VR little endian,
 * JPEG baseline (8 bit), JPEG extended with BitsStored &le; 8, JPEG lossless (process 14 and SV1), JPEG 2000
 * (lossless and lossy, Part 1), RLE lossless (8-bit any samples, 16-bit single sample). Rejected
 * ({@link ErrorKind#UNSUPPORTED_TRANSFER_SYNTAX}): JPEG-LS, 12-bit lossy JPEG, JPEG 2000 Part 2, HTJ2K, JPIP, MPEG,
 * H.264/HEVC, JPEG XL and unknown syntaxes. Rejected ({@link ErrorKind#UNSUPPORTED_PIXEL_FORMAT}): BitsAllocated other
 * than 1/8/16 for integer data (32-bit integers), 1-bit data in any encapsulated syntax, 16-bit multi-sample RLE,
 * photometric interpretations other than MONOCHROME1/2, PALETTE COLOR, RGB, YBR_FULL, YBR_FULL_422 and (JPEG 2000
 * only) YBR_RCT/YBR_ICT.
 */
public final class TransferSyntaxSupport {
  private TransferSyntaxSupport() {}

  public static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  public static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
  public static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
  public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  public static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
  public static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
  public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
  public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
  public static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
  public static final String J2K_LOSSLESS = "1.2.840.10008.1.2.4.90";
  public static final String J2K = "1.2.840.10008.1.2.4.91";
  public static final String RLE = "1.2.840.10008.1.2.5";

  /** One row of the support table. */
  public static final class Entry {
    private final String uid;
    private final String name;
    private final boolean decoded;
    private final String why;

    Entry(String uid, String name, boolean decoded, String why) {
      this.uid = uid;
      this.name = name;
      this.decoded = decoded;
      this.why = why;
    }

    public String uid() {
      return uid;
    }

    public String name() {
      return name;
    }

    /** True when the syntax is decoded (possibly with the pixel-format limits given in {@link #why()}). */
    public boolean decoded() {
      return decoded;
    }

    public String why() {
      return why;
    }
  }

  private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

  private static void add(String uid, String name, boolean decoded, String why) {
    TABLE.put(uid, new Entry(uid, name, decoded, why));
  }

  static {
    add(IMPLICIT_LE, "Implicit VR Little Endian", true, "native");
    add(EXPLICIT_LE, "Explicit VR Little Endian", true, "native");
    add(DEFLATED_LE, "Deflated Explicit VR Little Endian", true, "native after inflating the data set");
    add(EXPLICIT_BE, "Explicit VR Big Endian (retired)", true, "native, byte-swapped by PixelMed");
    add(JPEG_BASELINE, "JPEG Baseline (Process 1)", true, "lossy, 8 bit only (JDK JPEG reader); YBR converted to RGB");
    add(JPEG_EXTENDED, "JPEG Extended (Process 2 & 4)", true,
        "only BitsStored <= 8; 12-bit JPEG rejected: the JDK reader cannot decode it");
    add("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (retired)", false, "no codec");
    add("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (retired)", false, "not validated");
    add(JPEG_LOSSLESS, "JPEG Lossless, Non-Hierarchical (Process 14)", true, "PixelMed lossless JPEG codec");
    add(JPEG_LOSSLESS_SV1, "JPEG Lossless, First-Order Prediction (Process 14 SV1)", true,
        "PixelMed lossless JPEG codec");
    add(JPEG_LS_LOSSLESS, "JPEG-LS Lossless", false, "no JPEG-LS codec available");
    add(JPEG_LS_NEAR_LOSSLESS, "JPEG-LS Lossy (Near-Lossless)", false, "no JPEG-LS codec available");
    add(J2K_LOSSLESS, "JPEG 2000 Image Compression (Lossless Only)", true,
        "jai-imageio JPEG 2000 codec; YBR_RCT converted to RGB");
    add(J2K, "JPEG 2000 Image Compression", true, "jai-imageio JPEG 2000 codec; YBR_ICT converted to RGB");
    add("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)", false, "Part 2 not supported");
    add("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component", false, "Part 2 not supported");
    add("1.2.840.10008.1.2.4.94", "JPIP Referenced", false, "pixel data not in the file");
    add("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", false, "pixel data not in the file");
    add("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", false, "video");
    add("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", false, "video");
    add("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile", false, "video");
    add("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile", false, "video");
    add("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile For 2D Video", false, "video");
    add("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile For 3D Video", false, "video");
    add("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile", false, "video");
    add("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile", false, "video");
    add("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile", false, "video");
    add("1.2.840.10008.1.2.4.110", "JPEG XL Lossless", false, "no JPEG XL codec");
    add("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", false, "no JPEG XL codec");
    add("1.2.840.10008.1.2.4.112", "JPEG XL", false, "no JPEG XL codec");
    add("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)", false, "no HTJ2K codec");
    add("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)", false,
        "no HTJ2K codec");
    add("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", false, "no HTJ2K codec");
    add(RLE, "RLE Lossless", true,
        "PixelMed RLE codec: 8-bit any samples, 16-bit single sample; 16-bit colour and 32-bit rejected");
  }

  /** The support table in a fixed order (for the README and {@code radiomics inspect}). */
  public static List<Entry> table() {
    return Collections.unmodifiableList(new ArrayList<>(TABLE.values()));
  }

  /** The entry of a transfer syntax, or null for an unknown UID. */
  public static Entry lookup(String uid) {
    return TABLE.get(uid);
  }

  static boolean isNative(String ts) {
    return IMPLICIT_LE.equals(ts) || EXPLICIT_LE.equals(ts) || DEFLATED_LE.equals(ts) || EXPLICIT_BE.equals(ts);
  }

  static boolean isJ2k(String ts) {
    return J2K_LOSSLESS.equals(ts) || J2K.equals(ts);
  }

  static boolean isLossyJpeg(String ts) {
    return JPEG_BASELINE.equals(ts) || JPEG_EXTENDED.equals(ts);
  }

  /**
   * Throws the typed reason why pixel data with this header cannot be decoded; returns normally when it can.
   * Float pixel data must be native.
   */
  static void check(PixelHeader h) {
    String ts = h.transferSyntax;
    Entry e = TABLE.get(ts);
    if (e == null) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX, "unknown transfer syntax " + ts);
    }
    if (!e.decoded) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX, e.name + " (" + ts + "): " + e.why);
    }
    if (h.rows <= 0 || h.columns <= 0) {
      throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, "Rows/Columns missing or not positive");
    }
    if (h.frames <= 0) {
      throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, "NumberOfFrames must be positive, got " + h.frames);
    }
    if (h.floatData != 0) {
      if (!isNative(ts)) {
        throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, "float pixel data in encapsulated " + ts);
      }
      if (h.samples != 1) {
        throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, "float pixel data with " + h.samples
            + " samples");
      }
      return;
    }
    int ba = h.bitsAllocated;
    if (ba != 1 && ba != 8 && ba != 16) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, "BitsAllocated " + ba
          + " integer data is not supported (1, 8 and 16 are)");
    }
    if (h.bitsStored < 1 || h.bitsStored > ba) {
      throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, "BitsStored " + h.bitsStored
          + " invalid for BitsAllocated " + ba);
    }
    if (h.highBit < h.bitsStored - 1 || h.highBit >= ba) {
      throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, "HighBit " + h.highBit + " invalid for BitsStored "
          + h.bitsStored + ", BitsAllocated " + ba);
    }
    if (h.pixelRepresentation != 0 && h.pixelRepresentation != 1) {
      throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, "PixelRepresentation " + h.pixelRepresentation);
    }
    if (h.samples != 1 && h.samples != 3) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, "SamplesPerPixel " + h.samples);
    }
    String pi = h.photometric == null ? "" : h.photometric;
    boolean mono = pi.equals("MONOCHROME1") || pi.equals("MONOCHROME2");
    boolean palette = pi.equals("PALETTE COLOR");
    boolean colour = pi.equals("RGB") || pi.equals("YBR_FULL") || pi.equals("YBR_FULL_422")
        || ((pi.equals("YBR_RCT") || pi.equals("YBR_ICT")) && isJ2k(ts));
    if (h.samples == 1 && !mono && !palette) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, "photometric interpretation '" + pi
          + "' with one sample");
    }
    if (h.samples == 3 && !colour) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, "photometric interpretation '" + pi
          + "' with three samples in " + ts);
    }
    if (ba == 1) {
      if (!isNative(ts)) {
        throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT,
            "1-bit pixel data in encapsulated transfer syntax " + ts + " (codecs do not handle it reliably)");
      }
      if (h.samples != 1) {
        throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, "1-bit colour data");
      }
    }
    if (isLossyJpeg(ts) && (ba != 8 || h.bitsStored > 8)) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX, e.name + " with BitsStored "
          + h.bitsStored + " (12-bit JPEG): no reliable codec");
    }
    if (RLE.equals(ts) && ba == 16 && h.samples != 1) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT,
          "16-bit RLE with " + h.samples + " samples is not supported by the RLE codec");
    }
    if (pi.equals("YBR_FULL_422") && isNative(ts)) {
      if (ba != 8 || h.columns % 2 != 0 || h.planarConfiguration != 0) {
        throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT,
            "native YBR_FULL_422 needs 8-bit samples, even Columns and PlanarConfiguration 0");
      }
    }
    if (palette && ba == 1) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, "1-bit palette data");
    }
  }
}
