package org.sparkradiomics.filters;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a filter reaches, so that it can run on the ROI's bounding box padded by its support instead of the whole
 * image, and a canonical name per filter (defaults filled in) for image types.
 *
 * <p>{@link #radius} is, per axis, the largest voxel offset any output voxel reads (through every stage: dilated
 * wavelet levels add up, a Laws energy map adds its delta, rotation invariance makes it the same on every filtered
 * axis). A response voxel whose distance to the border of a padded box is at least this radius on every axis where
 * the box does not touch the image border is then computed from exactly the voxels the whole-image response uses,
 * so it equals the whole-image response (bit for bit for the spatial-domain filters; to rounding for Gabor, whose
 * FFT size follows the box).
 *
 * <p>{@link #exact} is false for the filters that work on the whole domain in the Fourier domain with an unbounded
 * kernel: Simoncelli (and Riesz transforms, which are always applied by FFT with a periodic boundary). Their
 * responses depend on the domain they are computed on; for them {@link #radius} is a documented approximation
 * margin of {@code 32 * 2^(level-1)} voxels (Simoncelli) or the inner LoG radius plus 32 voxels (Riesz-LoG), and the
 * response on a padded box differs from the whole-image response (see docs/ibsi2-phase2.md).
 */
public final class FilterSupport {
  private FilterSupport() {}

  /** Voxel margin added around the support for filters without a finite spatial support. */
  static final int GLOBAL_MARGIN = 32;

  /** Whether the box response equals the whole-image response exactly (finite spatial support). */
  public static boolean exact(FilterSpec spec) {
    return !spec.name().equals("simoncelli") && !spec.params().containsKey("riesz");
  }

  /** Support radius in voxels along x, y, z for a grid of the given spacing (mm); 0 on unfiltered axes. */
  public static int[] radius(FilterSpec spec, double[] spacing) {
    Map<String, String> p = canonical(spec).params();
    boolean threeD;
    int[] r = new int[3];
    switch (spec.name()) {
      case "mean": {
        threeD = p.get("dim").equals("3D");
        int m = (int) num(p, "support");
        fill(r, threeD, (m - 1) / 2);
        break;
      }
      case "log": {
        threeD = p.get("dim").equals("3D");
        double sigma = num(p, "sigma");
        double trunc = num(p, "truncate");
        for (int a = 0; a < (threeD ? 3 : 2); a++) {
          r[a] = (int) Math.ceil(trunc * sigma / spacing[a] - 1e-9);
        }
        if (p.containsKey("riesz")) {
          for (int a = 0; a < (threeD ? 3 : 2); a++) {
            r[a] += GLOBAL_MARGIN;
          }
        }
        break;
      }
      case "laws": {
        String k = p.get("kernel");
        threeD = k.length() == 6;
        int half = 0;
        for (int i = 0; i < k.length(); i += 2) {
          half = Math.max(half, (k.charAt(i + 1) - '0') / 2);
        }
        int energy = p.containsKey("energy") ? (int) num(p, "energy") : 0;
        fill(r, threeD, half + energy);
        break;
      }
      case "gabor": {
        threeD = p.get("dim").equals("3D");
        double extent = num(p, "truncate") * num(p, "sigma") * Math.max(1, 1 / num(p, "gamma"));
        for (int a = 0; a < (threeD ? 3 : 2); a++) {
          r[a] = (int) Math.ceil(extent / spacing[a] - 1e-9);
        }
        break;
      }
      case "wavelet": {
        threeD = p.get("band").length() == 3;
        int len = WaveletFilter.filters(p.get("family"))[0].length;
        int level = (int) num(p, "level");
        int sum = 0;
        for (int j = 1; j <= level; j++) {
          sum += (len << (j - 1)) / 2; // dilated length L 2^(j-1), centre floor(length / 2)
        }
        fill(r, threeD, sum);
        break;
      }
      default: { // simoncelli
        threeD = p.get("dim").equals("3D");
        fill(r, threeD, GLOBAL_MARGIN << ((int) num(p, "level") - 1));
      }
    }
    return r;
  }

  private static void fill(int[] r, boolean threeD, int v) {
    r[0] = v;
    r[1] = v;
    r[2] = threeD ? v : 0;
  }

  private static double num(Map<String, String> p, String key) {
    return Double.parseDouble(p.get(key));
  }

  /**
   * The same filter with every defaulted parameter written out and numbers in their shortest plain form
   * ({@code sigma=1.50} becomes {@code sigma=1.5}), names upper-cased where case does not matter (kernel, band, dim)
   * and library aliases resolved (mode=symmetric becomes mirror, pooling=avg becomes mean): two specifications of
   * the same filter have the same canonical form. Its {@code toString()} is the image-type name, e.g.
   * {@code log:dim=3D,mode=mirror,sigma=1.5,truncate=4}.
   */
  public static FilterSpec canonical(FilterSpec spec) {
    Map<String, String> p = new TreeMap<>(spec.params());
    String name = spec.name();
    switch (name) {
      case "mean":
        p.putIfAbsent("mode", "zero");
        p.putIfAbsent("dim", "3D");
        break;
      case "log":
        p.putIfAbsent("truncate", "4");
        p.putIfAbsent("mode", "zero");
        p.putIfAbsent("dim", "3D");
        break;
      case "laws":
        p.putIfAbsent("mode", "zero");
        p.putIfAbsent("rotinv", "none");
        p.put("kernel", p.get("kernel").trim().toUpperCase(Locale.ROOT));
        p.putIfAbsent("dim", p.get("kernel").length() == 6 ? "3D" : "2D");
        break;
      case "gabor":
        p.putIfAbsent("theta", "0");
        p.putIfAbsent("step", "0");
        p.putIfAbsent("pooling", "mean");
        p.putIfAbsent("dim", "2D");
        p.putIfAbsent("mode", "zero");
        p.putIfAbsent("truncate", "4");
        break;
      case "wavelet":
        p.putIfAbsent("level", "1");
        p.putIfAbsent("mode", "zero");
        p.putIfAbsent("rotinv", "none");
        p.put("band", p.get("band").trim().toUpperCase(Locale.ROOT));
        p.put("family", p.get("family").trim().toLowerCase(Locale.ROOT).replace("db1", "haar"));
        p.putIfAbsent("dim", p.get("band").length() == 3 ? "3D" : "2D");
        break;
      default: // simoncelli
        p.putIfAbsent("level", "1");
        p.putIfAbsent("dim", "3D");
    }
    for (Map.Entry<String, String> e : p.entrySet()) {
      String k = e.getKey();
      String v = e.getValue().trim();
      switch (k) {
        case "mode":
          v = BoundaryMode.parse(v).ibsiName();
          break;
        case "pooling":
          v = Pooling.parse(v).name().toLowerCase(Locale.ROOT);
          break;
        case "rotinv":
          v = v.equalsIgnoreCase("none") ? "none" : Pooling.parse(v).name().toLowerCase(Locale.ROOT);
          break;
        case "dim":
          v = v.toUpperCase(Locale.ROOT);
          break;
        case "riesz":
          break;
        default:
          if (v.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
            BigDecimal d = new BigDecimal(v).stripTrailingZeros();
            v = d.signum() == 0 ? "0" : d.toPlainString();
          }
      }
      e.setValue(v);
    }
    StringBuilder b = new StringBuilder(name);
    String sep = ":";
    for (Map.Entry<String, String> e : p.entrySet()) {
      b.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ",";
    }
    return FilterSpec.parse(b.toString());
  }
}
