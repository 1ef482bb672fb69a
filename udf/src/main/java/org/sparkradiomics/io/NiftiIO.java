package org.sparkradiomics.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * NIfTI-1 single-file images ({@code .nii}, {@code .nii.gz}), read into {@link Volume}/{@link Mask} in DICOM
 * patient coordinates (LPS): NIfTI's RAS world axes are converted by negating x and y. The voxel-to-world transform
 * is taken from the sform when {@code sform_code > 0}, else from the qform when {@code qform_code > 0}, else from
 * pixdim alone (NIfTI "method 1"). {@code scl_slope}/{@code scl_inter} are applied when the slope is non-zero.
 */
public final class NiftiIO {
  private NiftiIO() {}

  public static Volume readVolume(Path path) {
    byte[] bytes = readAll(path);
    return decode(bytes, path.toString());
  }

  /**
   * Reads a label image as a mask: voxels equal to {@code label} are inside, or every non-zero voxel when
   * {@code label} is null.
   */
  public static Mask readMask(Path path, Integer label) {
    return LabelMasks.of(readVolume(path), label, path);
  }

  static byte[] readAll(Path path) {
    try (InputStream raw = Files.newInputStream(path)) {
      InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  static Volume decode(byte[] bytes, String source) {
    if (bytes.length < 348) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": too short for a NIfTI-1 header");
    }
    ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (h.getInt(0) != 348) {
      h.order(ByteOrder.BIG_ENDIAN);
      if (h.getInt(0) != 348) {
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": not a NIfTI-1 file (sizeof_hdr != 348)");
      }
    }
    int ndim = h.getShort(40);
    if (ndim < 1 || ndim > 7) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": invalid dim[0]=" + ndim);
    }
    int nx = Math.max(1, h.getShort(42));
    int ny = ndim >= 2 ? Math.max(1, h.getShort(44)) : 1;
    int nz = ndim >= 3 ? Math.max(1, h.getShort(46)) : 1;
    for (int d = 4; d <= ndim; d++) {
      if (h.getShort(40 + 2 * d) > 1) {
        throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT,
            source + ": only 3D NIfTI images are supported (dim[" + d + "]=" + h.getShort(40 + 2 * d) + ")");
      }
    }
    int datatype = h.getShort(70);
    float[] pixdim = new float[8];
    for (int i = 0; i < 8; i++) {
      pixdim[i] = h.getFloat(76 + 4 * i);
    }
    long voxOffset = (long) h.getFloat(108);
    float slope = h.getFloat(112);
    float inter = h.getFloat(116);
    int qformCode = h.getShort(252);
    int sformCode = h.getShort(254);

    double[][] affine = new double[3][4]; // RAS
    if (sformCode > 0) {
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
          affine[r][c] = h.getFloat(280 + 16 * r + 4 * c);
        }
      }
    } else if (qformCode > 0) {
      double b = h.getFloat(256);
      double c = h.getFloat(260);
      double d = h.getFloat(264);
      double a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
      double[][] rot = {
        {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
        {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
        {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}
      };
      double qfac = pixdim[0] < 0 ? -1 : 1;
      double[] s = {pixdim[1], pixdim[2], pixdim[3] * qfac};
      for (int r = 0; r < 3; r++) {
        for (int col = 0; col < 3; col++) {
          affine[r][col] = rot[r][col] * s[col];
        }
      }
      affine[0][3] = h.getFloat(268);
      affine[1][3] = h.getFloat(272);
      affine[2][3] = h.getFloat(276);
    } else {
      affine[0][0] = pixdim[1] > 0 ? pixdim[1] : 1;
      affine[1][1] = pixdim[2] > 0 ? pixdim[2] : 1;
      affine[2][2] = pixdim[3] > 0 ? pixdim[3] : 1;
    }
    // RAS -> LPS
    for (int c = 0; c < 4; c++) {
      affine[0][c] = -affine[0][c];
      affine[1][c] = -affine[1][c];
    }
    double[] spacing = new double[3];
    double[] direction = new double[9];
    for (int c = 0; c < 3; c++) {
      double norm = Math.sqrt(affine[0][c] * affine[0][c] + affine[1][c] * affine[1][c] + affine[2][c] * affine[2][c]);
      if (!(norm > 0)) {
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": degenerate voxel-to-world transform");
      }
      spacing[c] = norm;
      for (int r = 0; r < 3; r++) {
        direction[3 * r + c] = affine[r][c] / norm;
      }
    }
    double[] origin = {affine[0][3], affine[1][3], affine[2][3]};

    int n = nx * ny * nz;
    int bytesPer;
    switch (datatype) {
      case 2: case 256: bytesPer = 1; break;
      case 4: case 512: bytesPer = 2; break;
      case 8: case 16: case 768: bytesPer = 4; break;
      case 64: case 1024: case 1280: bytesPer = 8; break;
      default:
        throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, source + ": NIfTI datatype " + datatype);
    }
    if (voxOffset < 348 || voxOffset + (long) n * bytesPer > bytes.length) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": expected " + ((long) n * bytesPer)
          + " bytes of voxel data at offset " + voxOffset + ", file has " + bytes.length);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(h.order());
    int off = (int) voxOffset;
    boolean scale = slope != 0f && !Float.isNaN(slope) && !(slope == 1f && inter == 0f);
    float[] data = new float[n];
    for (int i = 0; i < n; i++) {
      double v;
      switch (datatype) {
        case 2: v = b.get(off + i) & 0xff; break;
        case 256: v = b.get(off + i); break;
        case 4: v = b.getShort(off + 2 * i); break;
        case 512: v = b.getShort(off + 2 * i) & 0xffff; break;
        case 8: v = b.getInt(off + 4 * i); break;
        case 768: v = b.getInt(off + 4 * i) & 0xffffffffL; break;
        case 16: v = b.getFloat(off + 4 * i); break;
        case 64: v = b.getDouble(off + 8 * i); break;
        case 1024: v = b.getLong(off + 8 * i); break;
        default: v = b.getLong(off + 8 * i); break; // 1280 uint64 (values above 2^63 are not expected)
      }
      data[i] = (float) (scale ? v * slope + inter : v);
    }
    return new Volume(nx, ny, nz, data, spacing, origin, direction);
  }

  /** Writes a float32 NIfTI-1 file (gzip when the name ends in .gz) with an sform carrying the full geometry. */
  public static void write(Path path, Volume v) {
    int n = v.voxelCount();
    ByteBuffer b = ByteBuffer.allocate(352 + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, 348);
    b.putShort(40, (short) 3);
    b.putShort(42, (short) v.nx());
    b.putShort(44, (short) v.ny());
    b.putShort(46, (short) v.nz());
    for (int d = 4; d <= 7; d++) {
      b.putShort(40 + 2 * d, (short) 1);
    }
    b.putShort(70, (short) 16);
    b.putShort(72, (short) 32);
    b.putFloat(76, 1f);
    for (int c = 0; c < 3; c++) {
      b.putFloat(80 + 4 * c, (float) v.spacing(c));
    }
    b.putFloat(108, 352f);
    b.putFloat(112, 1f);
    b.putShort(254, (short) 1); // sform_code: scanner
    double[] dir = v.direction();
    double[] sp = v.spacing();
    double[] o = v.origin();
    for (int r = 0; r < 3; r++) {
      double sign = r < 2 ? -1 : 1; // LPS -> RAS
      for (int c = 0; c < 3; c++) {
        b.putFloat(280 + 16 * r + 4 * c, (float) (sign * dir[3 * r + c] * sp[c]));
      }
      b.putFloat(280 + 16 * r + 12, (float) (sign * o[r]));
    }
    b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
    float[] d = v.data();
    for (int i = 0; i < n; i++) {
      b.putFloat(352 + 4 * i, d[i]);
    }
    try (OutputStream raw = Files.newOutputStream(path);
        OutputStream out = path.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
      out.write(b.array());
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
