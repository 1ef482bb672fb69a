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
 * selection: [variance, correlation, mrmr, lasso]   (ordered steps, see below)
 * mrmr_k: 10  mrmr_bins: 5  rfe_k: 10  rfe_step: 0.2  boruta_runs: 50  boruta_alpha: 0.05  boruta_trees: 100
 * pca_k: 5    (or pca: 5)
 * icc_table: repeats.parquet  icc_threshold: 0.75  icc_subject_col: roi_id  icc_repetition_col: repetition
 * classifier: mlp   mlp_hidden: [4, 8]  mlp_layers: 1        classifier: knn   knn_k: [5, 15, 31]
 * knn_weighting: uniform   (or distance)
 * </pre>
 *
 * <p>{@code selection} lists the radiomics selection steps in pipeline order: variance, correlation, univariate,
 * mrmr, rfe, boruta, pca (pca last), plus {@code lasso}, which is not a stage but the L1 penalty of the logistic
 * classifier (classifier must be logistic; elastic_net defaults to [1.0]). When {@code selection} is given it
 * replaces the variance_filter / correlation_filter / univariate_filter flags (giving both is an error), and a
 * logistic classifier without {@code lasso} in the list is a ridge (elastic_net [0.0]) unless elastic_net is set.
 * Without {@code selection} the flags apply as before, and pca_k &gt; 0 appends pca. {@code icc_table} (long table
 * subject, repetition, feature, value) enables the ICC(3,1) stability filter before all steps.
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

  private int[] ints(String key) {
    return list(key).stream().mapToInt(v -> {
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("experiment key " + key + ": not an integer: '" + v + "'");
      }
    }).toArray();
  }

  /** The selection / ICC / PCA / MLP / KNN keys (see the class comment). */
  private void applySelection(ModelSpec spec) {
    spec.mrmrK = integer("mrmr_k", spec.mrmrK);
    spec.mrmrBins = integer("mrmr_bins", spec.mrmrBins);
    spec.rfeK = integer("rfe_k", spec.rfeK);
    spec.rfeStep = dbl("rfe_step", spec.rfeStep);
    spec.borutaRuns = integer("boruta_runs", spec.borutaRuns);
    spec.borutaAlpha = dbl("boruta_alpha", spec.borutaAlpha);
    spec.borutaTrees = integer("boruta_trees", spec.borutaTrees);
    if (has("pca") && has("pca_k")) {
      throw new IllegalArgumentException("experiment keys pca and pca_k are the same setting; give one");
    }
    spec.pcaK = integer(has("pca") ? "pca" : "pca_k", spec.pcaK);
    if (has("icc_table")) {
      spec.iccTable = get("icc_table");
    } else if (has("icc_threshold") || has("icc_subject_col") || has("icc_repetition_col")) {
      throw new IllegalArgumentException("icc_threshold / icc_subject_col / icc_repetition_col need icc_table");
    }
    spec.iccThreshold = dbl("icc_threshold", spec.iccThreshold);
    if (has("icc_subject_col")) {
      spec.iccSubjectCol = get("icc_subject_col");
    }
    if (has("icc_repetition_col")) {
      spec.iccRepetitionCol = get("icc_repetition_col");
    }
    if (has("knn_k")) {
      spec.knnKs = ints("knn_k");
    }
    if (has("knn_weighting")) {
      spec.knnWeighting = get("knn_weighting").toLowerCase(Locale.ROOT);
      if (!spec.knnWeighting.equals("uniform") && !spec.knnWeighting.equals("distance")) {
        throw new IllegalArgumentException("knn_weighting must be uniform or distance, got " + spec.knnWeighting);
      }
    }
    if (has("mlp_hidden")) {
      spec.mlpHidden = ints("mlp_hidden");
    }
    spec.mlpLayers = integer("mlp_layers", spec.mlpLayers);
    if (spec.knnKs.length == 0 || spec.mlpHidden.length == 0) {
      throw new IllegalArgumentException("knn_k and mlp_hidden need at least one value");
    }
    if (!has("selection")) {
      return;
    }
    for (String flag : List.of("variance_filter", "correlation_filter", "univariate_filter")) {
      if (has(flag)) {
        throw new IllegalArgumentException("experiment keys selection and " + flag + " conflict; use selection");
      }
    }
    List<String> steps = new ArrayList<>();
    boolean lasso = false;
    for (String raw : list("selection")) {
      String step = raw.toLowerCase(Locale.ROOT);
      if (step.equals("lasso")) {
        lasso = true;
      } else if (!RadiomicsPipeline.STEPS.contains(step)) {
        throw new IllegalArgumentException("unknown selection step '" + raw + "'; known: " + RadiomicsPipeline.STEPS
            + " and lasso");
      } else {
        steps.add(step);
      }
    }
    if (steps.contains("pca") && spec.pcaK < 1) {
      throw new IllegalArgumentException("selection step pca needs pca_k >= 1");
    }
    if (!steps.contains("pca") && (has("pca") || has("pca_k"))) {
      throw new IllegalArgumentException("pca_k is set but pca is not in selection");
    }
    spec.selection = List.copyOf(steps);
    spec.varianceFilter = steps.contains("variance");
    spec.correlationFilter = steps.contains("correlation");
    spec.univariateFilter = steps.contains("univariate");
    if (lasso) {
      if (!spec.classifier.equals("logistic")) {
        throw new IllegalArgumentException("selection step lasso needs classifier logistic, got " + spec.classifier);
      }
      if (!has("elastic_net")) {
        spec.elasticNetParams = new double[] {1.0};
      } else if (java.util.Arrays.stream(spec.elasticNetParams).anyMatch(a -> !(a > 0))) {
        throw new IllegalArgumentException("selection step lasso needs elastic_net values > 0");
      }
    } else if (spec.classifier.equals("logistic") && !has("elastic_net")) {
      spec.elasticNetParams = new double[] {0.0};
    }
    RadiomicsPipeline.selectionSteps(spec);
  }

  static final List<String> KEYS = List.of("outer_folds", "inner_folds", "seed", "parallelism", "reg_params",
      "reg_param_min", "reg_param_max", "reg_param_count", "elastic_net", "max_iter", "tol", "classifier", "num_trees", "max_depth", "site_col", "impute",
      "variance_filter", "min_variance", "max_mode_fraction", "correlation_filter", "correlation_threshold",
      "correlation_method", "univariate_filter", "fdr_alpha", "max_features", "min_features", "exclude");

  /** Keys of the selection steps, ICC filter, PCA, MLP and KNN (see the class comment). */
  static final List<String> SELECTION_KEYS = List.of("selection", "mrmr_k", "mrmr_bins", "rfe_k", "rfe_step",
      "boruta_runs", "boruta_alpha", "boruta_trees", "pca", "pca_k", "icc_table", "icc_threshold", "icc_subject_col",
      "icc_repetition_col", "knn_k", "knn_weighting", "mlp_hidden", "mlp_layers");

  /** Applies the experiment keys to {@code spec}; unknown keys are an error (typos must not pass silently). */
  public void applyTo(ModelSpec spec) {
    for (String k : values.keySet()) {
      if (!KEYS.contains(k) && !SELECTION_KEYS.contains(k)) {
        List<String> known = new ArrayList<>(KEYS);
        known.addAll(SELECTION_KEYS);
        throw new IllegalArgumentException("unknown experiment key '" + k + "'; known keys: " + known);
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
    applySelection(spec);
    if (spec.regParams.length == 0 || spec.elasticNetParams.length == 0) {
      throw new IllegalArgumentException("reg_params and elastic_net need at least one value");
    }
  }
}
