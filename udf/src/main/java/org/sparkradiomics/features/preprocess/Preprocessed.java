package org.sparkradiomics.features.preprocess;

import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;

/**
 * The outcome of {@link Preprocessor#run}: the cropped {@link RoiImage} and the IBSI diagnostics, or, when the ROI
 * is empty at some step, no image and the step at which it became empty.
 */
public final class Preprocessed {
  private final RoiImage roi;
  private final FeatureVector diagnostics;
  private final String emptyReason;
  private final int[] boxOffset;
  private final double[] boxOrigin;

  Preprocessed(RoiImage roi, FeatureVector diagnostics, String emptyReason, int[] boxOffset, double[] boxOrigin) {
    this.roi = roi;
    this.diagnostics = diagnostics;
    this.emptyReason = emptyReason;
    this.boxOffset = boxOffset;
    this.boxOrigin = boxOrigin;
  }

  /** The preprocessed ROI box, or null when the ROI is empty. */
  public RoiImage roi() {
    return roi;
  }

  /** IBSI diagnostic values (tags such as {@code int_mask_vox_count_reseg_roi}) computed so far. */
  public FeatureVector diagnostics() {
    return diagnostics;
  }

  public boolean isEmpty() {
    return roi == null;
  }

  /** Why the ROI is empty (which step emptied it), or null. */
  public String emptyReason() {
    return emptyReason;
  }

  /** Index of the box's first voxel on the (interpolated) image grid, or null when empty. */
  public int[] boxOffset() {
    return boxOffset == null ? null : boxOffset.clone();
  }

  /** Patient-space position (mm) of the centre of the box's first voxel, or null when empty. */
  public double[] boxOrigin() {
    return boxOrigin == null ? null : boxOrigin.clone();
  }
}
