package org.sparkradiomics.features;

/** How texture matrices are aggregated over space (IBSI-1 section 3.1). */
public enum SpatialMode {
  /** Per slice (in-plane neighbours only); features averaged over slices (avg) or matrices merged per slice. */
  D2("2D"),
  /** In-plane neighbours, matrices of all slices merged into one volume-wide matrix. */
  D2_5("2_5D"),
  /** Full 3D neighbourhood. */
  D3("3D");

  private final String tag;

  SpatialMode(String tag) {
    this.tag = tag;
  }

  /** The IBSI tag fragment: {@code 2D}, {@code 2_5D} or {@code 3D}. */
  public String tag() {
    return tag;
  }
}
