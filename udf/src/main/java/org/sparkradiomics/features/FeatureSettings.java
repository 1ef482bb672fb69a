package org.sparkradiomics.features;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every setting of one feature extraction, immutable, validated at build time and serializable (it travels to
 * Spark executors). An invalid value or combination is an {@link IllegalArgumentException} from
 * {@link Builder#build()} with a message naming the setting.
 *
 * <p>The defaults are IBSI-1's: no interpolation, no resegmentation, FBN 32 bins, 3D texture, Chebyshev distance 1,
 * NGLDM coarseness 0, local-intensity sphere of 1 cm³.
 */
public final class FeatureSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Interpolators for image and mask resampling (IBSI-1 section 2.4). */
  public enum Interpolator { NEAREST, LINEAR, CUBIC_SPLINE }

  /** All IBSI-1 feature families, by their tag prefixes. */
  public static final List<String> ALL_FAMILIES =
      List.of("morph", "loc", "stat", "ih", "ivh", "cm", "rlm", "szm", "dzm", "ngt", "ngl");

  private final Set<String> families;
  private final double[] resampledSpacing; // null = no interpolation; NaN component = keep that axis
  private final Interpolator imageInterpolator;
  private final Interpolator maskInterpolator;
  private final double maskPartialVolume;
  private final boolean roundIntensities;
  private final double resegMin;
  private final double resegMax;
  private final double outlierSigma;
  private final Discretisation texture;
  private final Discretisation intensityHistogram;
  private final Discretisation ivh;
  private final Set<SpatialMode> textureModes;
  private final int textureDistance;
  private final int ngldmAlpha;
  private final double localIntensityRadiusMm;
  private final boolean imageDiagnostics;

  private FeatureSettings(Builder b) {
    this.families = Collections.unmodifiableSet(new LinkedHashSet<>(b.families));
    this.resampledSpacing = b.resampledSpacing == null ? null : b.resampledSpacing.clone();
    this.imageInterpolator = b.imageInterpolator;
    this.maskInterpolator = b.maskInterpolator;
    this.maskPartialVolume = b.maskPartialVolume;
    this.roundIntensities = b.roundIntensities;
    this.resegMin = b.resegMin;
    this.resegMax = b.resegMax;
    this.outlierSigma = b.outlierSigma;
    this.texture = b.texture;
    this.intensityHistogram = b.intensityHistogram == null ? b.texture : b.intensityHistogram;
    this.ivh = b.ivh;
    this.textureModes = Collections.unmodifiableSet(EnumSet.copyOf(b.textureModes));
    this.textureDistance = b.textureDistance;
    this.ngldmAlpha = b.ngldmAlpha;
    this.localIntensityRadiusMm = b.localIntensityRadiusMm;
    this.imageDiagnostics = b.imageDiagnostics;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised with every value of this object. The intensity-histogram discretisation is copied as
   * resolved (it no longer follows later {@link Builder#texture} changes unless reset with
   * {@link Builder#intensityHistogram}).
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.families = new LinkedHashSet<>(families);
    b.resampledSpacing = resampledSpacing == null ? null : resampledSpacing.clone();
    b.imageInterpolator = imageInterpolator;
    b.maskInterpolator = maskInterpolator;
    b.maskPartialVolume = maskPartialVolume;
    b.roundIntensities = roundIntensities;
    b.resegMin = resegMin;
    b.resegMax = resegMax;
    b.outlierSigma = outlierSigma;
    b.texture = texture;
    b.intensityHistogram = intensityHistogram;
    b.ivh = ivh;
    b.textureModes = EnumSet.copyOf(textureModes);
    b.textureDistance = textureDistance;
    b.ngldmAlpha = ngldmAlpha;
    b.localIntensityRadiusMm = localIntensityRadiusMm;
    b.imageDiagnostics = imageDiagnostics;
    return b;
  }

  public Set<String> families() {
    return families;
  }

  public boolean familyEnabled(String tagPrefix) {
    return families.contains(tagPrefix);
  }

  /** Target spacing (mm) for x, y, z; null when images are not interpolated; NaN keeps an axis unchanged. */
  public double[] resampledSpacing() {
    return resampledSpacing == null ? null : resampledSpacing.clone();
  }

  public Interpolator imageInterpolator() {
    return imageInterpolator;
  }

  public Interpolator maskInterpolator() {
    return maskInterpolator;
  }

  /** Interpolated mask values at or above this are inside the ROI (IBSI default 0.5). */
  public double maskPartialVolume() {
    return maskPartialVolume;
  }

  /** Round interpolated intensities to the nearest integer (IBSI CT configurations). */
  public boolean roundIntensities() {
    return roundIntensities;
  }

  /** Resegmentation range lower bound, or NaN (open). */
  public double resegMin() {
    return resegMin;
  }

  /** Resegmentation range upper bound, or NaN (open). */
  public double resegMax() {
    return resegMax;
  }

  /** Outlier resegmentation: drop voxels outside mean ± k·σ; NaN disables it. */
  public double outlierSigma() {
    return outlierSigma;
  }

  public Discretisation texture() {
    return texture;
  }

  public Discretisation intensityHistogram() {
    return intensityHistogram;
  }

  public Discretisation ivh() {
    return ivh;
  }

  public Set<SpatialMode> textureModes() {
    return textureModes;
  }

  /** Chebyshev neighbourhood distance for GLCM, NGTDM and NGLDM (IBSI default 1). */
  public int textureDistance() {
    return textureDistance;
  }

  /** NGLDM coarseness parameter α (IBSI default 0). */
  public int ngldmAlpha() {
    return ngldmAlpha;
  }

  /** Radius (mm) of the local-intensity sphere; IBSI uses a 1 cm³ sphere, r = (3/(4π))^(1/3) cm. */
  public double localIntensityRadiusMm() {
    return localIntensityRadiusMm;
  }

  /**
   * Whether preprocessing computes the whole-image diagnostics of the interpolated image (IBSI tags
   * {@code mean_int_interp_img}, {@code min_int_interp_img}, {@code max_int_interp_img}); this interpolates the whole
   * image instead of only the ROI box. Default false, so that memory stays bounded by the ROI box; the IBSI
   * conformance configurations turn it on.
   */
  public boolean imageDiagnostics() {
    return imageDiagnostics;
  }

  /** A stable, human-readable description of every setting; {@link #hash()} is its SHA-256. */
  public String canonicalString() {
    return "families=" + families + ";resample=" + Arrays.toString(resampledSpacing) + ";imgInterp="
        + imageInterpolator + ";maskInterp=" + maskInterpolator + ";pv=" + maskPartialVolume + ";round="
        + roundIntensities + ";reseg=[" + resegMin + "," + resegMax + "];outlier=" + outlierSigma + ";texture="
        + texture + ";ih=" + intensityHistogram + ";ivh=" + ivh + ";modes=" + textureModes + ";dist="
        + textureDistance + ";alpha=" + ngldmAlpha + ";locR=" + localIntensityRadiusMm
        + (imageDiagnostics ? ";imageDiag=true" : "");
  }

  /** SHA-256 (hex) of {@link #canonicalString()}: identifies a params set in tables. */
  public String hash() {
    return sha256Hex(canonicalString());
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text} (the params hash of every profile). */
  public static String sha256Hex(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte x : d) {
        sb.append(String.format("%02x", x));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "FeatureSettings[" + canonicalString() + "]";
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private Set<String> families = new LinkedHashSet<>(ALL_FAMILIES);
    private double[] resampledSpacing;
    private Interpolator imageInterpolator = Interpolator.LINEAR;
    private Interpolator maskInterpolator = Interpolator.LINEAR;
    private double maskPartialVolume = 0.5;
    private boolean roundIntensities;
    private double resegMin = Double.NaN;
    private double resegMax = Double.NaN;
    private double outlierSigma = Double.NaN;
    private Discretisation texture = Discretisation.fixedBinNumber(32);
    private Discretisation intensityHistogram;
    private Discretisation ivh = Discretisation.none();
    private Set<SpatialMode> textureModes = EnumSet.of(SpatialMode.D3);
    private int textureDistance = 1;
    private int ngldmAlpha = 0;
    private double localIntensityRadiusMm = 10.0 * Math.cbrt(3.0 / (4.0 * Math.PI));
    private boolean imageDiagnostics = false;

    private Builder() {}

    /** Whether to compute whole-image diagnostics of the interpolated image (see {@link #imageDiagnostics()}). */
    public Builder imageDiagnostics(boolean on) {
      this.imageDiagnostics = on;
      return this;
    }

    public Builder families(String... tagPrefixes) {
      for (String f : tagPrefixes) {
        if (f == null) {
          throw new IllegalArgumentException("feature family names must not be null");
        }
      }
      this.families = new LinkedHashSet<>(Arrays.asList(tagPrefixes));
      return this;
    }

    public Builder resample(double sx, double sy, double sz) {
      this.resampledSpacing = new double[] {sx, sy, sz};
      return this;
    }

    public Builder noResampling() {
      this.resampledSpacing = null;
      return this;
    }

    public Builder imageInterpolator(Interpolator i) {
      this.imageInterpolator = i;
      return this;
    }

    public Builder maskInterpolator(Interpolator i) {
      this.maskInterpolator = i;
      return this;
    }

    public Builder maskPartialVolume(double threshold) {
      this.maskPartialVolume = threshold;
      return this;
    }

    public Builder roundIntensities(boolean round) {
      this.roundIntensities = round;
      return this;
    }

    public Builder resegmentRange(double min, double max) {
      this.resegMin = min;
      this.resegMax = max;
      return this;
    }

    public Builder outlierSigma(double k) {
      this.outlierSigma = k;
      return this;
    }

    public Builder texture(Discretisation d) {
      this.texture = d;
      return this;
    }

    public Builder intensityHistogram(Discretisation d) {
      this.intensityHistogram = d;
      return this;
    }

    public Builder ivh(Discretisation d) {
      this.ivh = d;
      return this;
    }

    public Builder textureModes(SpatialMode... modes) {
      for (SpatialMode m : modes) {
        if (m == null) {
          throw new IllegalArgumentException("texture spatial modes must not be null");
        }
      }
      this.textureModes = modes.length == 0 ? EnumSet.noneOf(SpatialMode.class) : EnumSet.copyOf(Arrays.asList(modes));
      return this;
    }

    public Builder textureDistance(int d) {
      this.textureDistance = d;
      return this;
    }

    public Builder ngldmAlpha(int a) {
      this.ngldmAlpha = a;
      return this;
    }

    public Builder localIntensityRadiusMm(double r) {
      this.localIntensityRadiusMm = r;
      return this;
    }

    public FeatureSettings build() {
      for (String f : families) {
        if (!ALL_FAMILIES.contains(f)) {
          throw new IllegalArgumentException("unknown feature family '" + f + "'; known: " + ALL_FAMILIES);
        }
      }
      if (resampledSpacing != null) {
        if (resampledSpacing.length != 3) {
          throw new IllegalArgumentException("resampled spacing needs 3 values (x, y, z)");
        }
        for (double s : resampledSpacing) {
          if (!Double.isNaN(s) && !(s > 0 && s < 1e4)) {
            throw new IllegalArgumentException("resampled spacing must be positive (or NaN to keep an axis): "
                + Arrays.toString(resampledSpacing));
          }
        }
      }
      if (imageInterpolator == null || maskInterpolator == null) {
        throw new IllegalArgumentException("interpolators must be set");
      }
      if (maskInterpolator == Interpolator.CUBIC_SPLINE) {
        throw new IllegalArgumentException("mask interpolation must be NEAREST or LINEAR (IBSI-1 2.4)");
      }
      if (!(maskPartialVolume > 0 && maskPartialVolume <= 1)) {
        throw new IllegalArgumentException("mask partial-volume threshold must be in (0, 1], got " + maskPartialVolume);
      }
      if (Double.isInfinite(resegMin) || Double.isInfinite(resegMax)) {
        throw new IllegalArgumentException("resegmentation bounds must be finite (use NaN for an open bound)");
      }
      if (!Double.isNaN(resegMin) && !Double.isNaN(resegMax) && resegMin > resegMax) {
        throw new IllegalArgumentException("resegmentation range is empty: [" + resegMin + ", " + resegMax + "]");
      }
      if (!Double.isNaN(outlierSigma) && !(outlierSigma > 0)) {
        throw new IllegalArgumentException("outlier sigma must be positive, got " + outlierSigma);
      }
      if (texture == null || ivh == null) {
        throw new IllegalArgumentException("discretisation must be set");
      }
      if (textureModes.isEmpty()) {
        throw new IllegalArgumentException("at least one texture spatial mode (2D, 2.5D, 3D) is required");
      }
      if (textureDistance < 1) {
        throw new IllegalArgumentException("texture distance must be >= 1, got " + textureDistance);
      }
      if (ngldmAlpha < 0) {
        throw new IllegalArgumentException("NGLDM coarseness alpha must be >= 0, got " + ngldmAlpha);
      }
      if (!(localIntensityRadiusMm > 0) || Double.isInfinite(localIntensityRadiusMm)) {
        throw new IllegalArgumentException("local-intensity radius must be positive");
      }
      return new FeatureSettings(this);
    }
  }
}
