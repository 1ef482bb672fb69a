package org.sparkradiomics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.management.ManagementFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;

/** Small hand-made ROIs for the family tests (unit spacing), a synthetic ~46k-voxel ROI, and a timing printer. */
public final class TestRois {
  private TestRois() {}

  /** Texture settings with all three spatial modes (2D, 2.5D, 3D), otherwise defaults. */
  public static FeatureSettings allModes() {
    return FeatureSettings.builder().textureModes(SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3).build();
  }

  /** Features of {@code family} on {@code roi} with {@code s}. */
  public static FeatureVector compute(FeatureFamily family, RoiImage roi, FeatureSettings s) {
    FeatureVector out = new FeatureVector();
    family.compute(roi, s, out);
    return out;
  }

  /**
   * Asserts that {@code fv} has {@code expectedSize} entries, all undefined with a reason; with {@code reason} not
   * null, every reason must equal it.
   */
  public static void assertAllUndefined(FeatureVector fv, int expectedSize, String reason) {
    assertEquals(expectedSize, fv.size());
    for (String name : fv.values().keySet()) {
      assertNull(fv.get(name), name);
      assertNotNull(fv.undefinedReason(name), name);
      if (reason != null) {
        assertEquals(reason, fv.undefinedReason(name), name);
      }
    }
  }

  /** Asserts that every feature in {@code fv} is defined (shows the reason of the first that is not). */
  public static void assertAllDefined(FeatureVector fv) {
    for (String name : fv.values().keySet()) {
      assertNotNull(fv.get(name), name + ": " + fv.undefinedReason(name));
    }
  }

  /**
   * A ROI box from grey levels (0 = outside): both masks are {@code levels > 0}, texture and histogram bins are the
   * levels, N_g = the largest level, intensities = the levels.
   */
  public static RoiImage roi(int nx, int ny, int nz, int[] levels) {
    return roi(nx, ny, nz, levels, Arrays.stream(levels).max().orElse(0), 1f);
  }

  /** As {@link #roi(int, int, int, int[])} with N_g = {@code ng}. */
  public static RoiImage roi(int nx, int ny, int nz, int[] levels, int ng) {
    return roi(nx, ny, nz, levels, ng, 1f);
  }

  /**
   * As {@link #roi(int, int, int, int[], int)} with intensities {@code intensityPerLevel * level} (to show that a
   * family reads the bins, not the intensities).
   */
  public static RoiImage roi(int nx, int ny, int nz, int[] levels, int ng, float intensityPerLevel) {
    int n = nx * ny * nz;
    if (levels.length != n) {
      throw new IllegalArgumentException(levels.length + " levels for a " + nx + "x" + ny + "x" + nz + " box");
    }
    boolean[] mask = new boolean[n];
    float[] intensity = new float[n];
    for (int i = 0; i < n; i++) {
      mask[i] = levels[i] > 0;
      intensity[i] = intensityPerLevel * levels[i];
    }
    return new RoiImage(nx, ny, nz, 1, 1, 1, intensity, mask, mask.clone(), levels.clone(), ng, levels.clone(), ng);
  }

  /** A ROI box from intensities and a mask (for the intensity families); bins are 1 inside, 0 outside, N_g = 1. */
  public static RoiImage intensities(int nx, int ny, int nz, float[] values, boolean[] mask) {
    int[] bins = new int[values.length];
    for (int i = 0; i < bins.length; i++) {
      bins[i] = mask[i] ? 1 : 0;
    }
    return new RoiImage(nx, ny, nz, 1, 1, 1, values, mask.clone(), mask.clone(), bins, 1, bins.clone(), 1);
  }

  /** A single-row ROI box with the given intensities, all inside the mask. */
  public static RoiImage row(float... values) {
    boolean[] mask = new boolean[values.length];
    Arrays.fill(mask, true);
    return intensities(values.length, 1, 1, values, mask);
  }

  /**
   * Grey levels of the ROI neighbours of voxel (x, y, z) at the offsets {@code offs} (bounds-checked, bin 0 =
   * outside the ROI skipped), in offset order: the naive reference for the neighbourhood families' fast paths.
   */
  public static int[] neighbourLevels(RoiImage roi, int x, int y, int z, int[][] offs) {
    int[] out = new int[offs.length];
    int k = 0;
    for (int[] o : offs) {
      int xx = x + o[0];
      int yy = y + o[1];
      int zz = z + o[2];
      if (xx >= 0 && yy >= 0 && zz >= 0 && xx < roi.nx && yy < roi.ny && zz < roi.nz) {
        int q = roi.bins[roi.index(xx, yy, zz)];
        if (q > 0) {
          out[k++] = q;
        }
      }
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * A smooth-ish random test ROI: a ball inside an nx*ny*nz box, grey levels 1..ng from a blurred random field
   * (3x3x3 box filter of uniform noise plus a gentle x ramp).
   */
  public static RoiImage randomBall(int nx, int ny, int nz, int ng, long seed) {
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
   * A smooth pseudo-random test volume: an ellipsoid ROI of about 46k voxels in a 52x50x34 box, grey levels
   * 1..ng from a sum of sinusoids plus deterministic noise (so there are runs and zones of many sizes).
   */
  public static RoiImage syntheticRoi(int ng) {
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
   * Non-asserting timing of one family on {@link #syntheticRoi} with 32 and 60 grey levels, 2D + 2.5D + 3D (see
   * {@link #printTiming}).
   */
  public static void printTimings(FeatureFamily family) {
    FeatureSettings s = allModes();
    for (int ng : new int[] {32, 60}) {
      printTiming(family, syntheticRoi(ng), s, "2D+2.5D+3D");
    }
  }

  /**
   * Non-asserting timing of {@code family} on {@code roi} with {@code s}: prints the best wall-clock and the best
   * thread-CPU time of 7 runs (the first runs include JIT compilation; CPU time is less disturbed by other
   * processes sharing the machine) and returns the features of the last run.
   */
  public static FeatureVector printTiming(FeatureFamily family, RoiImage roi, FeatureSettings s, String label) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
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
    System.out.printf("%s timing: %d ROI voxels (box %dx%dx%d), %d grey levels, %s (%d features): "
        + "best wall %.1f ms, best CPU %.1f ms%n", family.name(), roi.intensityMaskCount(), roi.nx, roi.ny, roi.nz,
        roi.nBins, label, out.size(), bestWall / 1e6, bestCpu / 1e6);
    return out;
  }
}
