package org.sparkradiomics.features.families;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.io.NiftiIO;
import org.sparkradiomics.testing.RefData;

/** Test support shared by the NGTDM and NGLDM tests: IBSI reference rows, small ROIs, the CT phantom ROI. */
final class NeighbourhoodFamilyTestSupport {
  private NeighbourhoodFamilyTestSupport() {}

  /** One IBSI reference row: tag, value as printed, tolerance. */
  static final class Ref {
    final String tag;
    final String printed;
    final double value;
    final double tolerance;

    Ref(String tag, String printed, double tolerance) {
      this.tag = tag;
      this.printed = printed;
      this.value = Double.parseDouble(printed);
      this.tolerance = tolerance;
    }

    /**
     * IBSI criterion: |ours - ref| &lt;= tolerance; with tolerance 0, ours rounded to the reference's printed
     * decimals must equal it.
     */
    boolean matches(double ours) {
      if (tolerance > 0) {
        return Math.abs(ours - value) <= tolerance;
      }
      int scale = new BigDecimal(printed).scale();
      BigDecimal rounded = new BigDecimal(ours).setScale(Math.max(scale, 0), RoundingMode.HALF_UP);
      return rounded.compareTo(new BigDecimal(printed).setScale(Math.max(scale, 0), RoundingMode.HALF_UP)) == 0;
    }
  }

  /** Rows of an IBSI reference CSV whose tag starts with {@code prefix}. */
  static List<Ref> references(String relative, String prefix) {
    Path p = RefData.require(relative);
    List<Ref> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        String[] c = line.split(",", -1);
        if (c.length < 10) {
          continue;
        }
        String tag = c[c.length - 1].trim();
        if (tag.startsWith(prefix)) {
          out.add(new Ref(tag, c[4].trim(), Double.parseDouble(c[5].trim())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Checks every reference row against {@code fv}, prints a table and asserts that all match.
   *
   * @return the number of rows checked
   */
  static int assertAllMatch(List<Ref> refs, FeatureVector fv, String title) {
    StringBuilder report = new StringBuilder(title).append('\n');
    List<String> failures = new ArrayList<>();
    for (Ref r : refs) {
      Double ours = fv.get(r.tag);
      boolean ok = ours != null && r.matches(ours);
      report.append(String.format("  %-24s ref %-10s tol %-8s ours %-14s %s%n", r.tag, r.printed, r.tolerance,
          ours == null ? "undefined(" + fv.undefinedReason(r.tag) + ")" : String.format("%.6g", ours),
          ok ? "PASS" : "FAIL"));
      if (!ok) {
        failures.add(r.tag + ": ours " + ours + " vs ref " + r.printed + " ± " + r.tolerance);
      }
    }
    System.out.print(report);
    assertTrue(failures.isEmpty(), title + " mismatches: " + failures);
    return refs.size();
  }

  /** A RoiImage from grey levels (0 = outside the ROI), unit spacing. */
  static RoiImage roi(int nx, int ny, int nz, int[] levels) {
    int n = nx * ny * nz;
    float[] intensity = new float[n];
    boolean[] mask = new boolean[n];
    int ng = 0;
    for (int i = 0; i < n; i++) {
      intensity[i] = levels[i];
      mask[i] = levels[i] > 0;
      ng = Math.max(ng, levels[i]);
    }
    return new RoiImage(nx, ny, nz, 1, 1, 1, intensity, mask, mask.clone(), levels.clone(), ng, levels.clone(), ng);
  }

  /**
   * A smooth-ish random test ROI: a ball inside an nx*ny*nz box, grey levels 1..ng from a blurred random field.
   */
  static RoiImage randomBall(int nx, int ny, int nz, int ng, long seed) {
    Random rnd = new Random(seed);
    int n = nx * ny * nz;
    double[] f = new double[n];
    for (int i = 0; i < n; i++) {
      f[i] = rnd.nextDouble();
    }
    double[] g = new double[n];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          double s = 0;
          int c = 0;
          for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
              for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                int zz = z + dz;
                if (xx >= 0 && yy >= 0 && zz >= 0 && xx < nx && yy < ny && zz < nz) {
                  s += f[xx + nx * (yy + ny * zz)];
                  c++;
                }
              }
            }
          }
          g[x + nx * (y + ny * z)] = s / c + 0.15 * x / nx;
        }
      }
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : g) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    int[] levels = new int[n];
    double rx = nx / 2.0;
    double ry = ny / 2.0;
    double rz = nz / 2.0;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          double ex = (x + 0.5 - rx) / rx;
          double ey = (y + 0.5 - ry) / ry;
          double ez = (z + 0.5 - rz) / rz;
          int i = x + nx * (y + ny * z);
          if (ex * ex + ey * ey + ez * ez <= 1.0) {
            levels[i] = Math.min(ng, (int) Math.floor(ng * (g[i] - lo) / (hi - lo)) + 1);
          }
        }
      }
    }
    return roi(nx, ny, nz, levels);
  }

  /**
   * IBSI-1 configuration A on the CT phantom: no interpolation, intensity mask resegmented to [-500, 400] HU, fixed
   * bin size 25 HU with lower bound -500, cropped to the mask's bounding box.
   */
  static RoiImage ctPhantomConfigA() {
    Volume v = NiftiIO.readVolume(RefData.require("ibsi1/ct-phantom/nifti/image/phantom.nii.gz"));
    Mask m = NiftiIO.readMask(RefData.require("ibsi1/ct-phantom/nifti/mask/mask.nii.gz"), null);
    int nx = v.nx();
    int ny = v.ny();
    int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
    int[] hi = {-1, -1, -1};
    boolean[] in = m.inside();
    for (int z = 0; z < v.nz(); z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          if (in[x + nx * (y + ny * z)]) {
            int[] c = {x, y, z};
            for (int k = 0; k < 3; k++) {
              lo[k] = Math.min(lo[k], c[k]);
              hi[k] = Math.max(hi[k], c[k]);
            }
          }
        }
      }
    }
    int bx = hi[0] - lo[0] + 1;
    int by = hi[1] - lo[1] + 1;
    int bz = hi[2] - lo[2] + 1;
    int n = bx * by * bz;
    float[] data = new float[n];
    boolean[] morph = new boolean[n];
    boolean[] intensityMask = new boolean[n];
    for (int z = 0; z < bz; z++) {
      for (int y = 0; y < by; y++) {
        for (int x = 0; x < bx; x++) {
          int src = (x + lo[0]) + nx * ((y + lo[1]) + ny * (z + lo[2]));
          int dst = x + bx * (y + by * z);
          data[dst] = v.data()[src];
          morph[dst] = in[src];
          intensityMask[dst] = in[src] && data[dst] >= -500 && data[dst] <= 400;
        }
      }
    }
    int[] bins = new int[n];
    int ng = Discretisation.fixedBinSize(25).apply(data, intensityMask, -500, bins);
    return new RoiImage(bx, by, bz, v.spacing(0), v.spacing(1), v.spacing(2), data, morph, intensityMask, bins, ng,
        bins.clone(), ng);
  }
}
