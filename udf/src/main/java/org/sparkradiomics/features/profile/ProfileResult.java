package org.sparkradiomics.features.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.features.FeatureVector;

/**
 * The outcome of {@link ExtractionProfile#extract}: feature vectors per image type in output order, or a typed
 * error for the whole ROI (then {@link #byImageType()} may still hold diagnostics, which are not written as features).
 */
public final class ProfileResult {
  private final Map<String, FeatureVector> byImageType;
  private final ErrorKind error;
  private final String message;

  private ProfileResult(Map<String, FeatureVector> byImageType, ErrorKind error, String message) {
    this.byImageType = Collections.unmodifiableMap(new LinkedHashMap<>(byImageType));
    this.error = error;
    this.message = message;
  }

  /** A successful result; iteration order of {@code byImageType} is the output order. */
  public static ProfileResult ok(Map<String, FeatureVector> byImageType) {
    return new ProfileResult(byImageType, null, null);
  }

  /** A failed ROI with a typed reason. */
  public static ProfileResult failed(ErrorKind error, String message, Map<String, FeatureVector> partial) {
    return new ProfileResult(partial, Objects.requireNonNull(error, "error"),
        message == null ? error.name() : message);
  }

  public boolean ok() {
    return error == null;
  }

  /** Typed reason when not {@link #ok()}, else null. */
  public ErrorKind error() {
    return error;
  }

  public String message() {
    return message;
  }

  /** Image type (e.g. {@code original}, {@code log-sigma-1-0-mm-3D}, {@code wavelet-LLH}) to its features. */
  public Map<String, FeatureVector> byImageType() {
    return byImageType;
  }

  /** Number of (image type, feature) values. */
  public int size() {
    int n = 0;
    for (FeatureVector v : byImageType.values()) {
      n += v.size();
    }
    return n;
  }
}
