package org.sparkradiomics.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkradiomics.jobs.Args;
import org.sparkradiomics.jobs.Command;
import org.sparkradiomics.modeling.ModelSpec;
import org.sparkradiomics.modeling.ModelType;
import org.sparkradiomics.modeling.NestedCrossValidation;
import org.sparkradiomics.modeling.report.SklearnPython;

/**
 * {@code radiomics bench modeling}: LASSO logistic regression in nested cross-validation on a generated matrix
 * (default 7,906 patients x 1,000 features, 5 outer x 5 inner folds, 20 regParams log-spaced 1e-3..1), timed on
 * Spark MLlib (no imputation, no filters: standardisation + LASSO only, one row per patient), then the same design in
 * scikit-learn through {@code tools/sklearn_crosscheck.py bench} (cross_val_predict over GridSearchCV, C = 1 /
 * (lambda n_inner_train)) when a Python with scikit-learn is found. Data: x_ij ~ N(0, 1);
 * logit P(y = 1) = sum_{j &lt; 10} (+-0.5) x_ij, signs alternating.
 */
public final class ModelingBench implements Command {
  private final PrintStream out;

  public ModelingBench() {
    this(System.out);
  }

  ModelingBench(PrintStream out) {
    this.out = out;
  }

  @Override
  public String usage() {
    return "modeling [--patients 7906] [--features 1000] [--outer 5] [--inner 5] [--lambdas 20] [--seed 1] "
        + "[--parallelism 2] [--solver liblinear|saga] [--sklearn-jobs 1] [--no-sklearn] [--work DIR]";
  }

  @Override
  public int run(String[] argv) throws Exception {
    Args a = new Args(argv, Set.of("patients", "features", "outer", "inner", "lambdas", "seed", "parallelism",
        "solver", "sklearn-jobs", "work"), Set.of("no-sklearn"));
    int n = a.getInt("patients", 7906);
    int p = a.getInt("features", 1000);
    int outer = a.getInt("outer", 5);
    int inner = a.getInt("inner", 5);
    int lambdas = a.getInt("lambdas", 20);
    long seed = a.getLong("seed", 1);
    if (n < 4 * outer || p < 1 || outer < 2 || inner < 2 || lambdas < 1) {
      throw new IllegalArgumentException("need patients >= 4 x outer, features >= 1, folds >= 2, lambdas >= 1");
    }
    double[] x = new double[n * p];
    double[] y = new double[n];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      double eta = 0;
      for (int j = 0; j < p; j++) {
        double v = r.nextGaussian();
        x[i * p + j] = v;
        if (j < 10) {
          eta += (j % 2 == 0 ? 0.5 : -0.5) * v;
        }
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    SparkSession.Builder b = SparkSession.builder().appName("radiomics bench modeling");
    if (System.getProperty("spark.master") == null) {
      b = b.master("local[*]");
    }
    SparkSession spark = b.getOrCreate();
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("patient_id", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + j);
      f.add(DataTypes.createStructField("x" + j, DataTypes.DoubleType, false));
    }
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Object[] v = new Object[p + 2];
      v[0] = "P" + i;
      v[1] = y[i];
      for (int j = 0; j < p; j++) {
        v[j + 2] = x[i * p + j];
      }
      rows.add(RowFactory.create(v));
    }
    Dataset<Row> data = spark.createDataFrame(rows, new StructType(f.toArray(new StructField[0]))).cache();
    data.count();
    rows = null;
    ModelSpec spec = new ModelSpec();
    spec.modelType = ModelType.RADIOMICS;
    spec.radiomicsCols = names;
    spec.impute = false;
    spec.varianceFilter = false;
    spec.correlationFilter = false;
    spec.univariateFilter = false;
    spec.regParams = ModelSpec.logSpace(1e-3, 1, lambdas);
    spec.outerFolds = outer;
    spec.innerFolds = inner;
    spec.seed = seed;
    spec.parallelism = a.getInt("parallelism", 2);
    out.printf(Locale.ROOT, "bench modeling: %d patients x %d features, %d outer x %d inner folds, %d lambdas, "
        + "Spark %s (%s, parallelism %d)%n", n, p, outer, inner, lambdas, spark.version(),
        spark.sparkContext().master(), spec.parallelism);
    long t0 = System.nanoTime();
    NestedCrossValidation.Result res = NestedCrossValidation.run(data, spec, false);
    double sparkSec = (System.nanoTime() - t0) / 1e9;
    data.unpersist();
    out.printf(Locale.ROOT, "spark mllib nested CV: %.1f s wall, out-of-fold AUC %.4f%n", sparkSec,
        res.auc.auc());
    if (a.flag("no-sklearn")) {
      return 0;
    }
    String py = SklearnPython.find();
    Path script = SklearnPython.script();
    if (py == null || script == null) {
      out.println("scikit-learn: skipped (no python3 with scikit-learn, or tools/sklearn_crosscheck.py not found; "
          + "bin/setup installs Debian python3-sklearn)");
      return 0;
    }
    Path work = a.get("work") != null ? Paths.get(a.get("work")) : Files.createTempDirectory("bench-modeling");
    Files.createDirectories(work);
    Path xf = work.resolve("x.f64");
    Path yf = work.resolve("y.f64");
    writeDoubles(xf, x);
    writeDoubles(yf, y);
    String json = SklearnPython.run(py, script, List.of("bench", "--x", xf.toString(), "--y", yf.toString(),
        "--rows", Integer.toString(n), "--cols", Integer.toString(p), "--outer", Integer.toString(outer),
        "--inner", Integer.toString(inner), "--lambdas", Integer.toString(lambdas), "--solver",
        a.get("solver", "liblinear"), "--jobs", a.get("sklearn-jobs", "1")));
    JsonNode j = new ObjectMapper().readTree(json);
    out.printf(Locale.ROOT, "scikit-learn %s (n_jobs %d) cross_val_predict(GridSearchCV): %.1f s wall, "
        + "out-of-fold AUC %.4f%n", j.get("solver").asText(), j.get("n_jobs").asInt(),
        j.get("wall_seconds").asDouble(), j.get("auc").asDouble());
    if (a.get("work") == null) {
      Files.deleteIfExists(xf);
      Files.deleteIfExists(yf);
      Files.deleteIfExists(work);
    }
    return 0;
  }

  /** Little-endian float64, as numpy.fromfile(dtype="&lt;f8") reads. */
  static void writeDoubles(Path f, double[] v) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
      ByteBuffer bb = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < v.length; i++) {
        bb.putDouble(v[i]);
        if (!bb.hasRemaining()) {
          os.write(bb.array(), 0, bb.position());
          bb.clear();
        }
      }
      os.write(bb.array(), 0, bb.position());
    }
  }
}
