package org.sparkradiomics.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkradiomics.features.families.GlcmFamily;
import org.sparkradiomics.features.families.GldzmFamily;
import org.sparkradiomics.features.families.GlrlmFamily;
import org.sparkradiomics.features.families.GlszmFamily;
import org.sparkradiomics.features.families.IntensityHistogramFamily;
import org.sparkradiomics.features.families.IntensityStatisticsFamily;
import org.sparkradiomics.features.families.IntensityVolumeHistogramFamily;
import org.sparkradiomics.features.families.LocalIntensityFamily;
import org.sparkradiomics.features.families.MorphologyFamily;
import org.sparkradiomics.features.families.NgldmFamily;
import org.sparkradiomics.features.families.NgtdmFamily;

/**
 * The IBSI-1 feature families keyed by tag prefix, in {@link FeatureSettings#ALL_FAMILIES} order. Families are
 * stateless, so one instance of each serves every thread.
 */
final class FamilyRegistry {
  private static final Map<String, FeatureFamily> FAMILIES;

  static {
    Map<String, FeatureFamily> m = new LinkedHashMap<>();
    for (FeatureFamily f : new FeatureFamily[] {
        new MorphologyFamily(), new LocalIntensityFamily(), new IntensityStatisticsFamily(),
        new IntensityHistogramFamily(), new IntensityVolumeHistogramFamily(), new GlcmFamily(), new GlrlmFamily(),
        new GlszmFamily(), new GldzmFamily(), new NgtdmFamily(), new NgldmFamily()}) {
      m.put(f.name(), f);
    }
    if (!m.keySet().equals(new java.util.LinkedHashSet<>(FeatureSettings.ALL_FAMILIES))) {
      throw new IllegalStateException("family names " + m.keySet() + " != " + FeatureSettings.ALL_FAMILIES);
    }
    FAMILIES = Collections.unmodifiableMap(m);
  }

  private FamilyRegistry() {}

  /** The family for a tag prefix of {@link FeatureSettings#ALL_FAMILIES}. */
  static FeatureFamily get(String prefix) {
    FeatureFamily f = FAMILIES.get(prefix);
    if (f == null) {
      throw new IllegalArgumentException("unknown feature family '" + prefix + "'");
    }
    return f;
  }
}
