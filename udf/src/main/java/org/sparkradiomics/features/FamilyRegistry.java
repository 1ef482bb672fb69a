package org.sparkradiomics.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the IBSI-1 feature families by class name ({@code org.sparkradiomics.features.families.*Family}, each with
 * a public no-argument constructor), keyed by tag prefix in {@link FeatureSettings#ALL_FAMILIES} order. A class
 * that is absent or cannot be constructed is recorded as unavailable with the reason instead of failing.
 */
final class FamilyRegistry {
  /** Tag prefix to class name, in extraction order. */
  static final Map<String, String> CLASS_NAMES;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    String p = "org.sparkradiomics.features.families.";
    m.put("morph", p + "MorphologyFamily");
    m.put("loc", p + "LocalIntensityFamily");
    m.put("stat", p + "IntensityStatisticsFamily");
    m.put("ih", p + "IntensityHistogramFamily");
    m.put("ivh", p + "IntensityVolumeHistogramFamily");
    m.put("cm", p + "GlcmFamily");
    m.put("rlm", p + "GlrlmFamily");
    m.put("szm", p + "GlszmFamily");
    m.put("dzm", p + "GldzmFamily");
    m.put("ngt", p + "NgtdmFamily");
    m.put("ngl", p + "NgldmFamily");
    CLASS_NAMES = Collections.unmodifiableMap(m);
  }

  private static final Map<String, FeatureFamily> FAMILIES = new LinkedHashMap<>();
  private static final Map<String, String> UNAVAILABLE = new LinkedHashMap<>();

  static {
    for (Map.Entry<String, String> e : CLASS_NAMES.entrySet()) {
      try {
        Object o = Class.forName(e.getValue()).getDeclaredConstructor().newInstance();
        if (o instanceof FeatureFamily) {
          FAMILIES.put(e.getKey(), (FeatureFamily) o);
        } else {
          UNAVAILABLE.put(e.getKey(), e.getValue() + " does not implement FeatureFamily");
        }
      } catch (ClassNotFoundException ex) {
        UNAVAILABLE.put(e.getKey(), "family not available: class " + e.getValue() + " not found");
      } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
        UNAVAILABLE.put(e.getKey(), "family not available: cannot construct " + e.getValue() + ": " + ex);
      }
    }
  }

  private FamilyRegistry() {}

  /** The family for a tag prefix, or null when unavailable. */
  static FeatureFamily get(String prefix) {
    return FAMILIES.get(prefix);
  }

  /** Why the family for {@code prefix} is unavailable, or null when it is available. */
  static String unavailableReason(String prefix) {
    if (FAMILIES.containsKey(prefix)) {
      return null;
    }
    String r = UNAVAILABLE.get(prefix);
    return r != null ? r : "family not available: unknown family '" + prefix + "'";
  }
}
