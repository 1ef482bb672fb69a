package org.sparkradiomics.features.pyradiomics;

import org.sparkradiomics.features.FeatureSettings.Interpolator;
import org.sparkradiomics.features.preprocess.Resampler;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics' {@code imageoperations.resampleImage} (v3.1): resampling onto a grid aligned on the corner of the
 * image, cropped to the ROI's bounding box plus {@code padDistance}. Per axis, with source spacing s, target s'
 * (0 keeps s), ratio r = s / s', mask bounding box [lo, hi] (indices) and pad d:
 *
 * <pre>
 *   L = max(0, floor((lo - 0.5 - d) r)),   U = min(ceil(n r) - 1, ceil((hi + 0.5 + d) r)),   n' = U - L + 1
 *   p_j = (s' - s) / (2 s) + (L + j) s' / s          (source continuous index of new voxel j)
 * </pre>
 * so that new voxel L's corner lies at {@code -0.5 + L s'/s}, i.e. the new grid starts at the image corner. The image
 * is interpolated with {@code interpolator} (sitkNearestNeighbor, sitkLinear, sitkBSpline = cubic B-spline), the mask
 * with nearest neighbour ({@code floor(p + 1/2)}). Points outside the source buffer {@code [-0.5, n - 0.5]} get 0 and
 * are outside the mask, as SimpleITK's ResampleImageFilter default value. Differences to SimpleITK, by construction:
 * our cubic B-spline prefilter uses edge replication at the image border where ITK mirrors (identical away from the
 * border), and resampled intensities keep float precision (SimpleITK casts them back to the image's pixel type).
 */
public final class PyResampler {
  private PyResampler() {}

  /** The resampled image and mask. */
  public static final class Result {
    public final Volume image;
    public final Mask mask;

    Result(Volume image, Mask mask) {
      this.image = image;
      this.mask = mask;
    }
  }

  /** Fails with a clear message when {@code sitk} is not an emulated interpolator. */
  public static void check(String sitk) {
    interpolator(sitk);
  }

  /** Maps a SimpleITK interpolator name to ours; other sitk interpolators are a clear error. */
  static Interpolator interpolator(String sitk) {
    switch (sitk) {
      case "sitkNearestNeighbor":
        return Interpolator.NEAREST;
      case "sitkLinear":
        return Interpolator.LINEAR;
      case "sitkBSpline":
        return Interpolator.CUBIC_SPLINE;
      default:
        throw new IllegalArgumentException("setting.interpolator " + sitk + " is not emulated (sitkNearestNeighbor, "
            + "sitkLinear, sitkBSpline are)");
    }
  }

  /**
   * @param lo mask bounding box lower corner (indices)
   * @param hi mask bounding box upper corner (inclusive)
   */
  public static Result resample(Volume image, Mask mask, int[] lo, int[] hi, double[] target, int pad,
      String interpolatorName) {
    Interpolator interp = interpolator(interpolatorName);
    int[] n = {image.nx(), image.ny(), image.nz()};
    double[] sp = new double[3];
    double[][] pos = new double[3][];
    for (int a = 0; a < 3; a++) {
      double s = image.spacing(a);
      double t = target[a] == 0 ? s : target[a];
      sp[a] = t;
      double r = s / t;
      long l = (long) Math.max(0, Math.floor((lo[a] - 0.5 - pad) * r));
      long u = (long) Math.min(Math.ceil(n[a] * r) - 1, Math.ceil((hi[a] + 0.5 + pad) * r));
      int m = (int) (u - l + 1);
      pos[a] = new double[m];
      for (int j = 0; j < m; j++) {
        pos[a][j] = (t - s) / (2 * s) + (l + j) * t / s;
      }
    }
    Resampler.Grid g = Resampler.customGrid(image, sp, pos);
    int[] zero = {0, 0, 0};
    int[] dims = {g.nx(), g.ny(), g.nz()};
    double[] img = Resampler.resampleBlock(image.data(), g, interp, zero, dims);
    float[] maskF = new float[mask.inside().length];
    boolean[] in = mask.inside();
    for (int i = 0; i < in.length; i++) {
      maskF[i] = in[i] ? 1 : 0;
    }
    double[] msk = Resampler.resampleBlock(maskF, g, Interpolator.NEAREST, zero, dims);
    float[] outImg = new float[img.length];
    boolean[] outMask = new boolean[img.length];
    for (int z = 0; z < dims[2]; z++) {
      boolean zin = inside(pos[2][z], n[2]);
      for (int y = 0; y < dims[1]; y++) {
        boolean yin = zin && inside(pos[1][y], n[1]);
        for (int x = 0; x < dims[0]; x++) {
          int i = x + dims[0] * (y + dims[1] * z);
          if (yin && inside(pos[0][x], n[0])) {
            outImg[i] = (float) img[i];
            outMask[i] = msk[i] >= 0.5;
          }
        }
      }
    }
    Volume v = new Volume(dims[0], dims[1], dims[2], outImg, sp, g.origin(), image.direction());
    return new Result(v, Mask.onGridOf(v, outMask));
  }

  private static boolean inside(double p, int n) {
    return p >= -0.5 && p <= n - 0.5;
  }
}
