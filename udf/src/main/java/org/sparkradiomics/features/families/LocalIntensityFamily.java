package org.sparkradiomics.features.families;

import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;

/**
 * IBSI-1 local intensity features (section 3.2, tags {@code loc_*}).
 *
 * <p>The local mean around voxel c is the mean intensity of every voxel of the box (inside or outside the ROI;
 * {@link RoiImage#intensity} covers a margin around it) whose centre lies within distance r of c's centre, r =
 * {@link FeatureSettings#localIntensityRadiusMm()} (a 1 cm³ sphere by default). Voxels beyond the box edge do not
 * exist and are not counted. Sums over the sphere are taken with running sums: the sphere is a union of x-runs
 * {@code [-w(dy,dz), w(dy,dz)]}, and each run sum is a difference of x-prefix sums, so a local mean costs one lookup
 * per (dy, dz) row instead of one per sphere voxel.
 *
 * <p>{@link #compute} prepares the ROI once ({@link #prepare}: prefix sums, sphere rows, maximal-intensity voxels)
 * and then calls one method per feature; each method's Javadoc gives the IBSI-1 definition and code.
 */
public final class LocalIntensityFamily implements FeatureFamily {
  public LocalIntensityFamily() {}

  @Override
  public String name() {
    return "loc";
  }

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    Prepared p = prepare(roi, settings);
    if (p == null) {
      out.putUndefined("loc_peak_loc", "empty intensity mask");
      out.putUndefined("loc_peak_glob", "empty intensity mask");
      return;
    }
    out.put("loc_peak_loc", localIntensityPeak(p));
    out.put("loc_peak_glob", globalIntensityPeak(p));
  }

  /**
   * The prepared ROI: the sphere-mean evaluator (x-prefix sums of the box) and the voxels of highest intensity in
   * the intensity mask.
   */
  static final class Prepared {
    final RoiImage roi;
    final SphereMean sphere;
    final int[] maxVoxels;

    Prepared(RoiImage roi, SphereMean sphere, int[] maxVoxels) {
      this.roi = roi;
      this.sphere = sphere;
      this.maxVoxels = maxVoxels;
    }
  }

  /**
   * Per-ROI preparation: one pass over the box for the prefix sums ({@link SphereMean}) and one over the intensity
   * mask for the maximum intensity and the voxels that reach it (none when every intensity is NaN). Null when the
   * intensity mask is empty.
   */
  static Prepared prepare(RoiImage roi, FeatureSettings settings) {
    boolean any = false;
    double max = Double.NEGATIVE_INFINITY;
    int[] at = new int[4];
    int count = 0;
    for (int i = 0; i < roi.voxelCount(); i++) {
      if (!roi.intensityMask[i]) {
        continue;
      }
      any = true;
      double v = roi.intensity[i];
      if (v > max) {
        max = v;
        count = 0;
      }
      if (v == max) {
        if (count == at.length) {
          at = java.util.Arrays.copyOf(at, 2 * count);
        }
        at[count++] = i;
      }
    }
    if (!any) {
      return null;
    }
    SphereMean sm = new SphereMean(roi, settings.localIntensityRadiusMm());
    return new Prepared(roi, sm, java.util.Arrays.copyOf(at, count));
  }

  /**
   * Local intensity peak, IBSI VJGA: the mean intensity within the sphere of radius r around the voxel of highest
   * intensity in the intensity mask; when several voxels share the maximum, the largest of their local means. Tag
   * loc_peak_loc. Minus infinity (stored as undefined) when no voxel has a maximal intensity.
   */
  static double localIntensityPeak(Prepared p) {
    RoiImage roi = p.roi;
    double peak = Double.NEGATIVE_INFINITY;
    for (int i : p.maxVoxels) {
      int x = i % roi.nx;
      int y = (i / roi.nx) % roi.ny;
      int z = i / (roi.nx * roi.ny);
      peak = Math.max(peak, p.sphere.mean(x, y, z));
    }
    return peak;
  }

  /**
   * Global intensity peak, IBSI 0F91: {@code max_c} of the mean intensity within the sphere of radius r around
   * voxel c, over every voxel c of the intensity mask (one sphere mean per mask voxel). Tag loc_peak_glob.
   */
  static double globalIntensityPeak(Prepared p) {
    RoiImage roi = p.roi;
    double peak = Double.NEGATIVE_INFINITY;
    for (int z = 0; z < roi.nz; z++) {
      for (int y = 0; y < roi.ny; y++) {
        for (int x = 0; x < roi.nx; x++) {
          if (roi.intensityMask[roi.index(x, y, z)]) {
            peak = Math.max(peak, p.sphere.mean(x, y, z));
          }
        }
      }
    }
    return peak;
  }

  /** Sphere means by x-prefix sums over the RoiImage box. */
  static final class SphereMean {
    private final RoiImage roi;
    private final double[] prefix; // per x-row, (nx + 1) entries: prefix[row*(nx+1) + x] = sum of intensity[0..x)
    private final int[] countPrefix; // same layout: number of finite intensities in [0..x), null when all finite
    private final int[] dys;
    private final int[] dzs;
    private final int[] half;

    SphereMean(RoiImage roi, double radiusMm) {
      this.roi = roi;
      int nx = roi.nx;
      int rows = roi.ny * roi.nz;
      prefix = new double[rows * (nx + 1)];
      boolean allFinite = true;
      for (float f : roi.intensity) {
        if (!Float.isFinite(f)) {
          allFinite = false;
          break;
        }
      }
      countPrefix = allFinite ? null : new int[rows * (nx + 1)];
      for (int row = 0; row < rows; row++) {
        double s = 0;
        int c = 0;
        int p = row * (nx + 1);
        int src = row * nx;
        for (int x = 0; x < nx; x++) {
          float f = roi.intensity[src + x];
          if (Float.isFinite(f)) {
            s += f;
            c++;
          }
          prefix[p + x + 1] = s;
          if (countPrefix != null) {
            countPrefix[p + x + 1] = c;
          }
        }
      }
      double r2 = radiusMm * radiusMm * (1 + 1e-12);
      int ry = (int) Math.floor(radiusMm / roi.sy + 1e-9);
      int rz = (int) Math.floor(radiusMm / roi.sz + 1e-9);
      int n = 0;
      int[] ty = new int[(2 * ry + 1) * (2 * rz + 1)];
      int[] tz = new int[ty.length];
      int[] th = new int[ty.length];
      for (int dz = -rz; dz <= rz; dz++) {
        for (int dy = -ry; dy <= ry; dy++) {
          double rem = r2 - (dy * roi.sy) * (dy * roi.sy) - (dz * roi.sz) * (dz * roi.sz);
          if (rem < 0) {
            continue;
          }
          int w = (int) Math.floor(Math.sqrt(rem) / roi.sx);
          // guard the floor against rounding: keep the largest w with (w sx)^2 <= rem
          while ((w + 1) * roi.sx * (w + 1) * roi.sx <= rem) {
            w++;
          }
          while (w > 0 && w * roi.sx * w * roi.sx > rem) {
            w--;
          }
          ty[n] = dy;
          tz[n] = dz;
          th[n] = w;
          n++;
        }
      }
      dys = java.util.Arrays.copyOf(ty, n);
      dzs = java.util.Arrays.copyOf(tz, n);
      half = java.util.Arrays.copyOf(th, n);
    }

    /** Mean intensity of the box voxels within the sphere around voxel (x, y, z); non-finite voxels are skipped. */
    double mean(int x, int y, int z) {
      int nx = roi.nx;
      double sum = 0;
      long count = 0;
      for (int k = 0; k < dys.length; k++) {
        int yy = y + dys[k];
        int zz = z + dzs[k];
        if (yy < 0 || yy >= roi.ny || zz < 0 || zz >= roi.nz) {
          continue;
        }
        int lo = Math.max(0, x - half[k]);
        int hi = Math.min(nx - 1, x + half[k]);
        int p = (yy + roi.ny * zz) * (nx + 1);
        sum += prefix[p + hi + 1] - prefix[p + lo];
        count += countPrefix == null ? hi - lo + 1 : countPrefix[p + hi + 1] - countPrefix[p + lo];
      }
      return sum / count;
    }
  }
}
