package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.io.NiftiIO;
import org.sparkradiomics.testing.RefData;

/** Test support for the run-length and zone families: IBSI reference tables, comparisons, small ROIs. */
final class ZoneTestSupport {
  private ZoneTestSupport() {}

  /** One reference row: the printed value (as text, for its significant digits) and the tolerance. */
  static final class Ref {
    final String tag;
    final String text;
    final double value;
    final double tolerance;

    Ref(String tag, String text, double tolerance) {
      this.tag = tag;
      this.text = text;
      this.value = Double.parseDouble(text);
      this.tolerance = tolerance;
    }
  }

  /** Rows of an IBSI reference CSV whose tag starts with {@code prefix}, in file order. */
  static Map<String, Ref> reference(String relativeCsv, String prefix) {
    Path p = RefData.require(relativeCsv);
    List<String> lines;
    try {
      lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Ref> out = new LinkedHashMap<>();
    for (String line : lines) {
      List<String> f = splitCsv(line);
      if (f.size() < 10) {
        continue;
      }
      String tag = f.get(f.size() - 1).trim();
      if (!tag.startsWith(prefix)) {
        continue;
      }
      // dataset, family, feature, consensus, reference value, tolerance, ..., tag
      out.put(tag, new Ref(tag, f.get(4).trim(), Double.parseDouble(f.get(5).trim())));
    }
    return out;
  }

  private static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** Significant digits of a printed number (trailing zeros of an integer are not counted). */
  static int significantDigits(String text) {
    String s = text.replace("-", "").replace("+", "");
    String digits = s.replace(".", "").replaceFirst("^0+", "");
    if (!s.contains(".")) {
      digits = digits.replaceFirst("0+$", "");
    }
    return digits.length();
  }

  /**
   * Tolerance-0 comparison: ours rounded to the reference's significant digits, at least 3 (IBSI-1 prints its
   * tolerance-0 values with 3 significant digits and drops trailing zeros, e.g. "0.24" is 0.240), must equal the
   * printed value; a printed 0 requires |ours| < 1e-9. With a tolerance, |ours - ref| <= tolerance.
   */
  static boolean matches(Ref ref, double ours) {
    if (ref.tolerance > 0) {
      return Math.abs(ours - ref.value) <= ref.tolerance;
    }
    if (ref.value == 0) {
      return Math.abs(ours) < 1e-9;
    }
    int sig = Math.max(3, significantDigits(ref.text));
    double rounded = new BigDecimal(ours).round(new MathContext(sig, RoundingMode.HALF_UP)).doubleValue();
    return Math.abs(rounded - ref.value) <= 1e-12 * Math.abs(ref.value);
  }

  /**
   * Compares every reference row with {@code ours}, prints a table and returns the tags that failed (a missing or
   * undefined feature fails).
   */
  static List<String> compare(String title, Map<String, Ref> refs, FeatureVector ours) {
    return compare(title, refs, ours, true);
  }

  /** As {@link #compare(String, Map, FeatureVector)}; {@code table = false} prints only the pass count. */
  static List<String> compare(String title, Map<String, Ref> refs, FeatureVector ours, boolean table) {
    List<String> failed = new ArrayList<>();
    StringBuilder sb = new StringBuilder(title).append('\n');
    for (Ref r : refs.values()) {
      Double v = ours.get(r.tag);
      boolean ok = v != null && matches(r, v);
      if (!ok) {
        failed.add(r.tag + " ours=" + v + " ref=" + r.text + " tol=" + r.tolerance);
      }
      sb.append(String.format("  %-28s ours=%-14.6g ref=%-8s tol=%-8s %s%n", r.tag, v == null ? Double.NaN : v,
          r.text, r.tolerance, ok ? "ok" : "FAIL"));
    }
    sb.append("  ").append(refs.size() - failed.size()).append('/').append(refs.size()).append(" pass");
    System.out.println(table ? sb : title + ": " + (refs.size() - failed.size()) + "/" + refs.size() + " pass");
    return failed;
  }

  /**
   * Non-asserting timing of one family on the synthetic ~46k-voxel ROI with 32 and 60 grey levels, all three
   * spatial modes: prints the best wall-clock and the best thread-CPU time of 7 runs (the first runs include JIT
   * compilation; CPU time is less disturbed by other processes sharing the machine).
   */
  static void printTimings(FeatureFamily family) {
    FeatureSettings s =
        FeatureSettings.builder().textureModes(SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3).build();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int ng : new int[] {32, 60}) {
      RoiImage roi = syntheticRoi(ng);
      long bestWall = Long.MAX_VALUE;
      long bestCpu = Long.MAX_VALUE;
      FeatureVector out = null;
      for (int rep = 0; rep < 7; rep++) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        out = new FeatureVector();
        family.compute(roi, s, out);
        bestWall = Math.min(bestWall, System.nanoTime() - t0);
        bestCpu = Math.min(bestCpu, mx.getCurrentThreadCpuTime() - c0);
      }
      System.out.printf("%s timing: %d ROI voxels (box %dx%dx%d), %d grey levels, 2D+2.5D+3D (%d features): "
          + "best wall %.1f ms, best CPU %.1f ms%n", family.name(), roi.intensityMaskCount(), roi.nx, roi.ny, roi.nz,
          ng, out.size(), bestWall / 1e6, bestCpu / 1e6);
    }
  }

  /** A ROI over a box from grey levels (0 = outside); both masks are {@code bins > 0}. */
  static RoiImage roi(int nx, int ny, int nz, int[] bins) {
    int n = nx * ny * nz;
    assertEquals(n, bins.length);
    boolean[] mask = new boolean[n];
    float[] intensity = new float[n];
    int ng = 0;
    for (int i = 0; i < n; i++) {
      mask[i] = bins[i] > 0;
      intensity[i] = bins[i];
      ng = Math.max(ng, bins[i]);
    }
    return new RoiImage(nx, ny, nz, 1, 1, 1, intensity, mask, mask.clone(), bins.clone(), ng, bins.clone(), ng);
  }

  /**
   * A smooth pseudo-random test volume: an ellipsoid ROI of about 46k voxels in a 52x50x34 box, grey levels
   * 1..ng from a sum of sinusoids plus deterministic noise (so there are runs and zones of many sizes).
   */
  static RoiImage syntheticRoi(int ng) {
    int nx = 52;
    int ny = 50;
    int nz = 34;
    int[] bins = new int[nx * ny * nz];
    long seed = 12345;
    for (int z = 0, v = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++, v++) {
          double ex = (x - 25.5) / 26.0;
          double ey = (y - 24.5) / 25.0;
          double ez = (z - 16.5) / 17.0;
          seed = seed * 6364136223846793005L + 1442695040888963407L;
          double noise = ((seed >>> 11) * 0x1.0p-53) - 0.5;
          if (ex * ex + ey * ey + ez * ez <= 1.0) {
            double s = 0.5 + 0.2 * Math.sin(x * 0.35) + 0.15 * Math.cos(y * 0.27 + z * 0.4) + 0.1 * noise;
            bins[v] = Math.max(1, Math.min(ng, 1 + (int) Math.floor(s * ng)));
          }
        }
      }
    }
    return roi(nx, ny, nz, bins);
  }

  /**
   * The IBSI-1 CT phantom prepared as configuration A prescribes, without interpolation: morphological mask = the
   * phantom mask; intensity mask = morphological mask with intensities in [-500, 400] HU; fixed bin size 25 HU with
   * lower bound -500. Cropped to the mask's bounding box plus one voxel. Loaded once per test JVM (read-only use).
   */
  static synchronized RoiImage ctPhantomConfigA() {
    if (ctConfigA == null) {
      ctConfigA = loadCtPhantomConfigA();
    }
    return ctConfigA;
  }

  private static RoiImage ctConfigA;

  private static RoiImage loadCtPhantomConfigA() {
    Volume v = NiftiIO.readVolume(RefData.require("ibsi1/ct-phantom/nifti/image/phantom.nii.gz"));
    Mask m = NiftiIO.readMask(RefData.require("ibsi1/ct-phantom/nifti/mask/mask.nii.gz"), null);
    assertEquals(v.nx(), m.nx());
    int nx = v.nx();
    int ny = v.ny();
    int nz = v.nz();
    boolean[] inside = m.inside();
    int x0 = nx;
    int y0 = ny;
    int z0 = nz;
    int x1 = -1;
    int y1 = -1;
    int z1 = -1;
    for (int z = 0, i = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++, i++) {
          if (inside[i]) {
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
            z0 = Math.min(z0, z);
            z1 = Math.max(z1, z);
          }
        }
      }
    }
    assertTrue(x1 >= 0, "CT phantom mask is empty");
    x0 = Math.max(0, x0 - 1);
    y0 = Math.max(0, y0 - 1);
    z0 = Math.max(0, z0 - 1);
    x1 = Math.min(nx - 1, x1 + 1);
    y1 = Math.min(ny - 1, y1 + 1);
    z1 = Math.min(nz - 1, z1 + 1);
    int bx = x1 - x0 + 1;
    int by = y1 - y0 + 1;
    int bz = z1 - z0 + 1;
    int bn = bx * by * bz;
    float[] intensity = new float[bn];
    boolean[] morph = new boolean[bn];
    boolean[] intens = new boolean[bn];
    float[] data = v.data();
    for (int z = 0, j = 0; z < bz; z++) {
      for (int y = 0; y < by; y++) {
        for (int x = 0; x < bx; x++, j++) {
          int i = (x + x0) + nx * ((y + y0) + ny * (z + z0));
          intensity[j] = data[i];
          morph[j] = inside[i];
          intens[j] = inside[i] && data[i] >= -500 && data[i] <= 400;
        }
      }
    }
    int[] bins = new int[bn];
    int ng = Discretisation.fixedBinSize(25).apply(intensity, intens, -500, bins);
    assertTrue(ng > 0, "CT phantom config A: no grey level after discretisation");
    return new RoiImage(bx, by, bz, v.spacing(0), v.spacing(1), v.spacing(2), intensity, morph, intens, bins, ng,
        bins.clone(), ng);
  }
}
