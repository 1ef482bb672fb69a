package org.sparkradiomics.features.pyradiomics;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * One PyRadiomics image type ({@code imageType} section entry, e.g. {@code LoG}, {@code Wavelet}, {@code Square}):
 * derives the filtered image(s) the feature classes run on. Implementations are found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/org.sparkradiomics.features.pyradiomics.PyImageTypeFilter}
 * file), so filter packages plug in without changes here; {@code Original} is built in ({@link PyImageTypes}).
 *
 * <p>The image handed over is the ROI's bounding box padded by {@code padDistance} voxels (clipped to the image), so
 * memory is bounded by the ROI box; the mask is on the same grid. Implementations are stateless, thread-safe and
 * serializable (profiles travel to Spark executors).
 */
public interface PyImageTypeFilter extends Serializable {
  /** The {@code imageType} key, exactly as PyRadiomics spells it (one of {@link PyRadiomicsParams#IMAGE_TYPES}). */
  String imageType();

  /**
   * The derived images keyed by their PyRadiomics output prefix ({@code square}, {@code log-sigma-1-0-mm-3D},
   * {@code wavelet-LLH}, ...) in PyRadiomics' order, each on the grid of {@code image}.
   *
   * @param settings the effective settings for this image type ({@link PyRadiomicsParams#settingsFor}): the
   *     {@code setting} section overridden by the type's own section (sigma, wavelet, start_level, level, ...)
   */
  LinkedHashMap<String, Volume> apply(Volume image, Mask mask, Map<String, Object> settings);
}
