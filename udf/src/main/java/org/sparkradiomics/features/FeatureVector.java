package org.sparkradiomics.features;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named feature values in a stable order. A feature that is undefined for this ROI (empty ROI, single grey level,
 * division by zero, ...) is stored as {@code null} with a reason, never as a silent NaN.
 *
 * <p>Names follow the IBSI-1 reference tags: {@code family_feature[_aggregation]}, e.g. {@code morph_volume},
 * {@code stat_mean}, {@code cm_joint_max_3D_avg}, {@code rlm_sre_2_5D_comb}, {@code szm_sze_2D}. Diagnostics use the
 * IBSI diagnostic tags (e.g. {@code int_mask_vox_count_interp_roi}) and our own {@code diag_*} names.
 */
public final class FeatureVector implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LinkedHashMap<String, Double> values = new LinkedHashMap<>();
  private final LinkedHashMap<String, String> undefinedReasons = new LinkedHashMap<>();

  /** Stores a value; a NaN or infinite value is stored as undefined with the given context. */
  public void put(String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      putUndefined(name, "not a finite number (" + value + ")");
    } else {
      values.put(name, value);
      undefinedReasons.remove(name);
    }
  }

  /** Marks a feature as undefined for this ROI, with a human-readable reason. */
  public void putUndefined(String name, String reason) {
    values.put(name, null);
    undefinedReasons.put(name, reason);
  }

  public void putAll(FeatureVector other) {
    for (Map.Entry<String, Double> e : other.values.entrySet()) {
      values.put(e.getKey(), e.getValue());
      if (e.getValue() == null) {
        undefinedReasons.put(e.getKey(), other.undefinedReasons.get(e.getKey()));
      } else {
        undefinedReasons.remove(e.getKey());
      }
    }
  }

  /** The value, or null when undefined or absent. */
  public Double get(String name) {
    return values.get(name);
  }

  public boolean contains(String name) {
    return values.containsKey(name);
  }

  /** The reason a feature is undefined, or null when it has a value. */
  public String undefinedReason(String name) {
    return undefinedReasons.get(name);
  }

  /** Unmodifiable view in insertion order; undefined features map to null. */
  public Map<String, Double> values() {
    return Collections.unmodifiableMap(values);
  }

  public Map<String, String> undefinedReasons() {
    return Collections.unmodifiableMap(undefinedReasons);
  }

  public int size() {
    return values.size();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
