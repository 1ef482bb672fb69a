package org.sparkradiomics.features.families;

import java.io.IOException;
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
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.io.NiftiIO;
import org.sparkradiomics.testing.RefData;

/**
 * Test support for the stat/ih/ivh/cm families: reads IBSI-1 reference CSVs and compares our values with them.
 *
 * <p>Comparison rule: with a tolerance t &gt; 0, {@code |ours - ref| <= t}. With tolerance 0 the reference is
 * printed at IBSI's precision (3 significant digits, trailing zeros dropped), so ours is rounded half-up to
 * {@code max(3, significant digits printed)} significant digits and must then equal the reference.
 */
final class StatGlcmReference {
  private StatGlcmReference() {}

  /** One reference row. */
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

  /** Rows of {@code csv} whose tag starts with {@code prefix} and that have a reference value, in file order. */
  static Map<String, Ref> load(Path csv, String prefix) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Ref> refs = new LinkedHashMap<>();
    for (int li = 1; li < lines.size(); li++) {
      List<String> c = split(lines.get(li));
      if (c.size() < 10) {
        continue;
      }
      String tag = c.get(9).trim();
      String value = c.get(4).trim();
      if (!tag.startsWith(prefix) || value.isEmpty()) {
        continue;
      }
      String tol = c.get(5).trim();
      refs.put(tag, new Ref(tag, value, tol.isEmpty() ? 0.0 : Double.parseDouble(tol)));
    }
    return refs;
  }

  /** Splits one CSV line, honouring double quotes. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** Significant digits printed in a decimal string (trailing zeros of an integer do not count). */
  static int significantDigits(String text) {
    String s = text.replace("-", "").replace("+", "");
    boolean hasPoint = s.contains(".");
    String digits = s.replace(".", "").replaceFirst("^0+", "");
    if (!hasPoint) {
      digits = digits.replaceFirst("0+$", "");
    }
    return Math.max(1, digits.length());
  }

  /** True when ours matches the reference under the rule in the class comment. */
  static boolean matches(double ours, Ref r) {
    if (r.tolerance > 0) {
      return Math.abs(ours - r.value) <= r.tolerance * (1 + 1e-9);
    }
    int sig = Math.max(3, significantDigits(r.text));
    double rounded = new BigDecimal(ours).round(new MathContext(sig, RoundingMode.HALF_UP)).doubleValue();
    return Math.abs(rounded - r.value) <= 1e-12 * Math.max(1.0, Math.abs(r.value));
  }

  /**
   * Checks every reference against {@code fv}; returns one line per mismatch or missing value (empty = all pass)
   * and prints the pass count and the mismatching rows to stdout.
   */
  static List<String> check(FeatureVector fv, Map<String, Ref> refs, String label) {
    List<String> failures = new ArrayList<>();
    int pass = 0;
    StringBuilder table = new StringBuilder();
    for (Ref r : refs.values()) {
      Double ours = fv.get(r.tag);
      boolean ok = ours != null && matches(ours, r);
      if (ok) {
        pass++;
      } else {
        failures.add(r.tag + ": ours=" + (ours == null ? "undefined (" + fv.undefinedReason(r.tag) + ")" : ours)
            + " ref=" + r.text + " tol=" + r.tolerance);
      }
      if (!ok) {
        table.append(String.format("  %-34s ours=%-14.6g ref=%-12s tol=%-8s %s%n", r.tag,
            ours == null ? Double.NaN : ours, r.text, r.tolerance, "FAIL"));
      }
    }
    System.out.println("[" + label + "] " + pass + "/" + refs.size() + " reference values match");
    System.out.print(table);
    return failures;
  }

  private static RoiImage ctConfigA;

  /**
   * The IBSI-1 CT phantom prepared like configuration A, built by hand for the test: no interpolation (the NIfTI
   * grid), intensity mask = ROI mask with intensities in [-500, 400] HU, fixed bin size 25 HU with lower bound
   * -500 for both texture and histogram grey levels; cropped to the ROI bounding box.
   */
  static synchronized RoiImage ctConfigA() {
    if (ctConfigA != null) {
      return ctConfigA;
    }
    Volume v = NiftiIO.readVolume(RefData.require("ibsi1/ct-phantom/nifti/image/phantom.nii.gz"));
    Mask m = NiftiIO.readMask(RefData.require("ibsi1/ct-phantom/nifti/mask/mask.nii.gz"), null);
    int nx = v.nx();
    int ny = v.ny();
    int nz = v.nz();
    int x0 = nx;
    int y0 = ny;
    int z0 = nz;
    int x1 = -1;
    int y1 = -1;
    int z1 = -1;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          if (m.get(x, y, z)) {
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            z0 = Math.min(z0, z);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
            z1 = Math.max(z1, z);
          }
        }
      }
    }
    int bx = x1 - x0 + 1;
    int by = y1 - y0 + 1;
    int bz = z1 - z0 + 1;
    int n = bx * by * bz;
    float[] in = new float[n];
    boolean[] morph = new boolean[n];
    boolean[] inten = new boolean[n];
    for (int z = 0; z < bz; z++) {
      for (int y = 0; y < by; y++) {
        for (int x = 0; x < bx; x++) {
          int i = x + bx * (y + by * z);
          float val = v.get(x + x0, y + y0, z + z0);
          in[i] = val;
          morph[i] = m.get(x + x0, y + y0, z + z0);
          inten[i] = morph[i] && val >= -500f && val <= 400f;
        }
      }
    }
    int[] bins = new int[n];
    int ng = Discretisation.fixedBinSize(25).apply(in, inten, -500, bins);
    ctConfigA = new RoiImage(bx, by, bz, v.spacing(0), v.spacing(1), v.spacing(2), in, morph, inten, bins, ng,
        bins.clone(), ng);
    return ctConfigA;
  }
}
