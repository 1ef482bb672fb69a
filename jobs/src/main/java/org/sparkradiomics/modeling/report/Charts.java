package org.sparkradiomics.modeling.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's PNG plots, drawn with JFreeChart off-screen ({@code java.awt.headless=true} is set before any AWT
 * class loads, so no display is needed).
 */
public final class Charts {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 480;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  private static JFreeChart chart(String title, String x, String y, XYPlot plot) {
    plot.setDomainAxis(new NumberAxis(x));
    plot.setRangeAxis(new NumberAxis(y));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart c = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    c.setBackgroundPaint(Color.WHITE);
    return c;
  }

  private static void save(JFreeChart c, Path file, int w, int h) throws IOException {
    ChartUtils.saveChartAsPNG(file.toFile(), c, w, h);
  }

  /** ROC curve with its pointwise bootstrap band and the chance diagonal. */
  public static void roc(Curves.Roc roc, Curves.RocBand band, String label, Path file) throws IOException {
    YIntervalSeries b = new YIntervalSeries("95% band (bootstrap, pointwise)");
    for (int i = 0; i < band.fpr().length; i++) {
      b.add(band.fpr()[i], band.tpr()[i], band.low()[i], band.high()[i]);
    }
    YIntervalSeriesCollection bc = new YIntervalSeriesCollection();
    bc.addSeries(b);
    DeviationRenderer dr = new DeviationRenderer(true, false);
    dr.setSeriesFillPaint(0, new Color(70, 130, 180));
    dr.setSeriesPaint(0, new Color(70, 130, 180, 0));
    dr.setAlpha(0.25f);
    XYSeries s = new XYSeries(label, false, true);
    for (int i = 0; i < roc.fpr().length; i++) {
      s.add(roc.fpr()[i], roc.tpr()[i]);
    }
    XYSeries diag = new XYSeries("chance", false, true);
    diag.add(0, 0);
    diag.add(1, 1);
    XYSeriesCollection lc = new XYSeriesCollection();
    lc.addSeries(s);
    lc.addSeries(diag);
    XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
    lr.setSeriesPaint(0, new Color(20, 60, 140));
    lr.setSeriesStroke(0, new BasicStroke(2f));
    lr.setSeriesPaint(1, Color.GRAY);
    lr.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
        new float[] {4f, 4f}, 0f));
    XYPlot plot = new XYPlot();
    plot.setDataset(0, lc);
    plot.setRenderer(0, lr);
    plot.setDataset(1, bc);
    plot.setRenderer(1, dr);
    JFreeChart c = chart("ROC (out-of-fold)", "1 - specificity", "sensitivity", plot);
    unit(plot);
    save(c, file, WIDTH, HEIGHT);
  }

  private static void unit(XYPlot plot) {
    plot.getDomainAxis().setRange(0, 1);
    plot.getRangeAxis().setRange(0, 1);
  }

  /** Calibration by deciles against the identity line. */
  public static void calibration(Curves.CalibrationCurve cc, Path file) throws IOException {
    XYSeries s = new XYSeries("deciles of predicted risk", false, true);
    for (int i = 0; i < cc.predicted().length; i++) {
      s.add(cc.predicted()[i], cc.observed()[i]);
    }
    XYSeries id = new XYSeries("ideal", false, true);
    id.add(0, 0);
    id.add(1, 1);
    XYSeriesCollection d = new XYSeriesCollection();
    d.addSeries(s);
    d.addSeries(id);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, new Color(20, 60, 140));
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesPaint(1, Color.GRAY);
    r.setSeriesShapesVisible(1, false);
    XYPlot plot = new XYPlot();
    plot.setDataset(d);
    plot.setRenderer(r);
    JFreeChart c = chart("Calibration (out-of-fold)", "mean predicted probability", "observed event rate", plot);
    unit(plot);
    save(c, file, WIDTH, HEIGHT);
  }

  /** Decision curve: net benefit of the model, treat all and treat none. */
  public static void decision(Curves.DecisionCurve dc, Path file) throws IOException {
    XYSeries m = new XYSeries("model", false, true);
    XYSeries all = new XYSeries("treat all", false, true);
    XYSeries none = new XYSeries("treat none", false, true);
    double top = 0;
    for (int i = 0; i < dc.threshold().length; i++) {
      m.add(dc.threshold()[i], dc.model()[i]);
      all.add(dc.threshold()[i], dc.treatAll()[i]);
      none.add(dc.threshold()[i], 0.0);
      top = Math.max(top, Math.max(dc.model()[i], dc.treatAll()[i]));
    }
    XYSeriesCollection d = new XYSeriesCollection();
    d.addSeries(m);
    d.addSeries(all);
    d.addSeries(none);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, new Color(20, 60, 140));
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesPaint(1, new Color(200, 80, 40));
    r.setSeriesPaint(2, Color.GRAY);
    XYPlot plot = new XYPlot();
    plot.setDataset(d);
    plot.setRenderer(r);
    JFreeChart c = chart("Decision curve (out-of-fold)", "threshold probability", "net benefit", plot);
    plot.getDomainAxis().setRange(0, 1);
    double ceiling = top > 0 ? top * 1.1 : 0.1;
    plot.getRangeAxis().setRange(-0.05 * Math.max(ceiling, 0.1) - 0.05, ceiling);
    save(c, file, WIDTH, HEIGHT);
  }

  /** LASSO path: coefficient of each feature (standardised scale) against log(lambda). */
  public static void lassoPath(LassoPath path, Path file) throws IOException {
    XYSeriesCollection d = new XYSeriesCollection();
    for (int j = 0; j < path.features.size(); j++) {
      XYSeries s = new XYSeries(path.features.get(j), false, true);
      for (int k = 0; k < path.lambdas.length; k++) {
        s.add(Math.log(path.lambdas[k]), path.coefficients[k][j]);
      }
      d.addSeries(s);
    }
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    XYPlot plot = new XYPlot();
    plot.setDataset(d);
    plot.setRenderer(r);
    JFreeChart c = chart("LASSO coefficient path (final training data)", "log(lambda) (MLlib regParam)",
        "coefficient (standardised feature)", plot);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
    if (path.selectedLambda > 0) {
      double x = Math.log(path.selectedLambda);
      plot.addAnnotation(new XYLineAnnotation(x, minCoef(path), x, maxCoef(path), new BasicStroke(1f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f), Color.DARK_GRAY));
    }
    c.getLegend().setVisible(path.features.size() <= 12);
    save(c, file, WIDTH, HEIGHT);
  }

  private static double minCoef(LassoPath p) {
    double m = 0;
    for (double[] row : p.coefficients) {
      for (double v : row) {
        m = Math.min(m, v);
      }
    }
    return m;
  }

  private static double maxCoef(LassoPath p) {
    double m = 0;
    for (double[] row : p.coefficients) {
      for (double v : row) {
        m = Math.max(m, v);
      }
    }
    return m;
  }

  /** Rows of the nomogram drawing: the points axis, one row per variable, total points, probability. */
  public static int nomogramHeight(Nomogram n) {
    return 80 + 55 * (n.variables.size() + 3);
  }

  /**
   * Nomogram drawn on an XYPlot with hidden axes: x in [0, 100] is the points scale (the total-points and
   * probability rows use x = 100 T / maxTotalPoints), y is the row.
   */
  public static void nomogram(Nomogram n, Path file) throws IOException {
    XYPlot plot = new XYPlot();
    plot.setDataset(new XYSeriesCollection());
    plot.setRenderer(new XYLineAndShapeRenderer(true, false));
    int rows = n.variables.size() + 3;
    Font f = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    Font lf = new Font(Font.SANS_SERIF, Font.BOLD, 11);
    BasicStroke st = new BasicStroke(1.2f);
    int row = rows - 1;
    axisRow(plot, "Points", row--, 0, 100, ticks(0, 100, 10), 1.0, f, lf, st);
    for (int j = 0; j < n.variables.size(); j++) {
      Nomogram.Variable v = n.variables.get(j);
      double a = n.points(j, v.lo());
      double b = n.points(j, v.hi());
      double span = Math.abs(b - a);
      double y = row--;
      plot.addAnnotation(new XYLineAnnotation(Math.min(a, b), y, Math.max(a, b), y, st, Color.BLACK));
      if (span < 8) {
        // too short for several labels: one label with the range
        tick(plot, Math.min(a, b), y, fmt(v.lo()) + " to " + fmt(v.hi()), f, st);
      } else {
        List<Nomogram.Tick> ts = n.variableAxis(j, (int) Math.max(2, Math.min(6, Math.round(span / 15) + 1)));
        spaced(plot, ts, 1.0, y, f, st);
      }
      label(plot, v.name(), y, lf);
    }
    double max = n.maxTotalPoints();
    double step = Nomogram.niceStep(max / 8);
    double y = row--;
    plot.addAnnotation(new XYLineAnnotation(0, y, 100, y, st, Color.BLACK));
    for (double t = 0; t <= max + 1e-9; t += step) {
      tick(plot, 100 * t / max, y, fmt(t), f, st);
    }
    label(plot, "Total points", y, lf);
    y = row;
    List<Nomogram.Tick> pt = n.probabilityAxis(new double[] {0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
        0.9, 0.95, 0.99});
    if (!pt.isEmpty()) {
      double x0 = 100 * pt.get(0).points() / max;
      double x1 = 100 * pt.get(pt.size() - 1).points() / max;
      plot.addAnnotation(new XYLineAnnotation(x0, y, x1, y, st, Color.BLACK));
    }
    spaced(plot, pt, 100 / max, y, f, st);
    label(plot, "Probability", y, lf);
    NumberAxis xa = new NumberAxis();
    xa.setRange(-45, 105);
    xa.setVisible(false);
    NumberAxis ya = new NumberAxis();
    ya.setRange(-0.8, rows - 0.4);
    ya.setVisible(false);
    plot.setDomainAxis(xa);
    plot.setRangeAxis(ya);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlineVisible(false);
    JFreeChart c = new JFreeChart("Nomogram (final logistic model)", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    c.setBackgroundPaint(Color.WHITE);
    save(c, file, WIDTH + 160, nomogramHeight(n));
  }

  private static double[] ticks(double from, double to, double step) {
    int k = (int) Math.round((to - from) / step) + 1;
    double[] v = new double[k];
    for (int i = 0; i < k; i++) {
      v[i] = from + i * step;
    }
    return v;
  }

  private static void axisRow(XYPlot plot, String name, double y, double from, double to, double[] ticks,
                              double scale, Font f, Font lf, BasicStroke st) {
    plot.addAnnotation(new XYLineAnnotation(from * scale, y, to * scale, y, st, Color.BLACK));
    for (double t : ticks) {
      tick(plot, t * scale, y, fmt(t), f, st);
    }
    label(plot, name, y, lf);
  }

  /** Ticks at least 7 points apart (a crowded one is skipped). */
  private static void spaced(XYPlot plot, List<Nomogram.Tick> ticks, double scale, double y, Font f,
                             BasicStroke st) {
    double last = Double.NEGATIVE_INFINITY;
    for (Nomogram.Tick t : ticks) {
      double x = t.points() * scale;
      if (Math.abs(x - last) >= 7) {
        tick(plot, x, y, fmt(t.value()), f, st);
        last = x;
      }
    }
  }

  private static void tick(XYPlot plot, double x, double y, String text, Font f, BasicStroke st) {
    plot.addAnnotation(new XYLineAnnotation(x, y, x, y + 0.15, st, Color.BLACK));
    XYTextAnnotation a = new XYTextAnnotation(text, x, y + 0.2);
    a.setFont(f);
    a.setTextAnchor(TextAnchor.BOTTOM_CENTER);
    plot.addAnnotation(a);
  }

  private static void label(XYPlot plot, String text, double y, Font lf) {
    XYTextAnnotation a = new XYTextAnnotation(text.length() > 28 ? text.substring(0, 27) + "…" : text, -4, y);
    a.setFont(lf);
    a.setTextAnchor(TextAnchor.CENTER_RIGHT);
    plot.addAnnotation(a);
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
  }
}
