package org.sparkradiomics.filters;

import java.io.Serializable;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable, validated, serialisable description of one IBSI-2 filter, written compactly as
 * {@code name:key=value,key=value}. Keys are case-insensitive; the canonical {@link #toString()} sorts them.
 *
 * <table>
 *   <caption>Filters and parameters (defaults in brackets)</caption>
 *   <tr><td>{@code mean}</td><td>support (M voxels, odd), mode [zero], dim [3D]</td></tr>
 *   <tr><td>{@code log}</td><td>sigma (mm), truncate [4] (in sigmas), mode [zero], dim [3D]</td></tr>
 *   <tr><td>{@code laws}</td><td>kernel (e.g. E5L5S5 or L5S5), mode [zero], rotinv [none|max|mean],
 *       energy (delta in voxels) [none]</td></tr>
 *   <tr><td>{@code gabor}</td><td>sigma (mm), lambda (mm), gamma, theta (degrees) [0], step (degrees, 0 = single
 *       orientation) [0], pooling [mean], dim [2D = axial slices; 3D = pooled over the three orthogonal planes],
 *       mode [zero], truncate [4]</td></tr>
 *   <tr><td>{@code wavelet}</td><td>family (haar, db2, db3, db4, coif1, coif2), band (e.g. LHL or HL), level [1],
 *       mode [zero], rotinv [none|max|mean]</td></tr>
 *   <tr><td>{@code simoncelli}</td><td>level [1], dim [3D] (periodic boundary)</td></tr>
 * </table>
 *
 * <p>{@code log} and {@code simoncelli} also take {@code riesz}: the Riesz order as one digit per axis, x first
 * ({@code riesz=100} = first order along x; {@code riesz=020} = second order along y; 2D: two digits), which wraps
 * the filter in a {@link RieszFilter}.
 *
 * <p>mode is one of zero, nearest, periodic, mirror ({@link BoundaryMode#parse}). Example:
 * {@code log:sigma=1.5,truncate=4,mode=mirror,dim=3D}.
 */
public final class FilterSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Map<String, Set<String>> KEYS = Map.of(
      "mean", Set.of("support", "mode", "dim"),
      "log", Set.of("sigma", "truncate", "mode", "dim", "riesz"),
      "laws", Set.of("kernel", "mode", "rotinv", "energy", "dim"),
      "gabor", Set.of("sigma", "lambda", "gamma", "theta", "step", "pooling", "dim", "mode", "truncate"),
      "wavelet", Set.of("family", "band", "level", "mode", "rotinv", "dim"),
      "simoncelli", Set.of("level", "dim", "riesz"));

  private final String name;
  private final Map<String, String> params;

  private FilterSpec(String name, Map<String, String> params) {
    this.name = name;
    this.params = Collections.unmodifiableMap(new TreeMap<>(params));
    build(); // validates
  }

  /** Parses {@code name:key=value,...} (the part after ':' may be empty); throws IllegalArgumentException. */
  public static FilterSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("empty filter specification");
    }
    String s = spec.trim();
    int colon = s.indexOf(':');
    String name = (colon < 0 ? s : s.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    if (!KEYS.containsKey(name)) {
      throw new IllegalArgumentException("unknown filter '" + name + "' (expected one of " + new TreeMap<>(KEYS)
          .keySet() + ")");
    }
    Map<String, String> p = new TreeMap<>();
    if (colon >= 0 && !s.substring(colon + 1).isBlank()) {
      for (String kv : s.substring(colon + 1).split(",")) {
        int eq = kv.indexOf('=');
        if (eq <= 0 || eq == kv.length() - 1) {
          throw new IllegalArgumentException("expected key=value in filter specification, got '" + kv + "'");
        }
        String key = kv.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (!KEYS.get(name).contains(key)) {
          throw new IllegalArgumentException("filter '" + name + "' has no parameter '" + key + "' (allowed: "
              + new java.util.TreeSet<>(KEYS.get(name)) + ")");
        }
        if (p.put(key, kv.substring(eq + 1).trim()) != null) {
          throw new IllegalArgumentException("parameter '" + key + "' given twice");
        }
      }
    }
    return new FilterSpec(name, p);
  }

  public String name() {
    return name;
  }

  /** The parameters as given (unmodifiable, sorted by key). */
  public Map<String, String> params() {
    return params;
  }

  private String str(String key, String def) {
    String v = params.get(key);
    if (v == null) {
      if (def == null) {
        throw new IllegalArgumentException("filter '" + name + "' requires parameter '" + key + "'");
      }
      return def;
    }
    return v;
  }

  private double num(String key, String def) {
    String v = str(key, def);
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter '" + key + "' must be a finite number: " + v);
    }
  }

  private int integer(String key, String def) {
    double d = num(key, def);
    if (d != Math.rint(d)) {
      throw new IllegalArgumentException("parameter '" + key + "' must be an integer: " + d);
    }
    return (int) d;
  }

  private Boolean threeD(Boolean def) {
    String v = params.get("dim");
    if (v == null) {
      return def;
    }
    switch (v.trim().toUpperCase(Locale.ROOT)) {
      case "2D": return false;
      case "3D": return true;
      default: throw new IllegalArgumentException("dim must be 2D or 3D: " + v);
    }
  }

  private Pooling rotinv() {
    String v = str("rotinv", "none");
    return v.equalsIgnoreCase("none") ? null : Pooling.parse(v);
  }

  private BoundaryMode mode() {
    return BoundaryMode.parse(str("mode", "zero"));
  }

  private void checkDim(int letters) {
    Boolean d = threeD(null);
    if (d != null && d != (letters == 3)) {
      throw new IllegalArgumentException("dim=" + params.get("dim") + " contradicts the " + letters
          + "-axis kernel/band");
    }
  }

  /** A new filter for this specification. */
  public ImageFilter build() {
    switch (name) {
      case "mean":
        return new MeanFilter(integer("support", null), mode(), threeD(true));
      case "log":
        return riesz(new LogFilter(num("sigma", null), num("truncate", "4"), mode(), threeD(true)), threeD(true));
      case "laws": {
        LawsFilter f = new LawsFilter(str("kernel", null), mode(), rotinv(), params.containsKey("energy")
            ? nonNegative(integer("energy", null), "energy") : -1);
        checkDim(f.kernel().length() / 2);
        return f;
      }
      case "gabor":
        return new GaborFilter(num("sigma", null), num("lambda", null), num("gamma", null),
            Math.toRadians(num("theta", "0")), Math.toRadians(nonNegative(num("step", "0"), "step")),
            Pooling.parse(str("pooling", "mean")), threeD(false), mode(), num("truncate", "4"));
      case "wavelet": {
        String band = str("band", null);
        checkDim(band.trim().length());
        return new WaveletFilter(str("family", null), band, integer("level", "1"), mode(), rotinv());
      }
      default:
        return riesz(new SimoncelliFilter(integer("level", "1"), threeD(true)), threeD(true));
    }
  }

  private ImageFilter riesz(ImageFilter f, boolean threeD) {
    String v = params.get("riesz");
    if (v == null) {
      return f;
    }
    if (!v.matches("[0-9]{2,3}") || v.length() != (threeD ? 3 : 2)) {
      throw new IllegalArgumentException("riesz must be " + (threeD ? 3 : 2) + " digits (order per axis, x first): "
          + v);
    }
    int[] order = new int[3];
    for (int i = 0; i < v.length(); i++) {
      order[i] = v.charAt(i) - '0';
    }
    return new RieszFilter(f, order, threeD);
  }

  private static <T extends Number> T nonNegative(T v, String key) {
    if (v.doubleValue() < 0) {
      throw new IllegalArgumentException("parameter '" + key + "' must be >= 0: " + v);
    }
    return v;
  }

  /** Canonical compact form, parseable by {@link #parse}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name);
    String sep = ":";
    for (Map.Entry<String, String> e : params.entrySet()) {
      b.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ",";
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterSpec && ((FilterSpec) o).name.equals(name) && ((FilterSpec) o).params.equals(params);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + params.hashCode();
  }
}
