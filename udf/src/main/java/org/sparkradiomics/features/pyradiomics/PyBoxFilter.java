package org.sparkradiomics.features.pyradiomics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * An image type with a spatial support (LoG, wavelet, gradient, LBP): given the whole image, it filters only the
 * ROI box enlarged by its own support, and returns the derived images on the requested box {@code lo..hi}, so that
 * values inside the box equal what filtering the whole image (as PyRadiomics does) gives, while memory stays bounded
 * by the ROI box.
 */
public interface PyBoxFilter extends PyImageTypeFilter {
  /**
   * @param image the whole (normalised) image
   * @param roi the ROI (after resegmentation) on the grid of {@code image}
   * @param lo inclusive lower voxel bounds of the output box
   * @param hi inclusive upper voxel bounds of the output box
   * @return derived images keyed by output prefix in PyRadiomics' order, each of the box's size and geometry
   */
  LinkedHashMap<String, Volume> applyOnBox(Volume image, Mask roi, int[] lo, int[] hi, Map<String, Object> settings);
}
