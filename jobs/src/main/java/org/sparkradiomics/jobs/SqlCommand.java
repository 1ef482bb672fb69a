package org.sparkradiomics.jobs;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.schemas.Tables;

/**
 * {@code radiomics sql "SELECT ..." [--csv] [--max-rows N] [--warehouse DIR]}: runs one query on the job session
 * (persistent catalog under the warehouse: {@code --warehouse}, else {@code $RADIOMICS_WAREHOUSE}, else
 * {@code ./warehouse}) and prints the result as an aligned text table, or as CSV with {@code --csv}. The current
 * database is {@code radiomics} when it exists, so {@code FROM series} and {@code FROM radiomics.series} both work.
 */
public final class SqlCommand implements Command {
  @Override
  public String usage() {
    return "sql \"SELECT ...\" [--csv] [--max-rows N] [--warehouse DIR]";
  }

  @Override
  public int run(String[] args) throws Exception {
    Args a = new Args(args, Set.of("max-rows", "warehouse"), Set.of("csv"));
    if (a.positional().size() != 1) {
      throw new IllegalArgumentException("exactly one SQL statement (quoted) is required");
    }
    int maxRows = a.getInt("max-rows", 1000);
    if (maxRows < 1) {
      throw new IllegalArgumentException("--max-rows must be at least 1");
    }
    try (IndexCommand.Session s = IndexCommand.Session.open("radiomics-sql", a.get("warehouse"))) {
      SparkSession spark = s.spark();
      // radiomics_features(image_uri, mask_uri[, params]) for ad-hoc extraction from SQL
      org.sparkradiomics.jobs.extract.RadiomicsFeaturesFunction.register(spark);
      if (spark.catalog().databaseExists(Tables.DATABASE)) {
        spark.catalog().setCurrentDatabase(Tables.DATABASE);
      }
      Dataset<Row> result = spark.sql(a.positional().get(0));
      String[] names = result.columns();
      List<Row> rows = result.limit(maxRows + 1).collectAsList();
      boolean truncated = rows.size() > maxRows;
      if (truncated) {
        rows = rows.subList(0, maxRows);
      }
      List<String[]> cells = new ArrayList<>();
      for (Row r : rows) {
        String[] c = new String[names.length];
        for (int i = 0; i < names.length; i++) {
          c[i] = r.isNullAt(i) ? null : String.valueOf(r.get(i));
        }
        cells.add(c);
      }
      PrintStream out = System.out;
      out.print(a.flag("csv") ? csv(names, cells) : table(names, cells));
      if (truncated) {
        System.err.println("(first " + maxRows + " rows shown; raise --max-rows for more)");
      }
      out.flush();
      return 0;
    }
  }

  /** An aligned text table: header, a rule, one line per row; numbers right-aligned, NULL for nulls. */
  static String table(String[] names, List<String[]> rows) {
    int n = names.length;
    int[] w = new int[n];
    boolean[] numeric = new boolean[n];
    for (int i = 0; i < n; i++) {
      w[i] = names[i].length();
      numeric[i] = !rows.isEmpty();
    }
    for (String[] r : rows) {
      for (int i = 0; i < n; i++) {
        String c = r[i] == null ? "NULL" : r[i];
        w[i] = Math.max(w[i], c.length());
        if (r[i] != null && !r[i].matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?|NaN|-?Infinity")) {
          numeric[i] = false;
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, names, w, new boolean[n]);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
    }
    sb.append('\n');
    for (String[] r : rows) {
      String[] c = new String[n];
      for (int i = 0; i < n; i++) {
        c[i] = r[i] == null ? "NULL" : r[i];
      }
      line(sb, c, w, numeric);
    }
    sb.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").append('\n');
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] c, int[] w, boolean[] right) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      l.append(i == 0 ? "" : " | ");
      String pad = " ".repeat(w[i] - c[i].length());
      l.append(right[i] ? pad + c[i] : c[i] + pad);
    }
    sb.append(l.toString().replaceAll("\\s+$", "")).append('\n');
  }

  /** RFC 4180 CSV: a header line, fields quoted when they hold a comma, quote or line break; nulls empty. */
  static String csv(String[] names, List<String[]> rows) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      sb.append(i == 0 ? "" : ",").append(quote(names[i]));
    }
    sb.append('\n');
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        sb.append(i == 0 ? "" : ",").append(r[i] == null ? "" : quote(r[i]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
