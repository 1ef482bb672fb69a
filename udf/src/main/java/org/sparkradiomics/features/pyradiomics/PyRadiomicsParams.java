package org.sparkradiomics.features.pyradiomics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A PyRadiomics (v3.1) parameter file, read as-is: top-level sections {@code setting}, {@code imageType},
 * {@code featureClass} and optional {@code voxelSetting}. Every key is checked against the PyRadiomics key set with its
 * type; an unknown or misspelled key (or a value of the wrong type) is an {@link IllegalArgumentException} naming the
 * key and listing the supported ones, never ignored.
 *
 * <p>Defaults are PyRadiomics': {@code binWidth 25}, {@code label 1}, {@code voxelArrayShift 0},
 * {@code normalizeScale 1}, {@code padDistance 5}, {@code minimumROIDimensions 2}, {@code distances [1]},
 * {@code symmetricalGLCM True}, {@code gldm_a 0}, {@code interpolator sitkBSpline}, {@code resegmentMode absolute}.
 * A missing {@code imageType} section enables {@code Original}; a missing {@code featureClass} section enables every
 * class (shape2D too: computed only with {@code force2D}) with its non-deprecated features; a class mapped to {@code null} or {@code []} enables its non-deprecated
 * features, a list enables exactly those (deprecated ones included when named).
 *
 * <p>Values are normalised to Java types: numbers to {@link Double} (integers to {@link Integer} for integer keys),
 * lists to {@code List<Double>}, YAML/Python {@code None} to null. Immutable and serializable.
 */
