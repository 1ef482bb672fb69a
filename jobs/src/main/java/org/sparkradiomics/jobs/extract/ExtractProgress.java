package org.sparkradiomics.jobs.extract;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of an extraction run.
 *
 * <ul>
 *   <li>Local master ({@code local[*]}): a daemon driver thread prints one console line (stderr) every
 *       {@link #INTERVAL_MS} ms: ROIs done / total, percentage, rate (ROIs/s since the start) and ETA. The count is
 *       the {@code radiomics.rois.done} accumulator that {@code ExtractPartition} increments once per ROI; Spark
 *       merges task accumulators into the driver's value when a task ends, so the count moves per finished
 *       partition (a few ROIs), plus a line per committed batch.
 *   <li>Cluster: no console thread (the Spark UI shows tasks); a {@link SparkListener} logs one line per completed
 *       stage (stage id, job description, tasks, duration, failure) at INFO.
 * </ul>
 */
public final class ExtractProgress implements AutoCloseable {
  static final long INTERVAL_MS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(ExtractProgress.class);

  private final SparkContext sc;
  private final LongAccumulator done;
  private final long total;
  private final long startNanos = System.nanoTime();
  private final PrintStream console;
  private final Thread ticker;
  private final SparkListener listener;
  private volatile boolean closed;

  private ExtractProgress(SparkContext sc, LongAccumulator done, long total, PrintStream console, boolean local) {
    this.sc = sc;
    this.done = done;
    this.total = total;
    this.console = console;
    if (local) {
      ticker = new Thread(this::tick, "radiomics-extract-progress");
      ticker.setDaemon(true);
      listener = null;
    } else {
      ticker = null;
      listener = new StageLogger();
      sc.addSparkListener(listener);
    }
  }

  /** Starts reporting for a run of {@code total} ROIs counted by {@code done}. */
  public static ExtractProgress start(SparkSession spark, LongAccumulator done, long total) {
    SparkContext sc = spark.sparkContext();
    ExtractProgress p = new ExtractProgress(sc, done, total, System.err, sc.isLocal());
    if (p.ticker != null) {
      p.console.println(p.line("start"));
      p.ticker.start();
    }
    return p;
  }

  /** Called after each committed batch. */
  void batchCommitted(int batch, long roisCommitted) {
    String msg = "batch " + batch + " committed (" + roisCommitted + " of " + total + " ROIs)";
    if (ticker != null) {
      console.println(line(msg));
    } else {
      LOG.info("extract: {}", msg);
    }
  }

  private void tick() {
    while (!closed) {
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        console.println(line(null));
      }
    }
  }

  /** The progress line: done/total, %, rate, ETA. */
  String line(String note) {
    long n = done.value();
    double secs = (System.nanoTime() - startNanos) / 1e9;
    return format(n, total, secs) + (note == null ? "" : "  [" + note + "]");
  }

  /** {@code extract: 12/40 ROIs (30.0%), 1.50 ROIs/s, ETA 18s} (ETA {@code ?} before the first ROI). */
  static String format(long n, long total, double seconds) {
    double rate = seconds > 0 ? n / seconds : 0;
    String eta = rate > 0 ? duration((total - n) / rate) : "?";
    double pct = total == 0 ? 100 : 100.0 * n / total;
    return String.format(Locale.ROOT, "extract: %d/%d ROIs (%.1f%%), %.2f ROIs/s, elapsed %s, ETA %s", n, total, pct,
        rate, duration(seconds), eta);
  }

  static String duration(double s) {
    long t = Math.max(0, Math.round(s));
    if (t < 60) {
      return t + "s";
    }
    if (t < 3600) {
      return (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s";
    }
    return (t / 3600) + "h" + String.format(Locale.ROOT, "%02d", (t % 3600) / 60) + "m";
  }

  @Override
  public void close() {
    closed = true;
    if (ticker != null) {
      ticker.interrupt();
      console.println(line("done"));
    }
    if (listener != null) {
      sc.removeSparkListener(listener);
    }
  }

  /** One log line per completed stage (cluster runs). */
  static final class StageLogger extends SparkListener {
    @Override
    public void onStageCompleted(SparkListenerStageCompleted e) {
      StageInfo s = e.stageInfo();
      long ms = s.submissionTime().isDefined() && s.completionTime().isDefined()
          ? (Long) s.completionTime().get() - (Long) s.submissionTime().get() : -1;
      String failure = s.failureReason().isDefined() ? ", FAILED: " + s.failureReason().get() : "";
      LOG.info("extract stage {} '{}': {} tasks, {} ms{}", s.stageId(), s.name(), s.numTasks(), ms, failure);
    }
  }
}
