package org.sparkradiomics.features;

import java.util.Locale;

/**
 * Default IBSI extraction settings per modality, for runs that do not bring their own parameter file. They follow
 * common practice in the radiomics literature:
 *
 * <ul>
 *   <li>CT: calibrated Hounsfield units, so fixed bin size 25 HU from a resegmentation range of [-1000, 3000] HU
 *       (air to dense bone); 3D texture.
 *   <li>MR: arbitrary units, so a fixed bin number (32) after 3-sigma outlier removal; 3D texture.
 *   <li>DX / CR / MG (DXA, X-ray): single 2D images with arbitrary grey values: fixed bin number 64; 2D texture.
 *   <li>US: 8-bit 2D images: fixed bin number 32; 2D texture.
 * </ul>
 * Any other modality gets FBN 32, 3D.
 */
public final class Presets {
  private Presets() {}

  public static FeatureSettings forModality(String modality) {
    String m = modality == null ? "" : modality.toUpperCase(Locale.ROOT);
    switch (m) {
      case "CT":
        return FeatureSettings.builder().resegmentRange(-1000, 3000).texture(Discretisation.fixedBinSize(25))
            .textureModes(SpatialMode.D3).build();
      case "MR":
        return FeatureSettings.builder().outlierSigma(3).texture(Discretisation.fixedBinNumber(32))
            .textureModes(SpatialMode.D3).build();
      case "DX":
      case "CR":
      case "MG":
        return FeatureSettings.builder().texture(Discretisation.fixedBinNumber(64)).textureModes(SpatialMode.D2)
            .build();
      case "US":
        return FeatureSettings.builder().texture(Discretisation.fixedBinNumber(32)).textureModes(SpatialMode.D2)
            .build();
      default:
        return FeatureSettings.builder().texture(Discretisation.fixedBinNumber(32)).textureModes(SpatialMode.D3)
            .build();
    }
  }
}
