package org.sparkradiomics.modeling;

import java.util.Iterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Fitted {@link KnnClassifier}. {@link #transform} broadcasts the training set (one flat {@code double[]}: row-major
 * vectors, then the labels) and maps each partition: per query row, squared Euclidean distances to all n training
 * vectors (exact, O(n d) per row, with early abandoning once the partial sum exceeds the current k-th distance)
 * and a bounded max-heap of the k' = min(k, n) nearest. Order of neighbours: by distance, then by training index
 * (the order of the collected training rows); so among training points tied at the k-th distance the lower
 * index wins, deterministically.
 *
 * <p>P(1) = sum_i w_i y_i / sum_i w_i over the k' neighbours; weighting "uniform": w_i = 1 (the fraction of
 * positive neighbours); "distance": w_i = 1 / d_i, and when some neighbours are at distance 0 only those count
 * (w = 1 each), as scikit-learn does. Output: rawPrediction = probability = [1 - P(1), P(1)] (so the AUC evaluator
 * ranks by P(1)), prediction = 1 when P(1) &gt; 0.5 (a 0.5 tie predicts 0). A null feature vector gives null outputs.
 *
 * <p>Persistence: the training set is kept in params (DoubleArrayParam), so DefaultParamsWritable stores it in
 * the JSON metadata: fine for a training fold of a cohort (n x d of a few hundred thousand values), not for
 * millions of rows.
 */
public final class KnnModel extends Model<KnnModel> implements DefaultParamsWritable, KnnParams {
  private final String uid;
  private final KnnParams.Holder params;
  private final IntParam dim;
  private final DoubleArrayParam trainVectors;
  private final DoubleArrayParam trainLabels;

  public KnnModel() {
    this(Identifiable$.MODULE$.randomUID("knnModel"));
  }

