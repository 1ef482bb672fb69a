package org.sparkradiomics.filters.pyradiomics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.filters.pyradiomics.PyRadiomicsLbp3D.SamplePrecision;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * One entry point per PyRadiomics image type: the derived images PyRadiomics' {@code get<Type>Image} generator
 * yields, keyed by the column prefix, in yield order.
 *
 * <p>{@link #derive} filters the image it is given, as PyRadiomics does (the whole image, or the resampled and
 * cropped image when resampling is configured). {@link #deriveOnRoiBox} filters only the ROI bounding box padded by
 * the filter's margin ({@link RoiCrop}) and returns the box images with the box mask; at ROI voxels they equal the
 * whole-image result (image-wide inputs, max |x| and the LoG size check, are taken from the whole image).
 */
public final class PyRadiomicsImages {
  private PyRadiomicsImages() {}

  /**
   * The PyRadiomics settings that the image types read, with PyRadiomics' defaults in {@link #defaults()}.
   *
   * @param sigma LoG sigmas (mm); Integer entries name the column as a Python int ({@code log-sigma-3-mm-3D})
   * @param wavelet e.g. coif1 (default)
   * @param startLevel {@code start_level} (default 0)
   * @param level {@code level} (default 1)
   * @param force2D {@code force2D} (default false; used by the wavelet)
   * @param force2DDimension {@code force2Ddimension} (default 0 = axial; used by the wavelet and LBP2D)
   * @param gradientUseSpacing default true
   * @param lbp2DRadius default 1
   * @param lbp2DSamples default 8
   * @param lbp2DMethod default "uniform"
   * @param lbp3DLevels default 2
   * @param lbp3DIcosphereRadius default 1
   * @param lbp3DIcosphereSubdivision default 1
   * @param lbp3DSamplePrecision the dtype rounding of LBP3D samples; null = {@link
   *     PyRadiomicsLbp3D#samplePrecisionOf(Volume)} of the image
   */
  public record Settings(List<Number> sigma, String wavelet, int startLevel, int level, boolean force2D,
      int force2DDimension, boolean gradientUseSpacing, double lbp2DRadius, int lbp2DSamples, String lbp2DMethod,
      int lbp3DLevels, double lbp3DIcosphereRadius, int lbp3DIcosphereSubdivision,
      SamplePrecision lbp3DSamplePrecision) {

    /** PyRadiomics' defaults (no LoG sigma: PyRadiomics' default sigma list is empty). */
    public static Settings defaults() {
      return new Settings(List.of(), "coif1", 0, 1, false, 0, true, 1.0, 8, "uniform", 2, 1.0, 1, null);
    }

    public Settings withSigma(List<Number> s) {
      return new Settings(s, wavelet, startLevel, level, force2D, force2DDimension, gradientUseSpacing,
          lbp2DRadius, lbp2DSamples, lbp2DMethod, lbp3DLevels, lbp3DIcosphereRadius, lbp3DIcosphereSubdivision,
          lbp3DSamplePrecision);
    }
  }

  /**
   * The derived images of {@code image} (the image PyRadiomics filters). The mask is used by LBP3D only (its ROI
   * voxels) and may be null for the other types. LoG throws {@link RadiomicsException} INVALID_SETTINGS for the first
   * sigma PyRadiomics would skip (check beforehand with {@link PyRadiomicsLog#checkApplicable} to skip instead).
   */
  public static Map<String, Volume> derive(PyRadiomicsImageType type, Volume image, Mask mask, Settings s) {
    return derive(type, image, mask, s, new int[] {image.nx(), image.ny(), image.nz()},
        type == PyRadiomicsImageType.SQUARE || type == PyRadiomicsImageType.SQUARE_ROOT
            || type == PyRadiomicsImageType.LOGARITHM || type == PyRadiomicsImageType.EXPONENTIAL
            ? PyRadiomicsIntensity.maxAbs(image) : Double.NaN, image);
  }

  /**
   * The derived images computed on the ROI box of {@code image} padded by the type's {@link #margin}. Returns the
   * crop (box image and box mask, offsets) and the box-sized derived images keyed by prefix.
   */
  public static RoiImages deriveOnRoiBox(PyRadiomicsImageType type, Volume image, Mask mask, Settings s) {
    CroppedRoi box = RoiCrop.around(image, mask, margin(type, image, s), type == PyRadiomicsImageType.WAVELET);
    double maxAbs = type == PyRadiomicsImageType.SQUARE || type == PyRadiomicsImageType.SQUARE_ROOT
        || type == PyRadiomicsImageType.LOGARITHM || type == PyRadiomicsImageType.EXPONENTIAL
        ? PyRadiomicsIntensity.maxAbs(image) : Double.NaN;
    Map<String, Volume> images = derive(type, box.image(), box.mask(), s,
        new int[] {image.nx(), image.ny(), image.nz()}, maxAbs, image);
    return new RoiImages(box, images);
  }

  /** The ROI box and the derived images on it, keyed by prefix in PyRadiomics' yield order. */
  public record RoiImages(CroppedRoi box, Map<String, Volume> images) {}

  /** Padding (voxels, x y z) that makes the ROI values of a type on a box equal to its whole-image values. */
  public static int[] margin(PyRadiomicsImageType type, Volume image, Settings s) {
    switch (type) {
      case LOG: {
        int[] m = new int[3];
        for (Number sigma : s.sigma()) {
          if (sigma.doubleValue() > 0) {
            m = RoiCrop.union(m, PyRadiomicsLog.margin(sigma.doubleValue(), image.spacing(),
                PyRadiomicsLog.DEFAULT_TRUNCATE));
          }
        }
        return m;
      }
      case WAVELET:
        return PyRadiomicsWavelet.margin(s.wavelet(), s.startLevel(), s.level(), s.force2D(), s.force2DDimension());
      case GRADIENT:
        return PyRadiomicsGradient.margin();
      case LBP2D:
        return PyRadiomicsLbp2D.margin(s.lbp2DRadius(), s.force2DDimension());
      case LBP3D:
        return PyRadiomicsLbp3D.margin(s.lbp3DIcosphereRadius());
      default:
        return new int[3]; // original and the voxel-wise intensity types
    }
  }

  private static Map<String, Volume> derive(PyRadiomicsImageType type, Volume image, Mask mask, Settings s,
      int[] sourceSize, double maxAbs, Volume source) {
    Map<String, Volume> out = new LinkedHashMap<>();
    switch (type) {
      case ORIGINAL:
        out.put("original", image);
        return out;
      case LOG:
        for (Number sigma : s.sigma()) {
          out.put(PyRadiomicsImageType.logPrefix(sigma), PyRadiomicsLog.apply(image, sigma.doubleValue(), sourceSize));
        }
        return out;
      case WAVELET:
        return PyRadiomicsWavelet.apply(image, s.wavelet(), s.startLevel(), s.level(), s.force2D(),
            s.force2DDimension());
      case SQUARE:
      case SQUARE_ROOT:
      case LOGARITHM:
      case EXPONENTIAL:
        out.put(type.prefix(), PyRadiomicsIntensity.apply(type, image, maxAbs));
        return out;
      case GRADIENT:
        out.put("gradient", PyRadiomicsGradient.apply(image, s.gradientUseSpacing()));
        return out;
      case LBP2D:
        out.put("lbp-2D", PyRadiomicsLbp2D.apply(image, s.lbp2DSamples(), s.lbp2DRadius(), s.lbp2DMethod(),
            s.force2DDimension()));
        return out;
      case LBP3D: {
        if (mask == null) {
          throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "LBP3D needs the ROI mask");
        }
        SamplePrecision p = s.lbp3DSamplePrecision() != null ? s.lbp3DSamplePrecision()
            : PyRadiomicsLbp3D.samplePrecisionOf(source);
        return PyRadiomicsLbp3D.apply(image, mask, s.lbp3DLevels(), s.lbp3DIcosphereRadius(),
            s.lbp3DIcosphereSubdivision(), p);
      }
      default:
        throw new IllegalArgumentException("unknown image type " + type);
    }
  }
}
