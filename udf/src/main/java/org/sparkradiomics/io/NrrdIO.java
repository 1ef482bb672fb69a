package org.sparkradiomics.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * NRRD images ({@code .nrrd}, attached header) read into {@link Volume}/{@link Mask} in DICOM patient
 * coordinates (LPS). Supported: 2D and 3D scalar data of every NRRD integer and floating type, encodings
 * {@code raw}, {@code gzip}/{@code gz} and {@code ascii}/{@code text}, both endians, {@code byte skip}, geometry
 * from {@code space directions} and {@code space origin} (or {@code spacings}). Spaces
 * {@code right-anterior-superior} (RAS) and {@code left-anterior-superior} (LAS) are converted to LPS by negating
 * the flipped axes; {@code left-posterior-superior}, {@code scanner-xyz} and {@code 3D-right-handed} are taken as
 * LPS. Detached headers ({@code data file}) are not supported.
 */
public final class NrrdIO {
  private NrrdIO() {}

  public static Volume readVolume(Path path) {
    return decode(readBytes(path), path.toString());
  }

  /**
   * Reads a label image as a mask: voxels equal to {@code label} are inside, or every non-zero voxel when
   * {@code label} is null.
   */
  public static Mask readMask(Path path, Integer label) {
    return LabelMasks.of(readVolume(path), label, path);
  }

