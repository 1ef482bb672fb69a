package org.sparkradiomics.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.preprocess.Preprocessed;
import org.sparkradiomics.features.preprocess.Preprocessor;
import org.sparkradiomics.filters.FilterSpec;
import org.sparkradiomics.filters.FilterSupport;
import org.sparkradiomics.filters.ImageFilter;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * Extracts every enabled IBSI-1 feature family for one image and ROI: IBSI preprocessing ({@link Preprocessor}),
 * then each family of {@link FeatureSettings#families()} in {@link FeatureSettings#ALL_FAMILIES} order.
 *
 * <ul>
 *   <li>The IBSI diagnostics are always part of the result (tags {@code img_dim_x_init_img} ...
 *       {@code int_mask_max_int_reseg_roi}), plus {@code diag_roi_voxels} (intensity-mask voxels after
 *       preprocessing), {@code diag_bins} (texture grey levels N_g) and {@code diag_settings_hash} (the first 13 hex
 *       digits of {@link FeatureSettings#hash()} as an exactly representable number).
 *   <li>A family that throws does not lose the others: every feature name the family produces under these
 *       settings is marked undefined with the exception as reason, and {@code diag_<family>_error} is marked
 *       undefined with the same reason. A family's names depend only on the settings (texture modes, ...), never on
 *       the ROI, so they are learnt once per (family, settings hash): from a successful run, or else by running the
 *       family on a small fixed probe ROI. The result therefore has the same columns whichever ROI a JVM saw first.
 *   <li>An empty ROI (initially, after interpolation or after resegmentation) is a typed result:
 *       {@link Result#error()} is {@link ErrorKind#EMPTY_ROI}, the diagnostics are kept and no family runs.
 * </ul>
 * The extractor is stateless apart from the name cache and is thread-safe.
 */
public final class FeatureExtractor {
  /** Feature names per "family prefix @ settings hash" (to mark them undefined when the family throws). */
  private static final Map<String, List<String>> KNOWN_NAMES = new ConcurrentHashMap<>();

  /**
   * A 4x4x4 probe ROI of 1 mm voxels: a 2x2x2 cube inside, grey levels 1 and 2 in a checker pattern, so that every
   * family has something defined to compute on.
   */
  private static final RoiImage PROBE = probe();

  private static RoiImage probe() {
    int n = 4;
    float[] v = new float[n * n * n];
    boolean[] in = new boolean[v.length];
    int[] bins = new int[v.length];
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          int i = x + n * (y + n * z);
          v[i] = 1 + ((x + y + z) & 1);
          in[i] = x >= 1 && x <= 2 && y >= 1 && y <= 2 && z >= 1 && z <= 2;
          bins[i] = in[i] ? (int) v[i] : 0;
        }
      }
    }
    return new RoiImage(n, n, n, 1, 1, 1, v, in, in.clone(), bins, 2, bins.clone(), 2);
  }

  private FeatureExtractor() {}

  /** The outcome of one extraction. */
  public static final class Result {
    private final FeatureVector features;
    private final ErrorKind error;
    private final String message;
    private final Map<String, String> familyErrors;

    Result(FeatureVector features, ErrorKind error, String message, Map<String, String> familyErrors) {
      this.features = features;
      this.error = error;
      this.message = message;
      this.familyErrors = Collections.unmodifiableMap(new LinkedHashMap<>(familyErrors));
    }

    /** Diagnostics and features (undefined ones with reasons). */
    public FeatureVector features() {
      return features;
    }

    /** Null on success; {@link ErrorKind#EMPTY_ROI} when the ROI is or becomes empty. */
    public ErrorKind error() {
      return error;
    }

    public boolean ok() {
      return error == null;
    }

    /** Human-readable reason when {@link #error()} is set, else null. */
    public String message() {
      return message;
    }

    /** Family tag prefix to the reason it produced no values (unavailable or threw). */
    public Map<String, String> familyErrors() {
      return familyErrors;
    }
  }

  /**
   * Preprocesses {@code image}/{@code mask} and computes every enabled family.
   *
   * @throws RadiomicsException MASK_GRID_MISMATCH when the mask is not on the image grid
   */
  public static Result extract(Volume image, Mask mask, FeatureSettings settings) {
    Preprocessed p = Preprocessor.run(image, mask, settings);
    FeatureVector out = new FeatureVector();
    out.putAll(p.diagnostics());
    if (p.isEmpty()) {
      out.put("diag_roi_voxels", 0);
      out.putUndefined("diag_bins", "empty ROI: " + p.emptyReason());
      putHash(out, settings);
      return new Result(out, ErrorKind.EMPTY_ROI, p.emptyReason(), Map.of());
    }
    return computeFamilies(p.roi(), settings, out);
  }

  /** Computes every enabled family on an already preprocessed ROI (no IBSI diagnostics). */
  public static Result extract(RoiImage roi, FeatureSettings settings) {
    FeatureVector out = new FeatureVector();
    if (roi.intensityMaskCount() == 0) {
      out.put("diag_roi_voxels", 0);
      out.putUndefined("diag_bins", "empty ROI");
      putHash(out, settings);
      return new Result(out, ErrorKind.EMPTY_ROI, "the intensity mask is empty", Map.of());
    }
    return computeFamilies(roi, settings, out);
  }

  /**
   * Like {@link #extract(Volume, Mask, FeatureSettings)} on an image already preprocessed by
   * {@link Preprocessor#run} with the same settings (so that several image types share one preprocessing).
   */
  public static Result extract(Preprocessed p, FeatureSettings settings) {
    FeatureVector out = new FeatureVector();
    out.putAll(p.diagnostics());
    if (p.isEmpty()) {
      out.put("diag_roi_voxels", 0);
      out.putUndefined("diag_bins", "empty ROI: " + p.emptyReason());
      putHash(out, settings);
      return new Result(out, ErrorKind.EMPTY_ROI, p.emptyReason(), Map.of());
    }
    return computeFamilies(p.roi(), settings, out);
  }

  /**
   * Features of a filtered image (IBSI-2): preprocesses the original image as {@link #extract} does (interpolation,
   * ROI masks, resegmentation on the original intensities), filters the interpolated image on the ROI box padded by
   * the filter's support ({@link FilterSupport#radius}) and computes every enabled family from the response map
   * inside the ROI. Memory is bounded by the padded box, never the whole image.
   */
  public static Result extractFiltered(Volume image, Mask mask, FeatureSettings settings, FilterSpec filter) {
    return extractFiltered(image, Preprocessor.run(image, mask, settings), settings, filter);
  }

  /** {@link #extractFiltered(Volume, Mask, FeatureSettings, FilterSpec)} on an existing preprocessing. */
  public static Result extractFiltered(Volume image, Preprocessed p, FeatureSettings settings, FilterSpec filter) {
    double[] spacing = p.isEmpty() ? image.spacing() : new double[] {p.roi().sx, p.roi().sy, p.roi().sz};
    return extractFiltered(image, p, settings, filter.build(), FilterSupport.radius(filter, spacing));
  }

  /**
   * The general form: {@code filter} runs on the interpolated image over the ROI box of {@code p} padded by
   * {@code pad[a]} voxels per axis (clipped to the image; where the padded box reaches the image border the
   * filter's own boundary mode applies there, as on the whole image). The response inside the box replaces the
   * intensities; the morphological and intensity masks stay those of the original image (IBSI-2: resegmentation
   * uses the original intensities); discretisation runs on the response values inside the intensity mask with the
   * settings' methods but without the resegmentation lower bound (it is a bound on original intensities: fixed bin
   * size starts at the response minimum), and the families see the settings without resegmentation bounds for the
   * same reason. {@code diag_settings_hash} is that of {@code settings}. Extra diagnostics:
   * {@code diag_filter_box_voxels} (voxels filtered) and {@code diag_filter_pad_x/y/z}.
   */
  public static Result extractFiltered(Volume image, Preprocessed p, FeatureSettings settings, ImageFilter filter,
      int[] pad) {
    if (p.isEmpty()) {
      return extract(p, settings);
    }
    RoiImage roi = p.roi();
    int[] off = p.boxOffset();
    int[] n = Preprocessor.gridDims(image, settings);
    int[] dims = {roi.nx, roi.ny, roi.nz};
    int[] lo = new int[3];
    int[] hi = new int[3];
    for (int a = 0; a < 3; a++) {
      if (pad[a] < 0) {
        throw new IllegalArgumentException("filter padding must be >= 0: " + java.util.Arrays.toString(pad));
      }
      lo[a] = Math.max(0, off[a] - pad[a]);
      hi[a] = Math.min(n[a], off[a] + dims[a] + pad[a]);
    }
    int px = hi[0] - lo[0];
    int py = hi[1] - lo[1];
    int pz = hi[2] - lo[2];
    double[] block = Preprocessor.imageBlock(image, settings, lo, hi);
    double[] response = filter.response(block, px, py, pz, new double[] {roi.sx, roi.sy, roi.sz});
    block = null; // the response replaces it
    float[] filtered = new float[roi.intensity.length];
    for (int z = 0; z < roi.nz; z++) {
      for (int y = 0; y < roi.ny; y++) {
        int src = (off[0] - lo[0]) + px * ((off[1] - lo[1] + y) + py * (off[2] - lo[2] + z));
        int dst = roi.nx * (y + roi.ny * z);
        for (int x = 0; x < roi.nx; x++) {
          filtered[dst + x] = (float) response[src + x];
        }
      }
    }
    FeatureSettings fs = settings.toBuilder().resegmentRange(Double.NaN, Double.NaN).outlierSigma(Double.NaN)
        .build();
    boolean[] im = roi.intensityMask;
    int[] bins = new int[filtered.length];
    int nBins = fs.texture().apply(filtered, im, Double.NaN, bins);
    int[] ihBins;
    int ihN;
    if (fs.intensityHistogram().equals(fs.texture())) {
      ihBins = bins.clone();
      ihN = nBins;
    } else {
      ihBins = new int[filtered.length];
      ihN = fs.intensityHistogram().apply(filtered, im, Double.NaN, ihBins);
    }
    RoiImage f = new RoiImage(roi.nx, roi.ny, roi.nz, roi.sx, roi.sy, roi.sz, filtered, roi.morphMask, im, bins,
        nBins, ihBins, ihN);
    FeatureVector out = new FeatureVector();
    out.putAll(p.diagnostics());
    out.put("diag_filter_box_voxels", (double) px * py * pz);
    out.put("diag_filter_pad_x", pad[0]);
    out.put("diag_filter_pad_y", pad[1]);
    out.put("diag_filter_pad_z", pad[2]);
    Result r = computeFamilies(f, fs, out);
    putHash(r.features(), settings);
    return r;
  }

  private static Result computeFamilies(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    out.put("diag_roi_voxels", roi.intensityMaskCount());
    out.put("diag_bins", roi.nBins);
    putHash(out, settings);
    Map<String, String> errors = new LinkedHashMap<>();
    for (String prefix : FeatureSettings.ALL_FAMILIES) {
      if (!settings.familyEnabled(prefix)) {
        continue;
      }
      // FeatureSettings accepts only ALL_FAMILIES, and FamilyRegistry has each of them.
      runFamily(prefix, FamilyRegistry.get(prefix), roi, settings, out, errors);
    }
    return new Result(out, null, null, errors);
  }

  /** Runs one family into a fresh vector; on failure marks its features undefined (package-private for tests). */
  static void runFamily(String prefix, FeatureFamily family, RoiImage roi, FeatureSettings settings,
      FeatureVector out, Map<String, String> errors) {
    FeatureVector fv = new FeatureVector();
    String key = prefix + "@" + settings.hash();
    try {
      family.compute(roi, settings, fv);
      KNOWN_NAMES.putIfAbsent(key, List.copyOf(fv.values().keySet()));
      out.putAll(fv);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String why = "family " + family.name() + " failed: " + e;
      errors.put(prefix, why);
      List<String> names = new ArrayList<>(fv.values().keySet());
      for (String n : KNOWN_NAMES.computeIfAbsent(key, k -> probeNames(family, settings))) {
        if (!names.contains(n)) {
          names.add(n);
        }
      }
      markUndefined(out, prefix, names, why);
    }
  }

  /** The names {@code family} writes under {@code settings}, from a run on {@link #PROBE}; empty if that fails. */
  private static List<String> probeNames(FeatureFamily family, FeatureSettings settings) {
    FeatureVector fv = new FeatureVector();
    try {
      family.compute(PROBE, settings, fv);
    } catch (RuntimeException | StackOverflowError e) {
      // names written before the failure are still the family's names
    }
    return List.copyOf(fv.values().keySet());
  }

  private static void markUndefined(FeatureVector out, String prefix, List<String> names, String why) {
    for (String n : names) {
      out.putUndefined(n, why);
    }
    out.putUndefined("diag_" + prefix + "_error", why);
  }

  private static void putHash(FeatureVector out, FeatureSettings s) {
    out.put("diag_settings_hash", (double) Long.parseLong(s.hash().substring(0, 13), 16));
  }
}