public final class PyRadiomicsParams implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Value kinds of PyRadiomics settings. */
  enum Kind { DOUBLE, INT, BOOL, STRING, DOUBLE_LIST, INT_LIST, NUMBER_LIST }

  /** Every setting key PyRadiomics 3.1 accepts (in {@code setting} and per-image-type sections), with its type. */
  static final Map<String, Kind> SETTING_KEYS;
  /** Keys of the {@code voxelSetting} section. */
  static final Map<String, Kind> VOXEL_KEYS;
  /** Image type names as written in the {@code imageType} section. */
  public static final List<String> IMAGE_TYPES = List.of("Original", "LoG", "Wavelet", "Square", "SquareRoot",
      "Logarithm", "Exponential", "Gradient", "LBP2D", "LBP3D");
  /** SimpleITK interpolator names accepted by {@code interpolator}. */
  public static final List<String> INTERPOLATORS = List.of("sitkNearestNeighbor", "sitkLinear", "sitkBSpline",
      "sitkGaussian", "sitkLabelGaussian", "sitkHammingWindowedSinc", "sitkCosineWindowedSinc",
      "sitkWelchWindowedSinc", "sitkLanczosWindowedSinc", "sitkBlackmanWindowedSinc");

  static {
    Map<String, Kind> m = new LinkedHashMap<>();
    // image normalisation / resampling / cropping
    m.put("normalize", Kind.BOOL);
    m.put("normalizeScale", Kind.DOUBLE);
    m.put("removeOutliers", Kind.DOUBLE);
    m.put("resampledPixelSpacing", Kind.DOUBLE_LIST);
    m.put("interpolator", Kind.STRING);
    m.put("padDistance", Kind.INT);
    m.put("preCrop", Kind.BOOL);
    // mask
    m.put("label", Kind.INT);
    m.put("label_channel", Kind.INT);
    m.put("correctMask", Kind.BOOL);
    m.put("geometryTolerance", Kind.DOUBLE);
    m.put("minimumROIDimensions", Kind.INT);
    m.put("minimumROISize", Kind.INT);
    m.put("resegmentRange", Kind.DOUBLE_LIST);
    m.put("resegmentMode", Kind.STRING);
    m.put("resegmentShape", Kind.BOOL);
    // 2D
    m.put("force2D", Kind.BOOL);
    m.put("force2Ddimension", Kind.INT);
    // discretisation and features
    m.put("binWidth", Kind.DOUBLE);
    m.put("binCount", Kind.INT);
    m.put("voxelArrayShift", Kind.DOUBLE);
    m.put("distances", Kind.INT_LIST);
    m.put("symmetricalGLCM", Kind.BOOL);
    m.put("weightingNorm", Kind.STRING);
    m.put("gldm_a", Kind.DOUBLE);
    // misc
    m.put("additionalInfo", Kind.BOOL);
    m.put("enableCExtensions", Kind.BOOL);
    // filters (image types)
    m.put("sigma", Kind.NUMBER_LIST); // ints stay ints: they name the column as Python does (log-sigma-3-mm-3D)
    m.put("wavelet", Kind.STRING);
    m.put("start_level", Kind.INT);
    m.put("level", Kind.INT);
    m.put("gradientUseSpacing", Kind.BOOL);
    m.put("lbp2DRadius", Kind.DOUBLE);
    m.put("lbp2DSamples", Kind.INT);
    m.put("lbp2DMethod", Kind.STRING);
    m.put("lbp3DLevels", Kind.INT);
    m.put("lbp3DIcosphereRadius", Kind.DOUBLE);
    m.put("lbp3DIcosphereSubdivision", Kind.INT);
    SETTING_KEYS = Collections.unmodifiableMap(m);
    Map<String, Kind> v = new LinkedHashMap<>();
    v.put("kernelRadius", Kind.INT);
    v.put("maskedKernel", Kind.BOOL);
    v.put("initValue", Kind.DOUBLE);
    v.put("voxelBatch", Kind.INT);
    VOXEL_KEYS = Collections.unmodifiableMap(v);
  }

  private final LinkedHashMap<String, Object> settings;
  private final LinkedHashMap<String, LinkedHashMap<String, Object>> imageTypes;
  private final LinkedHashMap<String, List<String>> featureClasses;
  private final LinkedHashMap<String, Object> voxelSettings;
  /** True when the params have no featureClass section (every class enabled by default). */
  private final boolean implicitClasses;

  private PyRadiomicsParams(LinkedHashMap<String, Object> settings,
      LinkedHashMap<String, LinkedHashMap<String, Object>> imageTypes,
      LinkedHashMap<String, List<String>> featureClasses, LinkedHashMap<String, Object> voxelSettings,
      boolean implicitClasses) {
    this.settings = settings;
    this.imageTypes = imageTypes;
    this.featureClasses = featureClasses;
    this.voxelSettings = voxelSettings;
    this.implicitClasses = implicitClasses;
  }

  /** The PyRadiomics defaults: Original image, every feature class, default settings. */
  public static PyRadiomicsParams defaults() {
    return parse("{}");
  }

  /**
   * Parses a PyRadiomics params YAML (or JSON, a YAML subset) text.
   *
   * @throws IllegalArgumentException for malformed YAML, unknown keys, wrong types or invalid values
   */
  public static PyRadiomicsParams parse(String yamlText) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("params file is not valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      root = Map.of();
    }
    if (!(root instanceof Map)) {
      throw new IllegalArgumentException("params file must be a mapping with sections setting, imageType, "
          + "featureClass, voxelSetting");
    }
    LinkedHashMap<String, Object> settings = new LinkedHashMap<>();
    LinkedHashMap<String, LinkedHashMap<String, Object>> types = null;
    LinkedHashMap<String, List<String>> classes = null;
    LinkedHashMap<String, Object> voxel = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) root).entrySet()) {
      String section = String.valueOf(e.getKey());
      Object body = e.getValue();
      switch (section) {
        case "setting":
          settings = typedSection("setting", body, SETTING_KEYS);
          break;
        case "voxelSetting":
          voxel = typedSection("voxelSetting", body, VOXEL_KEYS);
          break;
        case "imageType":
          types = new LinkedHashMap<>();
          for (Map.Entry<String, Object> t : mapping("imageType", body).entrySet()) {
            if (!IMAGE_TYPES.contains(t.getKey())) {
              throw new IllegalArgumentException("unknown image type '" + t.getKey() + "' in section imageType; "
                  + "supported: " + IMAGE_TYPES);
            }
            types.put(t.getKey(), typedSection("imageType." + t.getKey(), t.getValue(), SETTING_KEYS));
          }
          break;
        case "featureClass":
          classes = new LinkedHashMap<>();
          for (Map.Entry<String, Object> c : mapping("featureClass", body).entrySet()) {
            classes.put(c.getKey(), PyFeatureNames.enabled(c.getKey(), c.getValue()));
          }
          break;
        default:
          throw new IllegalArgumentException("unknown section '" + section + "' in params file; supported: "
              + "[setting, imageType, featureClass, voxelSetting]");
      }
    }
    if (types == null) {
      types = new LinkedHashMap<>();
      types.put("Original", new LinkedHashMap<>());
    }
    boolean implicit = classes == null;
    if (implicit) {
      classes = new LinkedHashMap<>();
      for (String c : PyFeatureNames.CLASSES) {
        // every class, shape2D included: PyRadiomics enables it too and computes it only with force2D
        classes.put(c, PyFeatureNames.enabled(c, null));
      }
    }
    PyRadiomicsParams p = new PyRadiomicsParams(settings, types, classes, voxel, implicit);
    p.validate();
    return p;
  }

  private static LinkedHashMap<String, Object> mapping(String where, Object body) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    if (body == null) {
      return out;
    }
    if (!(body instanceof Map)) {
      throw new IllegalArgumentException("section " + where + " must be a mapping, got: " + body);
    }
    for (Map.Entry<?, ?> e : ((Map<?, ?>) body).entrySet()) {
      out.put(String.valueOf(e.getKey()), e.getValue());
    }
    return out;
  }

  private static LinkedHashMap<String, Object> typedSection(String where, Object body, Map<String, Kind> keys) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : mapping(where, body).entrySet()) {
      Kind k = keys.get(e.getKey());
      if (k == null) {
        throw new IllegalArgumentException("unknown key '" + e.getKey() + "' in section " + where + "; supported: "
            + keys.keySet());
      }
      out.put(e.getKey(), convert(where + "." + e.getKey(), k, e.getValue()));
    }
    return out;
  }

  private static boolean isNone(Object v) {
    return v == null || (v instanceof String && ((String) v).equals("None"));
  }

  private static Object convert(String key, Kind k, Object v) {
    if (isNone(v)) {
      return null;
    }
    switch (k) {
      case BOOL:
        if (v instanceof Boolean) {
          return v;
        }
        throw new IllegalArgumentException(key + " must be True or False, got '" + v + "'");
      case STRING:
        if (v instanceof String) {
          return v;
        }
        throw new IllegalArgumentException(key + " must be a string, got '" + v + "'");
      case INT:
        return toInt(key, v);
      case DOUBLE:
        return toDouble(key, v);
      case DOUBLE_LIST:
      case INT_LIST: {
        List<?> in = v instanceof List ? (List<?>) v : List.of(v);
        List<Object> out = new ArrayList<>();
        for (Object o : in) {
          out.add(k == Kind.INT_LIST ? (Object) toInt(key, o) : (Object) toDouble(key, o));
        }
        return Collections.unmodifiableList(out);
      }
      case NUMBER_LIST: {
        List<?> in = v instanceof List ? (List<?>) v : List.of(v);
        List<Object> out = new ArrayList<>();
        for (Object o : in) {
          if (o instanceof Integer || o instanceof Long) {
            out.add(((Number) o).intValue());
          } else {
            out.add(toDouble(key, o));
          }
        }
        return Collections.unmodifiableList(out);
      }
      default:
        throw new IllegalStateException(k.name());
    }
  }

  private static double toDouble(String key, Object v) {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
  }

  private static int toInt(String key, Object v) {
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).intValue();
    }
    if (v instanceof Double && ((Double) v) == Math.rint((Double) v)) {
      return ((Double) v).intValue();
    }
    throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
  }

  private void validate() {
    if (binWidth() <= 0 || Double.isInfinite(binWidth())) {
      throw new IllegalArgumentException("setting.binWidth must be positive, got " + binWidth());
    }
    if (binCount() != null && binCount() < 1) {
      throw new IllegalArgumentException("setting.binCount must be >= 1, got " + binCount());
    }
    String interp = (String) settings.getOrDefault("interpolator", "sitkBSpline");
    if (!INTERPOLATORS.contains(interp)) {
      throw new IllegalArgumentException("setting.interpolator '" + interp + "' unknown; supported: " + INTERPOLATORS);
    }
    List<Double> rr = resegmentRange();
    if (rr != null && (rr.isEmpty() || rr.size() > 2)) {
      throw new IllegalArgumentException("setting.resegmentRange needs 1 or 2 values, got " + rr);
    }
    String mode = resegmentMode();
    if (!List.of("absolute", "relative", "sigma").contains(mode)) {
      throw new IllegalArgumentException("setting.resegmentMode must be absolute, relative or sigma, got '" + mode
          + "'");
    }
    String wn = weightingNorm();
    if (wn != null && !List.of("manhattan", "euclidean", "infinity", "no_weighting").contains(wn)) {
      throw new IllegalArgumentException("setting.weightingNorm must be None, manhattan, euclidean, infinity or "
          + "no_weighting, got '" + wn + "'");
    }
    for (int d : distances()) {
      if (d < 1) {
        throw new IllegalArgumentException("setting.distances must be >= 1, got " + distances());
      }
    }
    if (minimumROIDimensions() < 1 || minimumROIDimensions() > 3) {
      throw new IllegalArgumentException("setting.minimumROIDimensions must be 1, 2 or 3");
    }
    if (force2Ddimension() < 0 || force2Ddimension() > 2) {
      throw new IllegalArgumentException("setting.force2Ddimension must be 0, 1 or 2");
    }
    if (gldmA() < 0) {
      throw new IllegalArgumentException("setting.gldm_a must be >= 0, got " + gldmA());
    }
    List<Double> rs = resampledPixelSpacing();
    if (rs != null && rs.size() != 3) {
      throw new IllegalArgumentException("setting.resampledPixelSpacing needs 3 values, got " + rs);
    }
  }

  // ---- typed accessors (setting section, PyRadiomics defaults) ----

  private Object get(String key) {
    return settings.get(key);
  }

  private double dbl(String key, double dflt) {
    Object v = get(key);
    return v == null ? dflt : (Double) v;
  }

  private int integer(String key, int dflt) {
    Object v = get(key);
    return v == null ? dflt : (Integer) v;
  }

  private boolean bool(String key, boolean dflt) {
    Object v = get(key);
    return v == null ? dflt : (Boolean) v;
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> list(String key) {
    return (List<T>) get(key);
  }

  public double binWidth() {
    return dbl("binWidth", 25);
  }

  /** Fixed bin count, or null (binWidth is used). */
  public Integer binCount() {
    return (Integer) get("binCount");
  }

  public int label() {
    return integer("label", 1);
  }

  public double voxelArrayShift() {
    return dbl("voxelArrayShift", 0);
  }

  public boolean normalize() {
    return bool("normalize", false);
  }

  public double normalizeScale() {
    return dbl("normalizeScale", 1);
  }

  /** Outlier clipping at ±n·σ after normalisation, or null. */
  public Double removeOutliers() {
    return (Double) get("removeOutliers");
  }

  public List<Double> resampledPixelSpacing() {
    return list("resampledPixelSpacing");
  }

  public String interpolator() {
    return (String) settings.getOrDefault("interpolator", "sitkBSpline");
  }

  public int padDistance() {
    return integer("padDistance", 5);
  }

  public boolean preCrop() {
    return bool("preCrop", false);
  }

  public List<Double> resegmentRange() {
    return list("resegmentRange");
  }

  public String resegmentMode() {
    return (String) settings.getOrDefault("resegmentMode", "absolute");
  }

  public boolean resegmentShape() {
    return bool("resegmentShape", false);
  }

  public boolean force2D() {
    return bool("force2D", false);
  }

  public int force2Ddimension() {
    return integer("force2Ddimension", 0);
  }

  public boolean correctMask() {
    return bool("correctMask", false);
  }

  /** Geometry tolerance (mm) between image and mask, or null for the default. */
  public Double geometryTolerance() {
    return (Double) get("geometryTolerance");
  }

  public int minimumROIDimensions() {
    return integer("minimumROIDimensions", 2);
  }

  /** Minimum number of ROI voxels, or null. */
  public Integer minimumROISize() {
    return (Integer) get("minimumROISize");
  }

  public boolean additionalInfo() {
    return bool("additionalInfo", true);
  }

  public List<Integer> distances() {
    List<Integer> d = list("distances");
    return d == null ? List.of(1) : d;
  }

  public boolean symmetricalGLCM() {
    return bool("symmetricalGLCM", true);
  }

  /** GLCM/GLRLM angle weighting norm, or null (features per angle, averaged). */
  public String weightingNorm() {
    return (String) get("weightingNorm");
  }

  public double gldmA() {
    return dbl("gldm_a", 0);
  }

  /** The typed {@code setting} section as written (unmodifiable). */
  public Map<String, Object> settings() {
    return Collections.unmodifiableMap(settings);
  }

  /** Image types in file order, each with its custom settings (unmodifiable). */
  public Map<String, Map<String, Object>> imageTypes() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map.Entry<String, LinkedHashMap<String, Object>> e : imageTypes.entrySet()) {
      out.put(e.getKey(), Collections.unmodifiableMap(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The settings an image type sees: the {@code setting} section overridden by that type's own section (PyRadiomics'
   * per-image-type customisation).
   */
  public Map<String, Object> settingsFor(String imageType) {
    Map<String, Object> m = new LinkedHashMap<>(settings);
    Map<String, Object> own = imageTypes.get(imageType);
    if (own != null) {
      m.putAll(own);
    }
    return Collections.unmodifiableMap(m);
  }

  /** These params with the {@code setting} section replaced by {@link #settingsFor} of {@code imageType}. */
  public PyRadiomicsParams forImageType(String imageType) {
    PyRadiomicsParams p = new PyRadiomicsParams(new LinkedHashMap<>(settingsFor(imageType)), imageTypes,
        featureClasses, voxelSettings, implicitClasses);
    p.validate();
    return p;
  }

  /** True when the params have no {@code featureClass} section: every class is enabled by default. */
  public boolean featureClassesImplicit() {
    return implicitClasses;
  }

  /** Enabled feature classes in file order, each with its enabled feature names in PyRadiomics order. */
  public Map<String, List<String>> featureClasses() {
    return Collections.unmodifiableMap(featureClasses);
  }

  public Map<String, Object> voxelSettings() {
    return Collections.unmodifiableMap(voxelSettings);
  }

  /** A stable description of every section (keys sorted, lists in order); its SHA-256 is the params hash. */
  public String canonicalString() {
    StringBuilder sb = new StringBuilder("setting=").append(new TreeMap<>(settings));
    sb.append(";imageType={");
    boolean first = true;
    for (Map.Entry<String, LinkedHashMap<String, Object>> e : imageTypes.entrySet()) {
      sb.append(first ? "" : ", ").append(e.getKey()).append('=').append(new TreeMap<>(e.getValue()));
      first = false;
    }
    sb.append("};featureClass=").append(featureClasses);
    if (!voxelSettings.isEmpty()) {
      sb.append(";voxelSetting=").append(new TreeMap<>(voxelSettings));
    }
    return sb.toString();
  }

  /** Python repr of a settings map, as PyRadiomics writes {@code diagnostics_Configuration_Settings}. */
  static String pyRepr(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? "True" : "False";
    }
    if (v instanceof Double) {
      return PyDiagnostics.pyFloat((Double) v);
    }
    if (v instanceof String) {
      return "'" + v + "'";
    }
    if (v instanceof List) {
      StringBuilder sb = new StringBuilder("[");
      for (Object o : (List<?>) v) {
        sb.append(sb.length() > 1 ? ", " : "").append(pyRepr(o));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Map) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        sb.append(sb.length() > 1 ? ", " : "").append(pyRepr(e.getKey())).append(": ").append(pyRepr(e.getValue()));
      }
      return sb.append('}').toString();
    }
    return String.valueOf(v).toLowerCase(Locale.ROOT).equals("nan") ? "nan" : String.valueOf(v);
  }

  @Override
  public String toString() {
    return "PyRadiomicsParams[" + canonicalString() + "]";
  }
}
