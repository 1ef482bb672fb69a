package org.sparkradiomics.features.families;

import java.util.Set;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;

/** Small pieces shared by the texture families (GLSZM, GLDZM, NGTDM, NGLDM). */
final class TextureFamilySupport {
  private TextureFamilySupport() {}

  /** Reason recorded for every feature of an empty ROI. */
  static final String EMPTY_ROI = "empty ROI: no voxel in the intensity mask";

  /**
   * Number of grey levels to size a matrix for: {@code max(nBins, largest bin present)} (robust to a bin above
   * nBins), or 0 when no voxel is in the intensity mask (bin &gt; 0).
   */
  static int greyLevels(RoiImage roi) {
    int ng = Math.max(roi.nBins, 0);
    boolean any = false;
    for (int b : roi.bins) {
      if (b > 0) {
        any = true;
        ng = Math.max(ng, b);
      }
    }
    return any ? ng : 0;
  }

  /** Marks {@code prefix_name_tag} undefined with {@code reason} for every name. */
  static void writeUndefined(FeatureVector out, String prefix, String[] names, String tag, String reason) {
    for (String f : names) {
      out.putUndefined(prefix + "_" + f + "_" + tag, reason);
    }
  }

  /** Marks every feature of every mode undefined because the ROI is empty. */
  static void writeEmpty(FeatureVector out, String prefix, String[] names, Set<SpatialMode> modes) {
    for (SpatialMode m : modes) {
      writeUndefined(out, prefix, names, m.tag(), EMPTY_ROI);
    }
  }
}
