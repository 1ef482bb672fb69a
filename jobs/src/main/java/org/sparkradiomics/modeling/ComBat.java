package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * ComBat harmonisation (Johnson, Li and Rabinovic 2007; parametric empirical Bayes, no covariates) of a feature
 * vector by a site/batch column, fitted on the data it is given (the training fold) only.
 *
 * <p>Per feature j and site b with n_b rows, site mean m_bj and sample variance v_bj (one Summarizer pass grouped by
 * site): grand mean alpha_j = sum_b n_b m_bj / N; pooled variance sigma_j^2 = sum_b (n_b - 1) v_bj / N (residuals of
 * the site-mean model, as sva's ComBat); standardised data z = (x - alpha_j)/sigma_j has site mean
 * gammaHat_bj = (m_bj - alpha_j)/sigma_j and variance deltaHat_bj = v_bj / sigma_j^2. Priors per site across
 * features: gamma ~ N(gammaBar_b, tau2_b) with the sample mean/variance of gammaHat_b.; delta ~ InvGamma(a_b, b_b)
 * with method of moments a = (2 s2 + m^2)/s2, b = (m s2 + m^3)/s2 (m, s2 = mean, variance of deltaHat_b.). The
 * posterior means are iterated to convergence (relative change &lt; 1e-4):
 * gamma* = (n_b tau2 gammaHat + delta* gammaBar) / (n_b tau2 + delta*),
 * delta* = (b + SS/2) / (n_b/2 + a - 1) with SS = sum_i (z_i - gamma*)^2 = (n_b - 1) deltaHat + n_b (gammaHat - gamma*)^2.
 * Adjusted value: x* = sigma_j (z - gamma*_bj) / sqrt(delta*_bj) + alpha_j.
 *
 * <p>Sites with a single row get no variance adjustment (delta* = 1); constant features (sigma = 0) and rows of
 * sites unseen at fit time pass through unchanged. {@code meanOnly} adjusts location only.
 */
public final class ComBat extends Estimator<ComBatModel> implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> siteCol;
  private final BooleanParam meanOnly;

  public ComBat() {
    this(Identifiable$.MODULE$.randomUID("combat"));
  }

  public ComBat(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "input vector column");
    outputCol = new Param<>(this, "outputCol", "harmonised vector column");
    siteCol = new Param<>(this, "siteCol", "site / scanner / batch column");
    meanOnly = new BooleanParam(this, "meanOnly", "adjust the location only");
    setDefault(inputCol, "features");
    setDefault(outputCol, uid + "__output");
    setDefault(siteCol, "site");
    setDefault(meanOnly, false);
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

  public ComBat setInputCol(String v) {
    set(inputCol, v);
    return this;
  }

  public ComBat setOutputCol(String v) {
    set(outputCol, v);
    return this;
  }

  public ComBat setSiteCol(String v) {
    set(siteCol, v);
    return this;
  }

  public ComBat setMeanOnly(boolean v) {
    set(meanOnly, v);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return schema.add(getOrDefault(outputCol), SQLDataTypes.VectorType(), false);
  }

  /** Estimates from per-site sufficient statistics. Package-private so tests can check the arithmetic directly. */
  static double[][][] estimate(long[] nb, double[][] mean, double[][] var, boolean meanOnly) {
    int s = nb.length;
    int p = mean[0].length;
    long n = 0;
    for (long v : nb) {
      n += v;
    }
    double[] alpha = new double[p];
    double[] sigma = new double[p];
    for (int j = 0; j < p; j++) {
      double a = 0;
      double ss = 0;
      for (int b = 0; b < s; b++) {
        a += nb[b] * mean[b][j];
        if (nb[b] > 1) {
          ss += (nb[b] - 1) * var[b][j];
        }
      }
      alpha[j] = a / n;
      sigma[j] = Math.sqrt(ss / n);
    }
    double[][] gStar = new double[s][p];
    double[][] dStar = new double[s][p];
    for (int b = 0; b < s; b++) {
      double[] gHat = new double[p];
      double[] dHat = new double[p];
      int valid = 0;
      for (int j = 0; j < p; j++) {
        if (sigma[j] > 0) {
          gHat[j] = (mean[b][j] - alpha[j]) / sigma[j];
          dHat[j] = nb[b] > 1 ? var[b][j] / (sigma[j] * sigma[j]) : 1.0;
          valid++;
        } else {
          dHat[j] = 1.0;
        }
      }
      double gBar = 0;
      double mD = 0;
      for (int j = 0; j < p; j++) {
        if (sigma[j] > 0) {
          gBar += gHat[j];
          mD += dHat[j];
        }
      }
      gBar /= Math.max(valid, 1);
      mD /= Math.max(valid, 1);
      double tau2 = 0;
      double s2 = 0;
      for (int j = 0; j < p; j++) {
        if (sigma[j] > 0) {
          tau2 += (gHat[j] - gBar) * (gHat[j] - gBar);
          s2 += (dHat[j] - mD) * (dHat[j] - mD);
        }
      }
      tau2 = valid > 1 ? tau2 / (valid - 1) : 0;
      s2 = valid > 1 ? s2 / (valid - 1) : 0;
      boolean varAdjust = !meanOnly && nb[b] > 1 && s2 > 0;
      double aPrior = varAdjust ? (2 * s2 + mD * mD) / s2 : 0;
      double bPrior = varAdjust ? (mD * s2 + mD * mD * mD) / s2 : 0;
      for (int j = 0; j < p; j++) {
        if (!(sigma[j] > 0)) {
          gStar[b][j] = 0;
          dStar[b][j] = 1;
          continue;
        }
        double nbd = nb[b];
        if (!varAdjust) {
          // delta fixed at 1 (mean-only ComBat): gamma* = (n tau2 gHat + gBar) / (n tau2 + 1).
          gStar[b][j] = tau2 > 0 ? (nbd * tau2 * gHat[j] + gBar) / (nbd * tau2 + 1) : gBar;
          dStar[b][j] = 1;
          continue;
        }
        double gOld = gHat[j];
        double dOld = dHat[j];
        double gNew = gOld;
        double dNew = dOld;
        for (int it = 0; it < 1000; it++) {
          gNew = tau2 > 0 ? (nbd * tau2 * gHat[j] + dOld * gBar) / (nbd * tau2 + dOld) : gBar;
          double ss = (nbd - 1) * dHat[j] + nbd * (gHat[j] - gNew) * (gHat[j] - gNew);
          dNew = (bPrior + ss / 2) / (nbd / 2 + aPrior - 1);
          double change = Math.max(Math.abs(gNew - gOld) / Math.max(Math.abs(gOld), 1e-12),
              Math.abs(dNew - dOld) / Math.max(Math.abs(dOld), 1e-12));
          gOld = gNew;
          dOld = dNew;
          if (change < 1e-4) {
            break;
          }
        }
        gStar[b][j] = gNew;
        dStar[b][j] = dNew;
      }
    }
    return new double[][][] {{alpha, sigma}, gStar, dStar};
  }

  @Override
  public ComBatModel fit(Dataset<?> dataset) {
    String in = getOrDefault(inputCol);
    String site = getOrDefault(siteCol);
    List<Row> rows = dataset.groupBy(col(site).cast("string").as("site"))
        .agg(Summarizer.metrics("mean", "variance", "count").summary(col(in)).as("s"))
        .orderBy("site").collectAsList();
    int s = rows.size();
    String[] sites = new String[s];
    long[] nb = new long[s];
    double[][] mean = new double[s][];
    double[][] var = new double[s][];
    for (int b = 0; b < s; b++) {
      Row r = rows.get(b);
      sites[b] = r.isNullAt(0) ? "" : r.getString(0);
      Row st = r.getStruct(1);
      mean[b] = ((Vector) st.getAs(0)).toArray();
      var[b] = ((Vector) st.getAs(1)).toArray();
      nb[b] = st.getLong(2);
    }
    double[][][] est = estimate(nb, mean, var, getOrDefault(meanOnly).equals(Boolean.TRUE));
    ComBatModel m = new ComBatModel(uid);
    copyValues(m, extractParamMap());
    m.setState(sites, est[0][0], est[0][1], est[1], est[2]);
    m.setParent(this);
    return m;
  }

  @Override
  public ComBat copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<ComBat> read() {
    return new DefaultParamsReader<>();
  }

  public static ComBat load(String path) {
    return read().load(path);
  }
}
