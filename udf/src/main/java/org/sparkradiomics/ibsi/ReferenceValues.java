package org.sparkradiomics.ibsi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;

/**
 * One IBSI reference-value table ({@code reference_values*.csv}): UTF-8 with a byte-order mark, CRLF line ends,
 * RFC-4180 quoting (family names such as {@code "Co-occurrence matrix (3D, averaged)"} contain commas), with at least
 * the columns {@code family}, {@code reference value}, {@code tolerance} and {@code tag}.
 */
public final class ReferenceValues {
  private ReferenceValues() {}

  /** One row; {@code reference}/{@code tolerance} are the printed strings (empty when not standardised). */
  public static final class Row {
    public final String family;
    public final String feature;
    public final String reference;
    public final String tolerance;
    public final String tag;

    public Row(String family, String feature, String reference, String tolerance, String tag) {
      this.family = family;
      this.feature = feature;
      this.reference = reference;
      this.tolerance = tolerance;
      this.tag = tag;
    }

    public boolean hasReference() {
      return !reference.isEmpty();
    }
  }

  public static List<Row> read(Path csv) {
    try {
      return parse(new String(Files.readAllBytes(csv), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "cannot read " + csv + ": " + e.getMessage(), e);
    }
  }

  public static List<Row> parse(String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> records = records(text);
    if (records.isEmpty()) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "empty reference table");
    }
    List<String> header = records.get(0);
    int family = column(header, "family");
    int feature = header.indexOf("feature");
    int ref = column(header, "reference value");
    int tol = column(header, "tolerance");
    int tag = column(header, "tag");
    List<Row> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> rec = records.get(r);
      if (rec.size() == 1 && rec.get(0).isBlank()) {
        continue;
      }
      rows.add(new Row(cell(rec, family), feature < 0 ? "" : cell(rec, feature), cell(rec, ref), cell(rec, tol),
          cell(rec, tag)));
    }
    return rows;
  }

  private static int column(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return i;
      }
    }
    throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "reference table has no column '" + name + "': " + header);
  }

  private static String cell(List<String> rec, int i) {
    return i < rec.size() ? rec.get(i).trim() : "";
  }

  /** RFC-4180 records: quoted fields may contain commas, doubled quotes and line breaks. */
  static List<List<String>> records(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        rec.add(f.toString());
        f.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        rec.add(f.toString());
        f.setLength(0);
        out.add(rec);
        rec = new ArrayList<>();
      } else {
        f.append(c);
      }
    }
    if (f.length() > 0 || !rec.isEmpty()) {
      rec.add(f.toString());
      out.add(rec);
    }
    return out;
  }
}
