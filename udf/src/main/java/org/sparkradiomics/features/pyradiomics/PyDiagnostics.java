package org.sparkradiomics.features.pyradiomics;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * The {@code diagnostics_*} columns PyRadiomics writes with {@code additionalInfo} (v3.1 names and Python formatting:
 * tuples {@code (x, y, z)} in ITK x-first order, Python float repr). Values differ where our engine differs by
 * construction: {@code Versions_*} name this emulation and never claim to be PyRadiomics; the hashes are SHA-1 of our
 * float32 voxel values (x fastest), not of SimpleITK's native-typed buffer.
 */
public final class PyDiagnostics {
  /** The {@code diagnostics_Versions_PyRadiomics} value. */
  public static final String VERSION =
      "spark-radiomics emulation of PyRadiomics v3.1 conventions (not PyRadiomics)";

  private PyDiagnostics() {}

  /** Versions and configuration. */
  public static LinkedHashMap<String, String> configuration(PyRadiomicsParams p) {
    LinkedHashMap<String, String> d = new LinkedHashMap<>();
    d.put("diagnostics_Versions_PyRadiomics", VERSION);
    d.put("diagnostics_Versions_Numpy", "n/a (Java)");
    d.put("diagnostics_Versions_SimpleITK", "n/a (Java)");
    d.put("diagnostics_Versions_PyWavelets", "n/a (Java)");
    d.put("diagnostics_Versions_Python", "n/a (Java " + System.getProperty("java.version") + ")");
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("minimumROIDimensions", p.minimumROIDimensions());
    s.put("minimumROISize", p.minimumROISize());
    s.put("normalize", p.normalize());
    s.put("normalizeScale", p.normalizeScale());
    s.put("removeOutliers", p.removeOutliers());
    s.put("resampledPixelSpacing", p.resampledPixelSpacing());
    s.put("interpolator", p.interpolator());
    s.put("preCrop", p.preCrop());
    s.put("padDistance", p.padDistance());
    s.put("distances", p.distances());
    s.put("force2D", p.force2D());
    s.put("force2Ddimension", p.force2Ddimension());
    s.put("resegmentRange", p.resegmentRange());
    s.put("label", p.label());
    s.put("additionalInfo", p.additionalInfo());
    s.putAll(p.settings());
    d.put("diagnostics_Configuration_Settings", PyRadiomicsParams.pyRepr(s));
    d.put("diagnostics_Configuration_EnabledImageTypes", PyRadiomicsParams.pyRepr(p.imageTypes()));
    return d;
  }

