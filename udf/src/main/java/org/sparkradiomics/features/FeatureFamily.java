package org.sparkradiomics.features;

/**
 * One IBSI-1 feature family (one file per family). {@link #compute} runs the family's shared preparation step once
 * (histogram, matrix, mesh) and writes every feature of the family into {@code out}.
 *
 * <p>Contract: never throw for a degenerate ROI (empty, one voxel, a single grey level): write the features that
 * are defined and mark the others {@link FeatureVector#putUndefined undefined} with a reason. Implementations are
 * stateless and thread-safe; they allocate only buffers bounded by the ROI's bounding box.
 */
public interface FeatureFamily {
  /** Short family name used in settings and logs, e.g. {@code morph}, {@code stat}, {@code cm}. */
  String name();

  void compute(RoiImage roi, FeatureSettings settings, FeatureVector out);
}