  /** The file as stored: NRRD compression is declared in the header, never by the file name. */
  private static byte[] readBytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  static Volume decode(byte[] bytes, String source) {
    int headerEnd = -1;
    for (int i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
        headerEnd = i + 2;
        break;
      }
      if (bytes[i] == '\n' && bytes[i + 1] == '\r' && i + 2 < bytes.length && bytes[i + 2] == '\n') {
        headerEnd = i + 3;
        break;
      }
    }
    if (bytes.length < 8 || !new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("NRRD")) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": not a NRRD file (no NRRD magic)");
    }
    if (headerEnd < 0) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": NRRD header has no terminating blank line");
    }
    String header = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
    Map<String, String> f = new LinkedHashMap<>();
    String[] lines = header.split("\r?\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int c = line.indexOf(": ");
      if (c < 0) {
        if (line.contains(":=")) {
          continue; // key/value pair
        }
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": malformed NRRD header line '" + line + "'");
      }
      f.put(line.substring(0, c).trim().toLowerCase(Locale.ROOT), line.substring(c + 2).trim());
    }
    if (f.containsKey("data file") || f.containsKey("datafile")) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": detached NRRD data files are not supported");
    }
    int dim = Integer.parseInt(required(f, "dimension", source));
    if (dim < 2 || dim > 3) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT,
          source + ": only 2D and 3D scalar NRRD images are supported (dimension " + dim + ")");
    }
    String[] sz = required(f, "sizes", source).trim().split("\\s+");
    if (sz.length != dim) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": sizes has " + sz.length + " values");
    }
    int[] n = {1, 1, 1};
    for (int a = 0; a < dim; a++) {
      n[a] = Integer.parseInt(sz[a]);
      if (n[a] < 1) {
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": invalid size " + n[a]);
      }
    }
    Type type = Type.of(required(f, "type", source), source);
    String encoding = required(f, "encoding", source).toLowerCase(Locale.ROOT);
    ByteOrder order = "big".equalsIgnoreCase(f.getOrDefault("endian", "little")) ? ByteOrder.BIG_ENDIAN
        : ByteOrder.LITTLE_ENDIAN;

    // geometry
    double[] spacing = {1, 1, 1};
    double[] direction = Volume.identity();
    double[] origin = new double[3];
    String space = f.getOrDefault("space", "").toLowerCase(Locale.ROOT);
    double[] flip = {1, 1, 1};
    if (space.equals("right-anterior-superior") || space.equals("ras")) {
      flip = new double[] {-1, -1, 1};
    } else if (space.equals("left-anterior-superior") || space.equals("las")) {
      flip = new double[] {1, -1, 1};
    }
    if (f.containsKey("space directions")) {
      double[][] vecs = vectors(f.get("space directions"), source);
      if (vecs.length != dim) {
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": space directions has " + vecs.length
            + " vectors for dimension " + dim);
      }
      for (int a = 0; a < dim; a++) {
        double[] v = vecs[a];
        if (v == null) {
          throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT,
              source + ": axis " + a + " is not spatial (space direction 'none')");
        }
        double[] w = {0, 0, 0};
        for (int r = 0; r < Math.min(3, v.length); r++) {
          w[r] = v[r] * flip[r];
        }
        double norm = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        if (!(norm > 0)) {
          throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": zero space direction on axis " + a);
        }
        spacing[a] = norm;
        for (int r = 0; r < 3; r++) {
          direction[3 * r + a] = w[r] / norm;
        }
      }
      if (dim == 2) {
        // complete a right-handed frame for the single slice
        double[] x = {direction[0], direction[3], direction[6]};
        double[] y = {direction[1], direction[4], direction[7]};
        double[] z = {x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
        double nz = Math.sqrt(z[0] * z[0] + z[1] * z[1] + z[2] * z[2]);
        for (int r = 0; r < 3; r++) {
          direction[3 * r + 2] = nz > 0 ? z[r] / nz : (r == 2 ? 1 : 0);
        }
      }
    } else if (f.containsKey("spacings")) {
      String[] s = f.get("spacings").trim().split("\\s+");
      for (int a = 0; a < Math.min(dim, s.length); a++) {
        double v = Double.parseDouble(s[a]);
        if (v > 0 && !Double.isInfinite(v)) {
          spacing[a] = v;
        }
      }
    }
    if (f.containsKey("space origin")) {
      double[][] o = vectors(f.get("space origin"), source);
      if (o.length != 1 || o[0] == null) {
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": malformed space origin");
      }
      for (int r = 0; r < Math.min(3, o[0].length); r++) {
        origin[r] = o[0][r] * flip[r];
      }
    }

    // data
    int count = n[0] * n[1] * n[2];
    byte[] payload;
    switch (encoding) {
      case "raw":
        payload = slice(bytes, headerEnd, f, (long) count * type.bytes, source);
        break;
      case "gzip":
      case "gz":
        payload = gunzip(bytes, headerEnd, source);
        payload = slice(payload, 0, f, (long) count * type.bytes, source);
        break;
      case "ascii":
      case "text":
      case "txt":
        return new Volume(n[0], n[1], n[2], ascii(bytes, headerEnd, count, source), spacing, origin, direction);
      default:
        throw new RadiomicsException(ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX,
            source + ": NRRD encoding '" + encoding + "' is not supported (raw, gzip, ascii are)");
    }
    ByteBuffer b = ByteBuffer.wrap(payload).order(order);
    float[] data = new float[count];
    for (int i = 0; i < count; i++) {
      data[i] = (float) type.read(b, i);
    }
    return new Volume(n[0], n[1], n[2], data, spacing, origin, direction);
  }

  private static String required(Map<String, String> f, String key, String source) {
    String v = f.get(key);
    if (v == null) {
      throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, source + ": NRRD header lacks '" + key + "'");
    }
    return v;
  }

  /** Parses {@code (a,b,c) (d,e,f) none ...}; a {@code none} entry is null. */
  private static double[][] vectors(String s, String source) {
    java.util.List<double[]> out = new java.util.ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        int e = s.indexOf(')', i);
        if (e < 0) {
          throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": unbalanced vector in '" + s + "'");
        }
        String[] parts = s.substring(i + 1, e).split(",");
        double[] v = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
          v[k] = Double.parseDouble(parts[k].trim());
        }
        out.add(v);
        i = e + 1;
      } else if (s.startsWith("none", i)) {
        out.add(null);
        i += 4;
      } else {
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, source + ": malformed vector list '" + s + "'");
      }
    }
    return out.toArray(new double[0][]);
  }

  private static byte[] slice(byte[] data, int start, Map<String, String> f, long need, String source) {
    long skip = Long.parseLong(f.getOrDefault("byte skip", f.getOrDefault("byteskip", "0")).trim());
    long from = skip == -1 ? data.length - need : start + skip;
    if (from < start || from + need > data.length) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": expected " + need
          + " bytes of voxel data, found " + (data.length - start));
    }
    byte[] out = new byte[(int) need];
    System.arraycopy(data, (int) from, out, 0, (int) need);
    return out;
  }

  private static byte[] gunzip(byte[] bytes, int start, String source) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes, start, bytes.length - start), 1 << 16)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": bad gzip data: " + e.getMessage(), e);
    }
  }

  private static float[] ascii(byte[] bytes, int start, int count, String source) {
    String[] tok = new String(bytes, start, bytes.length - start, StandardCharsets.US_ASCII).trim().split("[\\s,]+");
    if (tok.length < count || (tok.length == 1 && tok[0].isEmpty())) {
      throw new RadiomicsException(ErrorKind.CORRUPT_PIXEL_DATA, source + ": expected " + count + " ascii values");
    }
    float[] d = new float[count];
    for (int i = 0; i < count; i++) {
      d[i] = (float) Double.parseDouble(tok[i]);
    }
    return d;
  }

  /** Writes a float32 NRRD with LPS geometry; gzip-encoded when {@code gzip}. */
  public static void write(Path path, Volume v, boolean gzip) {
    float[] d = v.data();
    ByteBuffer b = ByteBuffer.allocate(4 * d.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : d) {
      b.putFloat(x);
    }
    writeFile(path, header(v.nx(), v.ny(), v.nz(), v.spacing(), v.origin(), v.direction(), "float", gzip), b.array(),
        gzip);
  }

  /** Writes a gzip-encoded float32 NRRD. */
  public static void write(Path path, Volume v) {
    write(path, v, true);
  }

  /** Writes a mask as a uint8 label image (1 inside, 0 outside). */
  public static void writeMask(Path path, Mask m, boolean gzip) {
    boolean[] in = m.inside();
    byte[] data = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      data[i] = (byte) (in[i] ? 1 : 0);
    }
    writeFile(path, header(m.nx(), m.ny(), m.nz(), m.spacing(), m.origin(), m.direction(), "uint8", gzip), data, gzip);
  }

  private static String header(int nx, int ny, int nz, double[] sp, double[] o, double[] dir, String type,
      boolean gzip) {
    StringBuilder h = new StringBuilder("NRRD0004\n# written by spark-radiomics\n");
    h.append("type: ").append(type).append('\n');
    h.append("dimension: 3\nspace: left-posterior-superior\n");
    h.append("sizes: ").append(nx).append(' ').append(ny).append(' ').append(nz).append('\n');
    h.append("space directions:");
    for (int c = 0; c < 3; c++) {
      h.append(" (");
      for (int r = 0; r < 3; r++) {
        h.append(r == 0 ? "" : ",").append(Double.toString(dir[3 * r + c] * sp[c]));
      }
      h.append(')');
    }
    h.append("\nkinds: domain domain domain\nendian: little\n");
    h.append("encoding: ").append(gzip ? "gzip" : "raw").append('\n');
    h.append("space origin: (").append(o[0]).append(',').append(o[1]).append(',').append(o[2]).append(")\n\n");
    return h.toString();
  }

  private static void writeFile(Path path, String header, byte[] data, boolean gzip) {
    try (OutputStream out = Files.newOutputStream(path)) {
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      if (gzip) {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        gz.write(data);
        gz.finish();
      } else {
        out.write(data);
      }
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** NRRD scalar types. */
  private enum Type {
    INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), INT64(8), UINT64(8), FLOAT(4), DOUBLE(8);

    final int bytes;

    Type(int bytes) {
      this.bytes = bytes;
    }

    static Type of(String s, String source) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "signed char": case "int8": case "int8_t": return INT8;
        case "uchar": case "unsigned char": case "uint8": case "uint8_t": return UINT8;
        case "short": case "short int": case "signed short": case "signed short int": case "int16": case "int16_t":
          return INT16;
        case "ushort": case "unsigned short": case "unsigned short int": case "uint16": case "uint16_t":
          return UINT16;
        case "int": case "signed int": case "int32": case "int32_t": return INT32;
        case "uint": case "unsigned int": case "uint32": case "uint32_t": return UINT32;
        case "longlong": case "long long": case "long long int": case "signed long long":
        case "signed long long int": case "int64": case "int64_t":
          return INT64;
        case "ulonglong": case "unsigned long long": case "unsigned long long int": case "uint64": case "uint64_t":
          return UINT64;
        case "float": return FLOAT;
        case "double": return DOUBLE;
        default:
          throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, source + ": NRRD type '" + s + "'");
      }
    }

    double read(ByteBuffer b, int i) {
      switch (this) {
        case INT8: return b.get(i);
        case UINT8: return b.get(i) & 0xff;
        case INT16: return b.getShort(2 * i);
        case UINT16: return b.getShort(2 * i) & 0xffff;
        case INT32: return b.getInt(4 * i);
        case UINT32: return b.getInt(4 * i) & 0xffffffffL;
        case INT64: return b.getLong(8 * i);
        case UINT64: return unsigned(b.getLong(8 * i));
        case FLOAT: return b.getFloat(4 * i);
        default: return b.getDouble(8 * i);
      }
    }

    private static double unsigned(long v) {
      return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }
  }
}
