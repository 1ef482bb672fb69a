package org.sparkradiomics.dicom;

import java.io.Serializable;
import java.util.Locale;

/**
 * Chooses one segment of a DICOM SEG: by SegmentNumber or by SegmentLabel (exact match first, then
 * case-insensitive), plus the threshold applied to FRACTIONAL segmentations: a voxel is inside when
 * {@code value / MaximumFractionalValue >= threshold} (default 0.5).
 */
public final class SegmentSelector implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Integer number;
  private final String label;
  private final double threshold;

  private SegmentSelector(Integer number, String label, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("fractional threshold must be in (0, 1], got " + threshold);
    }
    this.number = number;
    this.label = label;
    this.threshold = threshold;
  }

  public static SegmentSelector byNumber(int segmentNumber) {
    return new SegmentSelector(segmentNumber, null, 0.5);
  }

  public static SegmentSelector byLabel(String segmentLabel) {
    return new SegmentSelector(null, segmentLabel, 0.5);
  }

  /** A label, or a number when the text is an integer that matches no label. */
  public static SegmentSelector parse(String labelOrNumber) {
    return new SegmentSelector(null, labelOrNumber, 0.5);
  }

  public SegmentSelector withThreshold(double t) {
    return new SegmentSelector(number, label, t);
  }

  public double threshold() {
    return threshold;
  }

  public Integer number() {
    return number;
  }

  public String label() {
    return label;
  }

  boolean matchesLabel(String candidate, boolean ignoreCase) {
    if (label == null || candidate == null) {
      return false;
    }
    return ignoreCase ? label.trim().toLowerCase(Locale.ROOT).equals(candidate.trim().toLowerCase(Locale.ROOT))
        : label.equals(candidate) || label.trim().equals(candidate.trim());
  }

  @Override
  public String toString() {
    return (number != null ? "segment #" + number : "segment '" + label + "'") + " (threshold " + threshold + ")";
  }
}
