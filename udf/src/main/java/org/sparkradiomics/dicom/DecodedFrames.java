package org.sparkradiomics.dicom;

import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The validated stored values of every frame of one DICOM instance, before rescale and before MONOCHROME1
 * inversion.
 *
 * <p>Layout is planar per frame: value {@code (frame f, sample s, row r, column c)} is at
 * {@code ((f * samples + s) * rows + r) * columns + c}, whatever the Planar Configuration of the file. Integer data
 * is in {@link #intValues()} (sign-extended from BitsStored when PixelRepresentation is 1; bits outside
 * BitsStored/HighBit removed); float and double float pixel data is in {@link #doubleValues()}. Exactly one of the
 * two is non-null and its length is always {@code rows * columns * frames * samples}: the reader refuses to build
 * an instance otherwise.
 *
 * <p>{@link #photometric()} is the interpretation of these samples: a codec that converted colour to RGB (JPEG
 * baseline YBR, JPEG 2000 YBR_RCT/YBR_ICT) reports RGB, and native YBR_FULL_422 is expanded to full-resolution
 * YBR_FULL. PALETTE COLOR data keeps its indices and carries the {@link Palette}.
 */
public final class DecodedFrames implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int columns;
  private final int frames;
  private final int samples;
  private final String photometric;
  private final int bitsStored;
  private final boolean signed;
  private final int[] ints;
  private final double[] doubles;
  private final Palette palette;

  DecodedFrames(int rows, int columns, int frames, int samples, String photometric, int bitsStored, boolean signed,
      int[] ints, double[] doubles, Palette palette) {
    long n = (long) rows * columns * frames * samples;
    int len = ints != null ? ints.length : doubles.length;
    if ((ints == null) == (doubles == null) || len != n) {
      throw new IllegalArgumentException("decoded sample count " + len + " != " + rows + "*" + columns + "*" + frames
          + "*" + samples);
    }
    this.rows = rows;
    this.columns = columns;
    this.frames = frames;
    this.samples = samples;
    this.photometric = photometric;
    this.bitsStored = bitsStored;
    this.signed = signed;
    this.ints = ints;
    this.doubles = doubles;
    this.palette = palette;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  public int frames() {
    return frames;
  }

  public int samples() {
    return samples;
  }

  public String photometric() {
    return photometric;
  }

  public int bitsStored() {
    return bitsStored;
  }

  /** True when the integer values are signed (PixelRepresentation 1). */
  public boolean signed() {
    return signed;
  }

  public boolean isFloat() {
    return doubles != null;
  }

  /** Integer stored values (the array itself, not a copy), or null for float data. */
  public int[] intValues() {
    return ints;
  }

  /** Float stored values (the array itself), or null for integer data. */
  public double[] doubleValues() {
    return doubles;
  }

  /** The palette of PALETTE COLOR data, else null. */
  public Palette palette() {
    return palette;
  }

  public int frameSize() {
    return rows * columns;
  }

  public int sampleCount() {
    return ints != null ? ints.length : doubles.length;
  }

  /** Stored value of (frame, sample, row, column) as a double. */
  public double value(int frame, int sample, int row, int column) {
    int i = ((frame * samples + sample) * rows + row) * columns + column;
    return ints != null ? ints[i] : doubles[i];
  }

  /**
   * SHA-256 (lower-case hex) of the stored values in layout order, each integer as a 32-bit little-endian int and
   * each float value as a 64-bit little-endian IEEE double.
   */
  public String sha256() {
    MessageDigest md = newSha256();
    updateDigest(md);
    return hex(md.digest());
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lower-case hex of a digest. */
  public static String hex(byte[] digest) {
    StringBuilder sb = new StringBuilder(64);
    for (byte b : digest) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  /** Feeds the values into {@code md} as {@link #sha256()} does (to hash several instances in sequence). */
  public void updateDigest(MessageDigest md) {
    byte[] buf = new byte[8192];
    int p = 0;
    int n = sampleCount();
    for (int i = 0; i < n; i++) {
      if (ints != null) {
        int v = ints[i];
        buf[p++] = (byte) v;
        buf[p++] = (byte) (v >>> 8);
        buf[p++] = (byte) (v >>> 16);
        buf[p++] = (byte) (v >>> 24);
      } else {
        long v = Double.doubleToLongBits(doubles[i]);
        for (int b = 0; b < 8; b++) {
          buf[p++] = (byte) (v >>> (8 * b));
        }
      }
      if (p > buf.length - 8) {
        md.update(buf, 0, p);
        p = 0;
      }
    }
    md.update(buf, 0, p);
  }

  /**
   * A PALETTE COLOR lookup table: index {@code v} maps to entry {@code clamp(v - firstMapped, 0, size - 1)} of each
   * colour table; entry values are kept as stored (0..2^bits-1).
   */
  public static final class Palette implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int firstMapped;
    private final int bits;
    private final int[] red;
    private final int[] green;
    private final int[] blue;

    Palette(int firstMapped, int bits, int[] red, int[] green, int[] blue) {
      this.firstMapped = firstMapped;
      this.bits = bits;
      this.red = red;
      this.green = green;
      this.blue = blue;
    }

    public int firstMapped() {
      return firstMapped;
    }

    public int bits() {
      return bits;
    }

    public int size() {
      return red.length;
    }

    /** Entry of channel c (0 red, 1 green, 2 blue) for stored index v. */
    public int lookup(int c, int v) {
      int[] t = c == 0 ? red : c == 1 ? green : blue;
      int i = v - firstMapped;
      if (i < 0) {
        i = 0;
      } else if (i >= t.length) {
        i = t.length - 1;
      }
      return t[i];
    }
  }

  @Override
  public String toString() {
    return "DecodedFrames[" + columns + "x" + rows + "x" + frames + ", samples=" + samples + ", " + photometric
        + (isFloat() ? ", float" : signed ? ", signed " + bitsStored + " bit" : ", unsigned " + bitsStored + " bit")
        + "]";
  }
}
