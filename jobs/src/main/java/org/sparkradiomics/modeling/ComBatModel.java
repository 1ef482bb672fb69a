package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayArrayParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.StructType;

/** Fitted {@link ComBat}: per-site location/scale estimates; the whole state is in params (persistable). */
public final class ComBatModel extends Model<ComBatModel> implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> siteCol;
  private final BooleanParam meanOnly;
  private final StringArrayParam sites;
  private final DoubleArrayParam alpha;
  private final DoubleArrayParam sigma;
  private final DoubleArrayArrayParam gammaStar;
  private final DoubleArrayArrayParam deltaStar;

  public ComBatModel() {
    this(Identifiable$.MODULE$.randomUID("combatModel"));
  }

  public ComBatModel(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "input vector column");
    outputCol = new Param<>(this, "outputCol", "harmonised vector column");
    siteCol = new Param<>(this, "siteCol", "site / scanner / batch column");
    meanOnly = new BooleanParam(this, "meanOnly", "adjust the location only");
    sites = new StringArrayParam(this, "sites", "sites seen at fit time");
    alpha = new DoubleArrayParam(this, "alpha", "grand mean per feature");
    sigma = new DoubleArrayParam(this, "sigma", "pooled standard deviation per feature");
    gammaStar = new DoubleArrayArrayParam(this, "gammaStar", "EB site location per site and feature");
    deltaStar = new DoubleArrayArrayParam(this, "deltaStar", "EB site scale per site and feature");
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public Param<String> siteCol() {
    return siteCol;
  }

  public BooleanParam meanOnly() {
    return meanOnly;
  }

  public StringArrayParam sites() {
    return sites;
  }

  public DoubleArrayParam alpha() {
    return alpha;
  }

  public DoubleArrayParam sigma() {
    return sigma;
  }

  public DoubleArrayArrayParam gammaStar() {
    return gammaStar;
  }

  public DoubleArrayArrayParam deltaStar() {
    return deltaStar;
  }

  void setState(String[] s, double[] a, double[] sg, double[][] g, double[][] d) {
    set(sites, s);
    set(alpha, a);
    set(sigma, sg);
    set(gammaStar, g);
    set(deltaStar, d);
  }

  /** Harmonises one row: x* = sigma (z - gamma*) / sqrt(delta*) + alpha with z = (x - alpha) / sigma. */
  static double[] adjust(double[] x, double[] a, double[] sg, double[] g, double[] d) {
    double[] out = x.clone();
    if (g == null) {
      return out;
    }
    for (int j = 0; j < x.length; j++) {
      if (sg[j] > 0) {
        double z = (x[j] - a[j]) / sg[j];
        out[j] = sg[j] * (z - g[j]) / Math.sqrt(d[j]) + a[j];
      }
    }
    return out;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String[] s = getOrDefault(sites);
    double[] a = getOrDefault(alpha);
    double[] sg = getOrDefault(sigma);
    double[][] g = getOrDefault(gammaStar);
    double[][] d = getOrDefault(deltaStar);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < s.length; i++) {
      index.put(s[i], i);
    }
    UDF2<Vector, String, Vector> f = (v, site) -> {
      if (v == null) {
        return null;
      }
      Integer b = index.get(site == null ? "" : site);
      return Vectors.dense(adjust(v.toArray(), a, sg, b == null ? null : g[b], b == null ? null : d[b]));
    };
    UserDefinedFunction u = udf(f, SQLDataTypes.VectorType());
    String in = getOrDefault(inputCol);
    String out = getOrDefault(outputCol);
    return dataset.withColumn(out, u.apply(col(in), col(getOrDefault(siteCol)).cast("string")),
        dataset.schema().apply(in).metadata());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return schema.add(getOrDefault(outputCol), SQLDataTypes.VectorType(), false);
  }

  @Override
  public ComBatModel copy(ParamMap extra) {
    return copyValues(new ComBatModel(uid), extra).setParent(parent());
  }

  public static MLReader<ComBatModel> read() {
    return new DefaultParamsReader<>();
  }

  public static ComBatModel load(String path) {
    return read().load(path);
  }
}
