package org.sparkradiomics.filters.pyradiomics;

import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics' voxel-wise intensity image types ({@code getSquareImage}, {@code getSquareRootImage},
 * {@code getLogarithmImage}, {@code getExponentialImage}), computed in double as PyRadiomics does after
 * {@code astype('float64')}. Every formula rescales with {@code M = max(|x|)} over the image PyRadiomics filters
 * (the whole image, or the cropped resampled image when resampling is configured), NOT over the ROI. Callers that
 * filter a cropped box must therefore pass M computed on that image ({@link #maxAbs(Volume)}).
 *
 * <ul>
 *   <li>square: {@code f(x) = (c x)^2}, {@code c = 1/sqrt(M)} (code: {@code coeff = 1 / numpy.sqrt(max|im|);
 *       im = (coeff * im) ** 2}). The result is never negative: PyRadiomics' docstring says negative intensities stay
 *       negative, its code squares them; this follows the code.
 *   <li>squareroot: {@code f(x) = sqrt(M x)} for x &gt; 0, {@code -sqrt(-M x)} for x &lt; 0, 0 at 0
 *       ({@code im[im > 0] = sqrt(im[im > 0] * coeff); im[im < 0] = -sqrt(-im[im < 0] * coeff)}, coeff = M).
 *   <li>logarithm: {@code g(x) = log(x + 1)} for x &gt; 0, {@code -log(1 - x)} for x &lt; 0, then
 *       {@code f = g * M / max|g|} (code: {@code im = im * (im_max / numpy.max(numpy.abs(im)))}); since
 *       {@code max|g| = log(M + 1)} this is {@code c * sign(x) log(|x| + 1)}, {@code c = M / log(M + 1)}.
 *   <li>exponential: {@code f(x) = exp(c x)}, {@code c = log(M) / M}.
 * </ul>
 *
 * <p>PyRadiomics produces NaN (numpy division warnings) when M = 0 for square, logarithm and exponential; here that
 * is a {@link RadiomicsException} with {@link ErrorKind#INVALID_SETTINGS} (the image type cannot be applied to an
 * all-zero image). Square root of an all-zero image is all zeros, as in PyRadiomics.
 */
public final class PyRadiomicsIntensity {
  private PyRadiomicsIntensity() {}

  /** {@code max(|x|)} over the image (the M of every formula). */
  public static double maxAbs(Volume image) {
    double m = 0;
    for (float f : image.data()) {
      m = Math.max(m, Math.abs((double) f));
    }
    return m;
  }

  /** Applies one of SQUARE, SQUARE_ROOT, LOGARITHM, EXPONENTIAL with M = {@code maxAbs}. */
  public static Volume apply(PyRadiomicsImageType type, Volume image, double maxAbs) {
    switch (type) {
      case SQUARE:
        return square(image, maxAbs);
      case SQUARE_ROOT:
        return squareRoot(image, maxAbs);
      case LOGARITHM:
        return logarithm(image, maxAbs);
      case EXPONENTIAL:
        return exponential(image, maxAbs);
      default:
        throw new IllegalArgumentException(type + " is not a voxel-wise intensity image type");
    }
  }

  /** {@code (x / sqrt(M))^2}. */
  public static Volume square(Volume image, double maxAbs) {
    requirePositive(maxAbs, "square");
    double c = 1 / Math.sqrt(maxAbs);
    float[] in = image.data();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      double v = c * in[i];
      out[i] = (float) (v * v);
    }
    return image.withData(out);
  }

  /** {@code sign(x) sqrt(M |x|)}. */
  public static Volume squareRoot(Volume image, double maxAbs) {
    requireFinite(maxAbs);
    float[] in = image.data();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      double x = in[i];
      out[i] = x > 0 ? (float) Math.sqrt(x * maxAbs) : x < 0 ? (float) -Math.sqrt(-x * maxAbs) : 0f;
    }
    return image.withData(out);
  }

  /** {@code sign(x) log(|x| + 1) * M / log(M + 1)}. */
  public static Volume logarithm(Volume image, double maxAbs) {
    requirePositive(maxAbs, "logarithm");
    // numpy: max|g| over the transformed image = log(M + 1) because g is monotone in |x|
    double scale = maxAbs / Math.log(maxAbs + 1);
    float[] in = image.data();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      double x = in[i];
      double g = x > 0 ? Math.log(x + 1) : x < 0 ? -Math.log(-(x - 1)) : 0;
      out[i] = (float) (g * scale);
    }
    return image.withData(out);
  }

  /** {@code exp(x log(M) / M)}. */
  public static Volume exponential(Volume image, double maxAbs) {
    requirePositive(maxAbs, "exponential");
    double c = Math.log(maxAbs) / maxAbs;
    float[] in = image.data();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = (float) Math.exp(c * in[i]);
    }
    return image.withData(out);
  }

  private static void requireFinite(double m) {
    if (!(m >= 0) || Double.isInfinite(m)) {
      throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "max |intensity| must be finite and >= 0: " + m);
    }
  }

  private static void requirePositive(double m, String what) {
    requireFinite(m);
    if (m == 0) {
      throw new RadiomicsException(ErrorKind.INVALID_SETTINGS,
          "PyRadiomics " + what + " image is undefined (NaN) for an all-zero image (max |x| = 0)");
    }
  }
}
