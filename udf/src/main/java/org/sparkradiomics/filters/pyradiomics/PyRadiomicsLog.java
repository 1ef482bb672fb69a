package org.sparkradiomics.filters.pyradiomics;

import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.filters.BoundaryMode;
import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics {@code getLoGImage}: SimpleITK {@code LaplacianRecursiveGaussianImageFilter} with
 * {@code SetSigma(sigma)} (mm) and {@code SetNormalizeAcrossScale(True)}, always 3D (prefix
 * {@code log-sigma-<s>-mm-3D}, {@link PyRadiomicsImageType#logPrefix}).
 *
 * <p><b>What is computed.</b> The scale-normalised Laplacian of the Gaussian-smoothed image in physical units:
 * {@code sigma^2 * sum_a d^2/dx_a^2 (G_sigma * I)}, x_a in mm. ITK obtains it with one recursive (IIR, Deriche)
 * second-derivative Gaussian per axis and zero-order recursive Gaussians along the other axes, each normalised
 * across scale, and sums the axes. Here it is computed with exact sampled kernels: per axis a, with
 * {@code sigma_a = sigma / s_a} voxels and the 1D Gaussian {@code g_a(i) = exp(-i^2 / (2 sigma_a^2)) /
 * (sigma_a sqrt(2 pi))}, the term {@code (sigma^2 / s_a^2) * (g_a'' along a) * (g_b along b != a)} with
 * {@code g''(i) = g(i) (i^2 / sigma_a^4 - 1 / sigma_a^2)}, truncated at {@code |i| <= ceil(truncate * sigma_a)}
 * ({@link #DEFAULT_TRUNCATE} = 4). For isotropic spacing s this is {@code (sigma/s)^2} times the IBSI-2
 * {@link org.sparkradiomics.filters.LogFilter} response (the tests check that identity); for anisotropic spacing the
 * per-axis weights {@code 1/s_a^2} make it the physical Laplacian, which LogFilter's voxel-unit sum is not.
 *
 * <p><b>Difference to SimpleITK.</b> ITK's recursive Gaussian is Deriche's 4th-order IIR approximation of the
 * Gaussian and its derivatives (infinite support; its approximation error grows as sigma approaches one voxel),
 * whereas the sampled kernel here is exact at the samples up to the truncation (two-sided tail mass 6.3e-5 at 4
 * sigma). Values therefore differ from PyRadiomics by the IIR approximation error, not bit for bit; that difference
 * was not measured (SimpleITK is not available on the build machine). The boundary is the same kind: ITK's
 * recursive filter initialises with the border value repeated (constant extension), here
 * {@link BoundaryMode#NEAREST}.
 *
 * <p><b>PyRadiomics' checks</b> (on the image it filters, see {@link RoiCrop} for which image that is): when
 * {@code numpy.min(size) < 4} it skips LoG altogether ("Image too small to apply LoG filter"); for each sigma it
 * skips the sigma unless {@code sigma > 0} and {@code numpy.all(size >= numpy.ceil(sigma / spacing) + 1)}. Here
 * both are a {@link RadiomicsException} with {@link ErrorKind#INVALID_SETTINGS} from {@link #checkApplicable}; a
 * caller that wants PyRadiomics' skip-and-warn behaviour catches it and omits the columns.
 */
public final class PyRadiomicsLog {
  /** Gaussian truncation in standard deviations. */
  public static final double DEFAULT_TRUNCATE = 4.0;

  private PyRadiomicsLog() {}

  /**
   * PyRadiomics' applicability checks for {@code sigma} on an image of {@code size} voxels (x, y, z) and
   * {@code spacing} (mm): min(size) &gt;= 4, sigma &gt; 0, and {@code size_a >= ceil(sigma / spacing_a) + 1} on every
   * axis.
   *
   * @throws RadiomicsException INVALID_SETTINGS when PyRadiomics would skip this LoG image
   */
  public static void checkApplicable(int[] size, double[] spacing, double sigmaMm) {
    int min = Math.min(size[0], Math.min(size[1], size[2]));
    if (min < 4) {
      throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "image too small to apply the PyRadiomics LoG filter: "
          + size[0] + "x" + size[1] + "x" + size[2] + " (every dimension must be >= 4)");
    }
    if (!(sigmaMm > 0) || Double.isInfinite(sigmaMm)) {
      throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "LoG sigma must be greater than 0.0: " + sigmaMm);
    }
    for (int a = 0; a < 3; a++) {
      if (size[a] < Math.ceil(sigmaMm / spacing[a]) + 1) {
        throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "LoG sigma(" + sigmaMm + ")/spacing(" + spacing[a]
            + ") + 1 must not exceed the image size (" + size[a] + ") along axis " + "xyz".charAt(a));
      }
    }
  }

  /** Kernel half-width per axis (voxels): the padding that makes the response inside an ROI box exact. */
  public static int[] margin(double sigmaMm, double[] spacing, double truncate) {
    int[] m = new int[3];
    for (int a = 0; a < 3; a++) {
      m[a] = radius(sigmaMm / spacing[a], truncate);
    }
    return m;
  }

  /** The LoG image of {@code image} itself (checks applicability on its own size). */
  public static Volume apply(Volume image, double sigmaMm) {
    checkApplicable(new int[] {image.nx(), image.ny(), image.nz()}, image.spacing(), sigmaMm);
    return response(image, sigmaMm, DEFAULT_TRUNCATE);
  }

  /**
   * The LoG image of a box cropped from a larger image of {@code sourceSize} voxels: PyRadiomics' checks apply to
   * the image it filters, not to the box.
   */
  public static Volume apply(Volume box, double sigmaMm, int[] sourceSize) {
    checkApplicable(sourceSize, box.spacing(), sigmaMm);
    return response(box, sigmaMm, DEFAULT_TRUNCATE);
  }

  /** The response without PyRadiomics' checks, with a chosen truncation (in standard deviations). */
  public static Volume response(Volume image, double sigmaMm, double truncate) {
    if (!(sigmaMm > 0) || Double.isInfinite(sigmaMm) || !(truncate > 0) || Double.isInfinite(truncate)) {
      throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "LoG sigma and truncation must be positive: "
          + sigmaMm + ", " + truncate);
    }
    int[] dims = {image.nx(), image.ny(), image.nz()};
    float[] in = image.data();
    double[] d = new double[in.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = in[i];
    }
    double[][] g0 = new double[3][];
    double[][] g2 = new double[3][];
    for (int a = 0; a < 3; a++) {
      double s = sigmaMm / image.spacing(a);
      g0[a] = gauss(s, truncate, 0);
      g2[a] = gauss(s, truncate, 2);
    }
    double[] sum = new double[d.length];
    for (int a = 0; a < 3; a++) {
      double w = sigmaMm * sigmaMm / (image.spacing(a) * image.spacing(a));
      double[] cur = d;
      for (int b = 0; b < 3; b++) {
        double[] k = b == a ? g2[b] : g0[b];
        cur = Lines.convolve(cur, dims, b, k, k.length / 2, BoundaryMode.NEAREST);
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] += w * cur[i];
      }
    }
    float[] out = new float[sum.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) sum[i];
    }
    return image.withData(out);
  }

  static int radius(double sigmaVoxels, double truncate) {
    return (int) Math.ceil(truncate * sigmaVoxels - 1e-9);
  }

  /** Sampled 1D Gaussian (order 0) or its second derivative (order 2), sigma in voxels, normalised analytically. */
  static double[] gauss(double sigma, double truncate, int order) {
    int r = radius(sigma, truncate);
    double[] k = new double[2 * r + 1];
    double norm = 1.0 / (sigma * Math.sqrt(2 * Math.PI));
    for (int i = -r; i <= r; i++) {
      double g = norm * Math.exp(-i * (double) i / (2 * sigma * sigma));
      k[i + r] = order == 0 ? g : g * (i * (double) i / (sigma * sigma * sigma * sigma) - 1 / (sigma * sigma));
    }
    return k;
  }
}