  public KnnModel(String uid) {
    this.uid = uid;
    params = new KnnParams.Holder(this);
    dim = new IntParam(this, "dim", "feature vector size");
    trainVectors = new DoubleArrayParam(this, "trainVectors", "training vectors, flat row-major (n x dim)");
    trainLabels = new DoubleArrayParam(this, "trainLabels", "training labels 0/1");
    initKnnParams();
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public KnnParams.Holder knn() {
    return params;
  }

  public IntParam dim() {
    return dim;
  }

  public DoubleArrayParam trainVectors() {
    return trainVectors;
  }

  public DoubleArrayParam trainLabels() {
    return trainLabels;
  }

  void setTraining(int d, double[] x, double[] y) {
    set(dim, d);
    set(trainVectors, x);
    set(trainLabels, y);
  }

  public int numTraining() {
    return getOrDefault(trainLabels).length;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    int d = (Integer) getOrDefault(dim);
    double[] x = getOrDefault(trainVectors);
    double[] y = getOrDefault(trainLabels);
    // One flat double[] (n * d vectors, then n labels): a Kryo-registered type.
    double[] xy = new double[x.length + y.length];
    System.arraycopy(x, 0, xy, 0, x.length);
    System.arraycopy(y, 0, xy, x.length, y.length);
    Broadcast<double[]> train = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
        .broadcast(xy);
    int fi = dataset.schema().fieldIndex(getOrDefault(featuresCol()));
    int k = (Integer) getOrDefault(k());
    boolean byDistance = getOrDefault(weighting()).equals("distance");
    int width = dataset.schema().size();
    MapPartitionsFunction<Row, Row> f = rows -> scorePartition(rows, train, d, k, byDistance, fi, width);
    return dataset.toDF().mapPartitions(f, Encoders.row(out));
  }

  static Iterator<Row> scorePartition(Iterator<Row> rows, Broadcast<double[]> train, int d, int k,
                                      boolean byDistance, int fi, int width) {
    double[] xy = train.value();
    int n = xy.length / (d + 1);
    double[] x = java.util.Arrays.copyOfRange(xy, 0, n * d);
    double[] y = java.util.Arrays.copyOfRange(xy, n * d, xy.length);
    int kk = Math.min(k, n);
    double[] heapDist = new double[kk];
    int[] heapIdx = new int[kk];
    return new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        Object[] v = new Object[width + 3];
        for (int i = 0; i < width; i++) {
          v[i] = r.get(i);
        }
        if (!r.isNullAt(fi)) {
          double p = probability(((Vector) r.get(fi)).toArray(), x, y, d, kk, byDistance, heapDist, heapIdx);
          v[width] = Vectors.dense(1 - p, p);
          v[width + 1] = Vectors.dense(1 - p, p);
          v[width + 2] = p > 0.5 ? 1.0 : 0.0;
        }
        return RowFactory.create(v);
      }
    };
  }

  /**
   * P(1) for one query; fills heapDist/heapIdx (length k, reused) with the k nearest (squared distance, index),
   * in heap order.
   */
  static double probability(double[] q, double[] x, double[] y, int d, int k, boolean byDistance,
                            double[] heapDist, int[] heapIdx) {
    if (q.length != d) {
      throw new IllegalArgumentException("knn: query vector size " + q.length + " != training size " + d);
    }
    int size = 0;
    int n = y.length;
    for (int t = 0; t < n; t++) {
      int off = t * d;
      double bound = size == k ? heapDist[0] : Double.POSITIVE_INFINITY;
      double s = 0;
      for (int j = 0; j < d && s <= bound; j++) {
        double e = q[j] - x[off + j];
        s += e * e;
      }
      if (size < k) {
        heapDist[size] = s;
        heapIdx[size] = t;
        siftUp(heapDist, heapIdx, size);
        size++;
      } else if (s < heapDist[0]) {
        // Equal distance with a larger index (t > every index in the heap) never displaces: lower index wins.
        heapDist[0] = s;
        heapIdx[0] = t;
        siftDown(heapDist, heapIdx, k);
      }
    }
    double wSum = 0;
    double wPos = 0;
    boolean exact = false;
    if (byDistance) {
      for (int i = 0; i < size; i++) {
        exact |= heapDist[i] == 0;
      }
    }
    for (int i = 0; i < size; i++) {
      double w;
      if (!byDistance) {
        w = 1;
      } else if (exact) {
        w = heapDist[i] == 0 ? 1 : 0;
      } else {
        w = 1 / Math.sqrt(heapDist[i]);
      }
      wSum += w;
      wPos += w * y[heapIdx[i]];
    }
    return wPos / wSum;
  }

  /** Max-heap on (distance, index): the root is the farthest neighbour (larger index if tied). */
  private static boolean worse(double da, int ia, double db, int ib) {
    return da > db || da == db && ia > ib;
  }

  private static void siftUp(double[] hd, int[] hi, int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(hd[i], hi[i], hd[parent], hi[parent])) {
        break;
      }
      swap(hd, hi, i, parent);
      i = parent;
    }
  }

  private static void siftDown(double[] hd, int[] hi, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int w = i;
      if (l < size && worse(hd[l], hi[l], hd[w], hi[w])) {
        w = l;
      }
      if (r < size && worse(hd[r], hi[r], hd[w], hi[w])) {
        w = r;
      }
      if (w == i) {
        return;
      }
      swap(hd, hi, i, w);
      i = w;
    }
  }

  private static void swap(double[] hd, int[] hi, int a, int b) {
    double td = hd[a];
    hd[a] = hd[b];
    hd[b] = td;
    int ti = hi[a];
    hi[a] = hi[b];
    hi[b] = ti;
  }

  /** The k' nearest training indices of {@code q}, nearest first (for inspection and tests). */
  public int[] neighbours(double[] q) {
    int d = (Integer) getOrDefault(dim);
    double[] x = getOrDefault(trainVectors);
    double[] y = getOrDefault(trainLabels);
    int kk = Math.min((Integer) getOrDefault(k()), y.length);
    double[] hd = new double[kk];
    int[] hi = new int[kk];
    probability(q, x, y, d, kk, false, hd, hi);
    Integer[] idx = new Integer[kk];
    for (int i = 0; i < kk; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> worse(hd[a], hi[a], hd[b], hi[b]) ? 1 : worse(hd[b], hi[b], hd[a], hi[a])
        ? -1 : 0);
    int[] out = new int[kk];
    for (int i = 0; i < kk; i++) {
      out[i] = hi[idx[i]];
    }
    return out;
  }

  @Override
  public KnnModel copy(ParamMap extra) {
    return copyValues(new KnnModel(uid), extra).setParent(parent());
  }

  public static MLReader<KnnModel> read() {
    return new DefaultParamsReader<>();
  }

  public static KnnModel load(String path) {
    return read().load(path);
  }
}
