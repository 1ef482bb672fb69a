package org.sparkradiomics.filters;

import java.util.Locale;

/** How responses over several kernel orientations are combined voxel by voxel (IBSI-2 "pooling"). */
public enum Pooling {
  /** Voxel-wise maximum. */
  MAX,
  /** Voxel-wise arithmetic mean. */
  MEAN;

  public static Pooling parse(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "max":
        return MAX;
      case "mean": case "average": case "avg":
        return MEAN;
      default:
        throw new IllegalArgumentException("unknown pooling '" + s + "' (expected max or mean)");
    }
  }
}
