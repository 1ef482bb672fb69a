package org.sparkradiomics.modeling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Experiment file for {@code radiomics train}. SnakeYAML is not on the jobs classpath, so this reads the flat YAML
 * subset used by experiment files: one {@code key: value} per line, {@code #} comments, blank lines ignored, lists
 * as {@code [a, b, c]} or {@code a, b, c}, optional quotes around scalars. Nested mappings are not supported (an
 * indented line is an error). Keys (all optional; defaults from {@link ModelSpec}):
 *
 * <pre>
 * outer_folds: 5            inner_folds: 3           seed: 42                parallelism: 2
 * reg_params: [0.001, 0.01] (or reg_param_min / reg_param_max / reg_param_count, log-spaced; default 1e-3..1 x 20)
 * elastic_net: [1.0]        (1 = LASSO, 0 &lt; a &lt; 1 elastic net)   max_iter: 100   tol: 1e-6
 * site_col: scanner         (enables ComBat)         impute: true
 * variance_filter: true     min_variance: 0          max_mode_fraction: 1
 * correlation_filter: true  correlation_threshold: 0.9  correlation_method: spearman
 * univariate_filter: true   fdr_alpha: 0.05          max_features: 0         min_features: 1
 * classifier: logistic     (or svm, rf, gbt)       num_trees: 100          max_depth: [2, 4]
 * exclude: [image_id, roi]  (columns that are neither clinical nor radiomics features)
 * </pre>
 */
public final class ExperimentConfig {
  private final Map<String, String> values = new LinkedHashMap<>();

  public static ExperimentConfig parse(String text) {
    ExperimentConfig c = new ExperimentConfig();
    int lineNo = 0;
    for (String raw : text.split("\r?\n")) {
      lineNo++;
      String line = stripComment(raw);
      if (line.isBlank() || line.strip().equals("---")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0))) {
        throw new IllegalArgumentException("experiment line " + lineNo + ": nested YAML is not supported: " + raw);
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("experiment line " + lineNo + ": expected 'key: value', got: " + raw);
      }
      String key = line.substring(0, colon).strip();
      String value = unquote(line.substring(colon + 1).strip());
      if (c.values.put(key, value) != null) {
        throw new IllegalArgumentException("experiment line " + lineNo + ": duplicate key " + key);
      }
    }
    return c;
  }

  public static ExperimentConfig read(Path p) throws IOException {
    return parse(Files.readString(p, StandardCharsets.UTF_8));
  }

  private static String stripComment(String s) {
    boolean sq = false;
    boolean dq = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\'' && !dq) {
        sq = !sq;
      } else if (ch == '"' && !sq) {
        dq = !dq;
      } else if (ch == '#' && !sq && !dq && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
        return s.substring(0, i);
      }
    }
    return s;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public String get(String key) {
    return values.get(key);
  }

  public List<String> list(String key) {
    String v = values.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    v = v.strip();
    if (v.startsWith("[") && v.endsWith("]")) {
      v = v.substring(1, v.length() - 1);
    }
    for (String s : v.split(",")) {
      String t = unquote(s.strip());
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private double dbl(String key, double dflt) {
    String v = values.get(key);
    try {
      return v == null ? dflt : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("experiment key " + key + " must be a number, got '" + v + "'");
    }
  }

  private int integer(String key, int dflt) {
    String v = values.get(key);
    try {
      return v == null ? dflt : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("experiment key " + key + " must be an integer, got '" + v + "'");
    }
  }

  private boolean bool(String key, boolean dflt) {
    String v = values.get(key);
    if (v == null) {
      return dflt;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
        return true;
      case "false":
      case "no":
      case "off":
        return false;
      default:
        throw new IllegalArgumentException("experiment key " + key + " must be true/false, got '" + v + "'");
    }
  }

  private double[] doubles(String key) {
    return list(key).stream().mapToDouble(s -> {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("experiment key " + key + ": not a number: '" + s + "'");
      }
    }).toArray();
  }

  static final List<String> KEYS = List.of("outer_folds", "inner_folds", "seed", "parallelism", "reg_params",
      "reg_param_min", "reg_param_max", "reg_param_count", "elastic_net", "max_iter", "tol", "classifier", "num_trees", "max_depth", "site_col", "impute",
      "variance_filter", "min_variance", "max_mode_fraction", "correlation_filter", "correlation_threshold",
      "correlation_method", "univariate_filter", "fdr_alpha", "max_features", "min_features", "exclude");

  /** Applies the experiment keys to {@code spec}; unknown keys are an error (typos must not pass silently). */
  public void applyTo(ModelSpec spec) {
    for (String k : values.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown experiment key '" + k + "'; known keys: " + KEYS);
      }
    }
    spec.outerFolds = integer("outer_folds", spec.outerFolds);
    spec.innerFolds = integer("inner_folds", spec.innerFolds);
    spec.seed = (long) dbl("seed", spec.seed);
    spec.parallelism = integer("parallelism", spec.parallelism);
    if (has("reg_params")) {
      spec.regParams = doubles("reg_params");
    } else if (has("reg_param_min") || has("reg_param_max") || has("reg_param_count")) {
      spec.regParams = ModelSpec.logSpace(dbl("reg_param_min", 1e-3), dbl("reg_param_max", 1),
          integer("reg_param_count", 20));
    }
    if (has("elastic_net")) {
      spec.elasticNetParams = doubles("elastic_net");
    }
    spec.maxIter = integer("max_iter", spec.maxIter);
    spec.tol = dbl("tol", spec.tol);
    if (has("classifier")) {
      spec.classifier = get("classifier").toLowerCase(Locale.ROOT);
    }
    spec.numTrees = integer("num_trees", spec.numTrees);
    if (has("max_depth")) {
      spec.maxDepths = list("max_depth").stream().mapToInt(Integer::parseInt).toArray();
    }
    if (has("site_col")) {
      spec.siteCol = get("site_col");
    }
    spec.impute = bool("impute", spec.impute);
    spec.varianceFilter = bool("variance_filter", spec.varianceFilter);
    spec.minVariance = dbl("min_variance", spec.minVariance);
    spec.maxModeFraction = dbl("max_mode_fraction", spec.maxModeFraction);
    spec.correlationFilter = bool("correlation_filter", spec.correlationFilter);
    spec.correlationThreshold = dbl("correlation_threshold", spec.correlationThreshold);
    if (has("correlation_method")) {
      spec.correlationMethod = get("correlation_method");
    }
    spec.univariateFilter = bool("univariate_filter", spec.univariateFilter);
    spec.fdrAlpha = dbl("fdr_alpha", spec.fdrAlpha);
    spec.maxFeatures = integer("max_features", spec.maxFeatures);
    spec.minFeatures = integer("min_features", spec.minFeatures);
    if (spec.regParams.length == 0 || spec.elasticNetParams.length == 0) {
      throw new IllegalArgumentException("reg_params and elastic_net need at least one value");
    }
  }
}