  /** {@code diagnostics_Image-original_*} and {@code diagnostics_Mask-original_*}. */
  public static LinkedHashMap<String, String> original(Volume image, Mask mask) {
    LinkedHashMap<String, String> d = new LinkedHashMap<>();
    float[] data = image.data();
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : data) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    String pre = "diagnostics_Image-original_";
    d.put(pre + "Hash", sha1(data));
    d.put(pre + "Dimensionality", image.nz() > 1 ? "3D" : "2D");
    d.put(pre + "Spacing", tuple(image.spacing()));
    d.put(pre + "Size", "(" + image.nx() + ", " + image.ny() + ", " + image.nz() + ")");
    d.put(pre + "Mean", pyFloat(sum / data.length));
    d.put(pre + "Minimum", pyFloat(min));
    d.put(pre + "Maximum", pyFloat(max));
    boolean[] in = mask.inside();
    float[] asFloat = new float[in.length];
    int nx = mask.nx();
    int ny = mask.ny();
    int nz = mask.nz();
    int[] lo = {nx, ny, nz};
    int[] hi = {-1, -1, -1};
    long count = 0;
    double[] c = new double[3];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int i = x + nx * (y + ny * z);
          if (in[i]) {
            asFloat[i] = 1;
            count++;
            c[0] += x;
            c[1] += y;
            c[2] += z;
            int[] q = {x, y, z};
            for (int a = 0; a < 3; a++) {
              lo[a] = Math.min(lo[a], q[a]);
              hi[a] = Math.max(hi[a], q[a]);
            }
          }
        }
      }
    }
    pre = "diagnostics_Mask-original_";
    d.put(pre + "Hash", sha1(asFloat));
    d.put(pre + "Spacing", tuple(mask.spacing()));
    d.put(pre + "Size", "(" + nx + ", " + ny + ", " + nz + ")");
    d.put(pre + "BoundingBox", count == 0 ? "()" : "(" + lo[0] + ", " + lo[1] + ", " + lo[2] + ", "
        + (hi[0] - lo[0] + 1) + ", " + (hi[1] - lo[1] + 1) + ", " + (hi[2] - lo[2] + 1) + ")");
    d.put(pre + "VoxelNum", Long.toString(count));
    d.put(pre + "VolumeNum", Integer.toString(components(in, nx, ny, nz)));
    if (count > 0) {
      double[] ci = {c[0] / count, c[1] / count, c[2] / count};
      d.put(pre + "CenterOfMassIndex", tuple(ci));
      double[] phys = image.indexToPhysical(ci[0], ci[1], ci[2]);
      d.put(pre + "CenterOfMass", tuple(phys));
    }
    return d;
  }

  /**
   * {@code diagnostics_Image-interpolated_*} (Spacing, Size, Mean, Minimum, Maximum) and
   * {@code diagnostics_Mask-interpolated_*} (Spacing, Size, BoundingBox, VoxelNum, VolumeNum, CenterOfMassIndex,
   * CenterOfMass) after resampling.
   */
  public static LinkedHashMap<String, String> interpolated(Volume image, Mask mask) {
    LinkedHashMap<String, String> o = original(image, mask);
    LinkedHashMap<String, String> d = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : o.entrySet()) {
      String k = e.getKey();
      if (k.endsWith("_Hash") || k.endsWith("_Dimensionality")) {
        continue;
      }
      d.put(k.replace("-original_", "-interpolated_"), e.getValue());
    }
    return d;
  }

  /** Number of face-connected (6-neighbour, SimpleITK ConnectedComponent's default) components of the mask. */
  static int components(boolean[] in, int nx, int ny, int nz) {
    boolean[] seen = new boolean[in.length];
    ArrayDeque<Integer> q = new ArrayDeque<>();
    int n = 0;
    for (int s = 0; s < in.length; s++) {
      if (!in[s] || seen[s]) {
        continue;
      }
      n++;
      seen[s] = true;
      q.add(s);
      while (!q.isEmpty()) {
        int i = q.poll();
        int x = i % nx;
        int y = (i / nx) % ny;
        int z = i / (nx * ny);
        int[][] nb = {{x - 1, y, z}, {x + 1, y, z}, {x, y - 1, z}, {x, y + 1, z}, {x, y, z - 1}, {x, y, z + 1}};
        for (int[] p : nb) {
          if (p[0] >= 0 && p[0] < nx && p[1] >= 0 && p[1] < ny && p[2] >= 0 && p[2] < nz) {
            int j = p[0] + nx * (p[1] + ny * p[2]);
            if (in[j] && !seen[j]) {
              seen[j] = true;
              q.add(j);
            }
          }
        }
      }
    }
    return n;
  }

  static String tuple(double[] v) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      sb.append(i > 0 ? ", " : "").append(pyFloat(v[i]));
    }
    return sb.append(')').toString();
  }

  /** SHA-1 (hex) of float32 little-endian values. */
  static String sha1(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-1").digest(b.array());
      StringBuilder sb = new StringBuilder();
      for (byte x : h) {
        sb.append(String.format("%02x", x));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Python's {@code repr(float)}: shortest round-trip digits, positional notation for decimal exponents in [-4, 16),
   * else {@code d.ddde[+-]XX}; {@code nan}, {@code inf}.
   */
  public static String pyFloat(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String sign = bd.signum() < 0 ? "-" : "";
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    if (exp < -4 || exp >= 16) {
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
    String plain = bd.abs().toPlainString();
    return sign + (plain.contains(".") ? plain : plain + ".0");
  }
}
