package org.sparkradiomics.features.profile;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.sparkradiomics.features.Presets;

/**
 * Turns a {@code --params} specification into an {@link ExtractionProfile}:
 * <ul>
 *   <li>{@code ibsi} (or null / empty): no fixed profile, i.e. {@code null}: every ROI gets the IBSI profile of
 *       {@link Presets#forModality} of its modality (what {@code ExtractPartition} does with a null profile). The
 *       params hash is then defined per ROI: the hash of its modality's preset ({@link #paramsHash}).
 *   <li>{@code ibsi:CT}, {@code ibsi:MR}, {@code ibsi:DX}, {@code ibsi:US} (also CR, MG): one IBSI profile, the
 *       preset of that modality, for every ROI.
 *   <li>a path ending in {@code .yaml} / {@code .yml}: a PyRadiomics parameter file, read by
 *       {@code org.sparkradiomics.features.profile.PyRadiomicsProfile#fromYaml(String)} (looked up reflectively:
 *       a clear error when that class is absent from the build).
 * </ul>
 */
public final class Profiles {
  /** The spec of the per-modality mode. */
  public static final String PER_MODALITY = "ibsi";
  static final String PYRADIOMICS_CLASS = "org.sparkradiomics.features.profile.PyRadiomicsProfile";
  /** Modalities whose presets define the run-level hash of the per-modality mode (any other: Presets' default). */
  static final List<String> PRESET_MODALITIES = List.of("CT", "MR", "DX", "CR", "MG", "US", "OTHER");

  private Profiles() {}

  /** The profile of {@code spec}, or null for the per-modality IBSI mode. */
  public static ExtractionProfile load(String spec) {
    if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase(PER_MODALITY)) {
      return null;
    }
    String s = spec.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("ibsi:")) {
      String m = s.substring(5).trim().toUpperCase(Locale.ROOT);
      if (!List.of("CT", "MR", "DX", "CR", "MG", "US").contains(m)) {
        throw new IllegalArgumentException("unknown IBSI preset '" + m + "' in '" + spec
            + "': expected ibsi:CT, ibsi:MR, ibsi:DX (CR, MG) or ibsi:US");
      }
      return new IbsiProfile(Presets.forModality(m));
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      Path p = Paths.get(s.startsWith("file:") ? java.net.URI.create(s).getPath() : s);
      String text;
      try {
        text = Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read parameter file " + p + ": " + e.getMessage(), e);
      }
      return fromYaml(text, p.toString());
    }
    throw new IllegalArgumentException("unknown --params '" + spec
        + "': expected ibsi, ibsi:CT|MR|DX|US, or a PyRadiomics parameter file ending in .yaml/.yml");
  }

  /** A PyRadiomics profile from the YAML text, via reflection on {@code PyRadiomicsProfile#fromYaml(String)}. */
  static ExtractionProfile fromYaml(String text, String source) {
    Class<?> c;
    try {
      c = Class.forName(PYRADIOMICS_CLASS);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("PyRadiomics parameter files (" + source + ") need " + PYRADIOMICS_CLASS
          + ", which is not part of this build", e);
    }
    try {
      Method m = c.getMethod("fromYaml", String.class);
      return (ExtractionProfile) m.invoke(null, text);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      if (t instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalArgumentException("invalid parameter file " + source + ": " + t, t);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(PYRADIOMICS_CLASS + ".fromYaml(String) is not usable: " + e, e);
    }
  }

  /** The profile a ROI of {@code modality} is extracted with: {@code profile}, or its modality's IBSI preset. */
  public static ExtractionProfile forRoi(ExtractionProfile profile, String modality) {
    return profile != null ? profile
        : new IbsiProfile(Presets.forModality(modality == null ? "" : modality.toUpperCase(Locale.ROOT)));
  }

  /** The params hash the features of a ROI of {@code modality} carry under {@code profile} (null: per modality). */
  public static String paramsHash(ExtractionProfile profile, String modality) {
    return forRoi(profile, modality).paramsHash();
  }

  /**
   * The run-level params text: the profile's canonical parameters, or for the per-modality mode the list of
   * {@code modality=preset hash} for every preset (so that the text, and its hash, change when any preset does).
   */
  public static String canonicalParams(ExtractionProfile profile) {
    if (profile != null) {
      return profile.canonicalParams();
    }
    StringBuilder sb = new StringBuilder("profile=ibsi;per-modality-presets");
    for (String m : PRESET_MODALITIES) {
      sb.append(';').append(m).append('=').append(paramsHash(null, m));
    }
    return sb.toString();
  }

  /** SHA-256 of {@link #canonicalParams} for the per-modality mode, else the profile's own hash. */
  public static String runParamsHash(ExtractionProfile profile) {
    return profile != null ? profile.paramsHash() : sha256(canonicalParams(null));
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
