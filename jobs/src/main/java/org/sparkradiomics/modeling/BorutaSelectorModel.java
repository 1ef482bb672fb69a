package org.sparkradiomics.modeling;

import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * Fitted {@link BorutaSelector}: keeps the confirmed slots (plus the minFeatures fill-up, see the selector).
 * {@code decision} per input slot: 1 confirmed, 0 tentative (dropped), -1 rejected; {@code hits} per slot;
 * {@code runs} the number of forests fitted.
 */
public final class BorutaSelectorModel extends VectorSelectionModel<BorutaSelectorModel> {
  private final IntArrayParam decision =
      new IntArrayParam(this, "decision", "per input slot: 1 confirmed, 0 tentative, -1 rejected");
  private final IntArrayParam hits = new IntArrayParam(this, "hits", "per input slot: runs beating the best shadow");
  private final IntParam runs = new IntParam(this, "runs", "random-forest runs performed");

  public BorutaSelectorModel() {
    this(Identifiable$.MODULE$.randomUID("borutaSelectorModel"));
  }

  public BorutaSelectorModel(String uid) {
    super(uid);
  }

  public IntArrayParam decision() {
    return decision;
  }

  public IntArrayParam hits() {
    return hits;
  }

  public IntParam runs() {
    return runs;
  }

  public int[] getDecision() {
    return getOrDefault(decision);
  }

  public int[] getHits() {
    return getOrDefault(hits);
  }

  public int getRuns() {
    return (Integer) getOrDefault(runs);
  }

  void setDiagnostics(int[] d, int[] h, int r) {
    set(decision, d);
    set(hits, h);
    set(runs, r);
  }

  @Override
  public BorutaSelectorModel copy(ParamMap extra) {
    return copyValues(new BorutaSelectorModel(uid()), extra).setParent(parent());
  }

  public static MLReader<BorutaSelectorModel> read() {
    return new DefaultParamsReader<>();
  }

  public static BorutaSelectorModel load(String path) {
    return read().load(path);
  }
}
