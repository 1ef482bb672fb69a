package org.sparkradiomics.filters;

import java.util.Locale;

/**
 * How a filter sees the image beyond its border (IBSI-2 "boundary condition" / padding).
 *
 * <p>For a line of {@code n} samples {@code a[0..n-1]} and an out-of-range index {@code i}:
 * <ul>
 *   <li>{@link #CONSTANT} (IBSI-2 "zero"): {@code a[i] = 0}.
 *   <li>{@link #NEAREST} (IBSI-2 "nearest"): {@code a[i] = a[clamp(i, 0, n-1)]}, e.g. {@code ... a0 a0 | a0 a1 a2}.
 *   <li>{@link #PERIODIC} (IBSI-2 "periodic"): {@code a[i] = a[i mod n]}, e.g. {@code ... a1 a2 | a0 a1 a2 | a0}.
 *   <li>{@link #MIRROR} (IBSI-2 "mirror"): symmetric reflection that repeats the edge sample, period {@code 2n},
 *       e.g. {@code a1 a0 | a0 a1 a2 | a2 a1}. This is numpy's {@code 'symmetric'} and scipy.ndimage's
 *       {@code 'reflect'}; it is NOT numpy's {@code 'reflect'} ({@code a2 a1 | a0 a1 a2}), which this enum does not
 *       offer.
 * </ul>
 */
public enum BoundaryMode {
  CONSTANT, NEAREST, PERIODIC, MIRROR;

  /**
   * Index into {@code [0, n)} that stands for {@code i}, or -1 when the value is the constant zero.
   */
  public int map(int i, int n) {
    if (i >= 0 && i < n) {
      return i;
    }
    switch (this) {
      case CONSTANT:
        return -1;
      case NEAREST:
        return i < 0 ? 0 : n - 1;
      case PERIODIC:
        return Math.floorMod(i, n);
      default:
        int p = Math.floorMod(i, 2 * n);
        return p < n ? p : 2 * n - 1 - p;
    }
  }

  /** The IBSI-2 name: zero, nearest, periodic or mirror. */
  public String ibsiName() {
    switch (this) {
      case CONSTANT:
        return "zero";
      case NEAREST:
        return "nearest";
      case PERIODIC:
        return "periodic";
      default:
        return "mirror";
    }
  }

  /**
   * Parses an IBSI-2 or library name: zero/constant, nearest/edge/replicate, periodic/wrap/circular,
   * mirror/symmetric. The ambiguous word "reflect" is refused (numpy and scipy disagree on it).
   */
  public static BoundaryMode parse(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "zero": case "constant":
        return CONSTANT;
      case "nearest": case "edge": case "replicate":
        return NEAREST;
      case "periodic": case "wrap": case "circular":
        return PERIODIC;
      case "mirror": case "symmetric":
        return MIRROR;
      default:
        throw new IllegalArgumentException("unknown boundary mode '" + s
            + "' (expected zero, nearest, periodic or mirror; 'reflect' is ambiguous)");
    }
  }
}
