package org.sparkradiomics.features.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.Presets;
import org.sparkradiomics.features.preprocess.Preprocessed;
import org.sparkradiomics.features.preprocess.Preprocessor;
import org.sparkradiomics.filters.FilterSpec;
import org.sparkradiomics.filters.FilterSupport;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * The IBSI profile: {@link FeatureExtractor} with one {@link FeatureSettings}; features carry IBSI tags
 * ({@code stat_mean}, {@code cm_joint_max_3D_comb}, ...). Image types: {@code original} (unless disabled) and one
 * per IBSI-2 filter, in the order given.
 *
 * <p><b>Filtered image types</b> follow IBSI-2: the original image is preprocessed once (interpolation, ROI masks,
 * resegmentation on the original intensities); each filter runs on the interpolated image over the ROI box padded
 * by its support ({@link FeatureExtractor#extractFiltered}) and the families are computed from the response map
 * inside the ROI. An image type is named by the filter's canonical form ({@link FilterSupport#canonical}: every
 * default written out, parameters sorted), e.g. {@code log:dim=3D,mode=mirror,sigma=1.5,truncate=4} or
 * {@code wavelet:band=LLH,dim=3D,family=db3,level=1,mode=mirror,rotinv=mean}; rotation-invariant and pooled variants
 * are distinct image types because {@code rotinv}/{@code pooling}/{@code step} are part of the name. Two spellings of
 * one filter are the same image type (and are refused as a duplicate).
 *
 * <p><b>Text form</b> ({@link #parse}), for jobs that receive the profile as a string:
 * <pre>
 *   ibsi[:PRESET][;original=true|false][;filters=SPEC|SPEC|...]
 * </pre>
 * PRESET is a modality of {@link Presets#forModality} (CT, MR, DX, CR, MG, US; default: the generic preset);
 * SPEC is a {@link FilterSpec} ({@code name:key=value,...}); filters are separated by {@code |}. Example:
 * {@code ibsi:CT;filters=log:sigma=1,mode=mirror|log:sigma=3,mode=mirror|wavelet:family=haar,band=LLH}.
 * {@link #toString()} writes the canonical text form of a parsed profile.
 *
 * <p><b>Identity</b>: {@link #canonicalParams()} is {@code profile=ibsi;<settings>} followed, when filters are
 * present or the original is disabled, by {@code ;original=<bool>;filters=<canonical specs joined by |>};
 * {@link #paramsHash()} is {@link FeatureSettings#hash()} for the plain profile (unchanged from before filters
 * existed) and the SHA-256 of {@link #canonicalParams()} otherwise.
 */
public final class IbsiProfile implements ExtractionProfile {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "ibsi";
  public static final String ORIGINAL = "original";

  private final FeatureSettings settings;
  private final List<FilterSpec> filters;
  private final boolean original;
  private final String text;

  public IbsiProfile(FeatureSettings settings) {
    this(settings, List.of(), true);
  }

  /** Original image type plus one per filter. */
  public IbsiProfile(FeatureSettings settings, List<FilterSpec> filters) {
    this(settings, filters, true);
  }

  /**
   * @param original whether to compute the original image type (false: filtered image types only)
   * @throws IllegalArgumentException when there is no image type at all or a filter is given twice
   */
  public IbsiProfile(FeatureSettings settings, List<FilterSpec> filters, boolean original) {
    this(settings, filters, original, null);
  }

  private IbsiProfile(FeatureSettings settings, List<FilterSpec> filters, boolean original, String preset) {
    this.settings = Objects.requireNonNull(settings, "settings");
    List<FilterSpec> c = new ArrayList<>();
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (FilterSpec f : Objects.requireNonNull(filters, "filters")) {
      FilterSpec k = FilterSupport.canonical(Objects.requireNonNull(f, "filter"));
      if (!seen.add(k.toString())) {
        throw new IllegalArgumentException("filter given twice: " + k);
      }
      c.add(k);
    }
    if (!original && c.isEmpty()) {
      throw new IllegalArgumentException("the IBSI profile needs at least one image type (original or a filter)");
    }
    this.filters = List.copyOf(c);
    this.original = original;
    this.text = preset == null ? null : textForm(preset);
  }

  /**
   * Parses {@code ibsi[:PRESET][;original=true|false][;filters=SPEC|SPEC...]} (see the class documentation).
   *
   * @throws IllegalArgumentException naming the offending part
   */
  public static IbsiProfile parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty IBSI profile specification");
    }
    String[] parts = text.trim().split(";");
    String head = parts[0].trim();
    String preset = null;
    int colon = head.indexOf(':');
    String name = (colon < 0 ? head : head.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    if (!name.equals(NAME)) {
      throw new IllegalArgumentException("an IBSI profile starts with 'ibsi', got '" + head + "'");
    }
    if (colon >= 0) {
      preset = head.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
      if (!List.of("CT", "MR", "DX", "CR", "MG", "US").contains(preset)) {
        throw new IllegalArgumentException("unknown IBSI preset '" + preset + "' (CT, MR, DX, CR, MG, US)");
      }
    }
    boolean original = true;
    List<FilterSpec> filters = new ArrayList<>();
    boolean sawOriginal = false;
    boolean sawFilters = false;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : part.substring(eq + 1).trim();
      switch (key) {
        case "original":
          if (sawOriginal || !(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
            throw new IllegalArgumentException("original must be given once as true or false: '" + part + "'");
          }
          sawOriginal = true;
          original = Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
          break;
        case "filters":
          if (sawFilters) {
            throw new IllegalArgumentException("filters given twice");
          }
          sawFilters = true;
          for (String f : value.split("\\|")) {
            if (f.isBlank()) {
              throw new IllegalArgumentException("empty filter in '" + part + "'");
            }
            filters.add(FilterSpec.parse(f));
          }
          break;
        default:
          throw new IllegalArgumentException("unknown IBSI profile key '" + key + "' (original, filters)");
      }
    }
    FeatureSettings s = preset == null ? Presets.forModality("") : Presets.forModality(preset);
    return new IbsiProfile(s, filters, original, preset == null ? "" : preset);
  }

  public FeatureSettings settings() {
    return settings;
  }

  /** The filters in canonical form, in output order. */
  public List<FilterSpec> filters() {
    return filters;
  }

  public boolean original() {
    return original;
  }

  /** The image-type names in output order. */
  public List<String> imageTypes() {
    List<String> t = new ArrayList<>();
    if (original) {
      t.add(ORIGINAL);
    }
    for (FilterSpec f : filters) {
      t.add(f.toString());
    }
    return t;
  }

  @Override
  public String name() {
    return NAME;
  }

  private boolean plain() {
    return original && filters.isEmpty();
  }

  @Override
  public String canonicalParams() {
    String base = "profile=ibsi;" + settings.canonicalString();
    if (plain()) {
      return base;
    }
    StringBuilder b = new StringBuilder(base).append(";original=").append(original).append(";filters=");
    for (int i = 0; i < filters.size(); i++) {
      b.append(i == 0 ? "" : "|").append(filters.get(i));
    }
    return b.toString();
  }

  @Override
  public String paramsHash() {
    if (plain()) {
      return settings.hash();
    }
    return FeatureSettings.sha256Hex(canonicalParams());
  }

  /**
   * Every image type. A ROI that is empty (initially, after interpolation or resegmentation) fails the whole result
   * with EMPTY_ROI, as for the original image alone.
   */
  @Override
  public ProfileResult extract(Volume image, Mask mask) {
    Preprocessed p = Preprocessor.run(image, mask, settings);
    Map<String, FeatureVector> out = new LinkedHashMap<>();
    if (p.isEmpty() || original) {
      FeatureExtractor.Result r = FeatureExtractor.extract(p, settings);
      out.put(original ? ORIGINAL : imageTypes().get(0), r.features());
      if (!r.ok()) {
        return ProfileResult.failed(r.error(), r.message(), out);
      }
    }
    for (FilterSpec f : filters) {
      out.put(f.toString(), FeatureExtractor.extractFiltered(image, p, settings, f).features());
    }
    return ProfileResult.ok(out);
  }

  /**
   * The canonical text form ({@link #parse} reads it back to an equal profile) for a parsed profile; otherwise
   * {@code IbsiProfile[<canonicalParams>]}, since explicit settings have no text form.
   */
  @Override
  public String toString() {
    return text != null ? text : "IbsiProfile[" + canonicalParams() + "]";
  }

  private String textForm(String preset) {
    StringBuilder b = new StringBuilder(NAME);
    if (!preset.isEmpty()) {
      b.append(':').append(preset);
    }
    if (!original) {
      b.append(";original=false");
    }
    if (!filters.isEmpty()) {
      b.append(";filters=");
      for (int i = 0; i < filters.size(); i++) {
        b.append(i == 0 ? "" : "|").append(filters.get(i));
      }
    }
    return b.toString();
  }
}
