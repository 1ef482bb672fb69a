package org.sparkradiomics.features.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * The IBSI profile: {@link FeatureExtractor} with one {@link FeatureSettings}; features carry IBSI tags
 * ({@code stat_mean}, {@code cm_joint_max_3D_comb}, ...). Image type {@code original}.
 */
public final class IbsiProfile implements ExtractionProfile {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "ibsi";
  public static final String ORIGINAL = "original";

  private final FeatureSettings settings;

  public IbsiProfile(FeatureSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public FeatureSettings settings() {
    return settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String canonicalParams() {
    return "profile=ibsi;" + settings.canonicalString();
  }

  @Override
  public String paramsHash() {
    return settings.hash();
  }

  @Override
  public ProfileResult extract(Volume image, Mask mask) {
    FeatureExtractor.Result r = FeatureExtractor.extract(image, mask, settings);
    Map<String, FeatureVector> out = new LinkedHashMap<>();
    out.put(ORIGINAL, r.features());
    return r.ok() ? ProfileResult.ok(out) : ProfileResult.failed(r.error(), r.message(), out);
  }
}
