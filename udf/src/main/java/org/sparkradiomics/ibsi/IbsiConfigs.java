package org.sparkradiomics.ibsi;

import java.util.List;
import java.util.Locale;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureSettings.Interpolator;
import org.sparkradiomics.features.SpatialMode;

/**
 * The settings of the IBSI-1 reference data sets (IBSI-1 chapter 5): the digital phantom and the five CT-phantom
 * configurations A-E. Every CT value below is checked against the diagnostic rows of
 * {@code ct-phantom/reference_values_config_*.csv} by the conformance tests.
 *
 * <table>
 *   <caption>CT-phantom configurations</caption>
 *   <tr><th>cfg</th><th>texture</th><th>interpolation</th><th>resegmentation</th><th>texture/IH</th><th>IVH</th></tr>
 *   <tr><td>A</td><td>2D, 2.5D</td><td>none</td><td>[-500, 400]</td><td>FBS 25 HU</td><td>none</td></tr>
 *   <tr><td>B</td><td>2D, 2.5D</td><td>bilinear 2x2 mm in-plane, round</td><td>[-500, 400]</td><td>FBN 32</td>
 *       <td>none</td></tr>
 *   <tr><td>C</td><td>3D</td><td>trilinear 2 mm, round</td><td>[-1000, 400]</td><td>FBS 25 HU</td>
 *       <td>FBS 2.5 HU</td></tr>
 *   <tr><td>D</td><td>3D</td><td>trilinear 2 mm, round</td><td>3 sigma outliers</td><td>FBN 32</td>
 *       <td>none</td></tr>
 *   <tr><td>E</td><td>3D</td><td>tricubic spline 2 mm, round</td><td>[-1000, 400] + 3 sigma</td><td>FBN 32</td>
 *       <td>FBN 1000</td></tr>
 * </table>
 *
 * Masks are interpolated linearly and thresholded at 0.5 in B-E.
 */
public final class IbsiConfigs {
  private IbsiConfigs() {}

  /** The CT-phantom configuration names. */
  public static final List<String> CT_CONFIGS = List.of("A", "B", "C", "D", "E");

  /**
   * The digital phantom: no interpolation, no resegmentation, no discretisation (its intensities 1..6 are the grey
   * levels), texture in 2D, 2.5D and 3D.
   */
  public static FeatureSettings digitalPhantom() {
    return FeatureSettings.builder()
        .imageDiagnostics(true)
        .noResampling()
        .texture(Discretisation.none())
        .intensityHistogram(Discretisation.none())
        .ivh(Discretisation.none())
        .textureModes(SpatialMode.D2, SpatialMode.D2_5, SpatialMode.D3)
        .build();
  }

  /** CT-phantom configuration A..E (case-insensitive). */
  public static FeatureSettings ctPhantom(String config) {
    String c = config == null ? "" : config.trim().toUpperCase(Locale.ROOT);
    FeatureSettings.Builder b = FeatureSettings.builder()
        .imageDiagnostics(true)
        .maskInterpolator(Interpolator.LINEAR)
        .maskPartialVolume(0.5);
    switch (c) {
      case "A":
        return b.noResampling()
            .resegmentRange(-500, 400)
            .texture(Discretisation.fixedBinSize(25))
            .intensityHistogram(Discretisation.fixedBinSize(25))
            .ivh(Discretisation.none())
            .textureModes(SpatialMode.D2, SpatialMode.D2_5)
            .build();
      case "B":
        return b.resample(2, 2, Double.NaN)
            .imageInterpolator(Interpolator.LINEAR)
            .roundIntensities(true)
            .resegmentRange(-500, 400)
            .texture(Discretisation.fixedBinNumber(32))
            .intensityHistogram(Discretisation.fixedBinNumber(32))
            .ivh(Discretisation.none())
            .textureModes(SpatialMode.D2, SpatialMode.D2_5)
            .build();
      case "C":
        return b.resample(2, 2, 2)
            .imageInterpolator(Interpolator.LINEAR)
            .roundIntensities(true)
            .resegmentRange(-1000, 400)
            .texture(Discretisation.fixedBinSize(25))
            .intensityHistogram(Discretisation.fixedBinSize(25))
            .ivh(Discretisation.fixedBinSize(2.5))
            .textureModes(SpatialMode.D3)
            .build();
      case "D":
        return b.resample(2, 2, 2)
            .imageInterpolator(Interpolator.LINEAR)
            .roundIntensities(true)
            .outlierSigma(3)
            .texture(Discretisation.fixedBinNumber(32))
            .intensityHistogram(Discretisation.fixedBinNumber(32))
            .ivh(Discretisation.none())
            .textureModes(SpatialMode.D3)
            .build();
      case "E":
        return b.resample(2, 2, 2)
            .imageInterpolator(Interpolator.CUBIC_SPLINE)
            .roundIntensities(true)
            .resegmentRange(-1000, 400)
            .outlierSigma(3)
            .texture(Discretisation.fixedBinNumber(32))
            .intensityHistogram(Discretisation.fixedBinNumber(32))
            .ivh(Discretisation.fixedBinNumber(1000))
            .textureModes(SpatialMode.D3)
            .build();
      default:
        throw new IllegalArgumentException("unknown IBSI CT-phantom configuration '" + config + "'; use A, B, C, D or E");
    }
  }
}
