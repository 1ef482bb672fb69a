package org.sparkradiomics.jobs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.profile.ProfileResult;
import org.sparkradiomics.features.profile.PyRadiomicsProfile;
import org.sparkradiomics.features.pyradiomics.PyDiagnostics;
import org.sparkradiomics.io.RoiLoader;

/**
 * PyRadiomics-style extraction without Spark, for users coming from PyRadiomics:
 *
 * <pre>
 *   --image IMG --mask MASK [--label N] --params PARAMS.yaml --out OUT.csv
 *   --batch cases.csv --params PARAMS.yaml --out OUT.csv
 * </pre>
 *
 * IMG / MASK: NRRD, NIfTI, a DICOM series folder / DICOM SEG / RTSTRUCT ({@link RoiLoader}). The batch CSV is
 * PyRadiomics' ({@code Image,Mask[,Label]} header, further columns are carried over; relative paths are resolved
 * against the CSV's folder). The label is the case's {@code Label}, else {@code --label}, else the params'
 * {@code setting.label} (default 1; for a DICOM SEG / RTSTRUCT mask without any label: its first segment / ROI).
 *
 * <p>Output: one row per case in input order with PyRadiomics' column order: the case's input columns, the
 * {@code diagnostics_*} columns, then the features {@code <imageType>_<featureClass>_<Feature>}. Undefined values are
 * written {@code nan} as PyRadiomics does. In batch mode a failing case keeps its row, with the reason in the last
 * column {@code error} (empty for successful cases), and the batch continues.
 */
public final class ExtractCaseCommand implements Command {
  @Override
  public String usage() {
    return "extract (--image IMG --mask MASK [--label N] | --batch CASES.csv) --params PARAMS.yaml --out OUT.csv";
  }

  @Override
  public int run(String[] argv) throws Exception {
    Args a = new Args(argv, Set.of("image", "mask", "label", "params", "out", "batch"), Set.of());
    PyRadiomicsProfile profile =
        PyRadiomicsProfile.fromYaml(Files.readString(Path.of(a.require("params")), StandardCharsets.UTF_8));
    Path out = Path.of(a.require("out"));
    RoiLoader loader = new RoiLoader(new DicomReader());
    List<LinkedHashMap<String, String>> rows = new ArrayList<>();
    if (a.get("batch") != null) {
      if (a.get("image") != null || a.get("mask") != null) {
        throw new IllegalArgumentException("--batch excludes --image/--mask");
      }
      Path batch = Path.of(a.get("batch"));
      List<LinkedHashMap<String, String>> cases = readBatch(batch);
      int failed = 0;
      for (LinkedHashMap<String, String> c : cases) {
        LinkedHashMap<String, String> row = new LinkedHashMap<>(c);
        Path base = batch.toAbsolutePath().getParent();
        String label = blankToNull(c.get("Label"));
        if (label == null) {
          label = a.get("label");
        }
        String err = extractInto(profile, loader, base.resolve(c.get("Image")), base.resolve(c.get("Mask")),
            label, row);
        row.put("error", err == null ? "" : err);
        if (err != null) {
          failed++;
          System.err.println("case " + (rows.size() + 1) + " failed: " + err);
        }
        rows.add(row);
      }
      writeCsv(out, rows);
      System.err.println("extract: " + cases.size() + " case(s), " + failed + " failed -> " + out);
      return 0;
    }
    LinkedHashMap<String, String> row = new LinkedHashMap<>();
    row.put("Image", a.require("image"));
    row.put("Mask", a.require("mask"));
    if (a.get("label") != null) {
      row.put("Label", a.get("label"));
    }
    String err = extractInto(profile, loader, Path.of(a.require("image")), Path.of(a.require("mask")),
        a.get("label"), row);
    if (err != null) {
      System.err.println("extract: " + err);
      return 1;
    }
    rows.add(row);
    writeCsv(out, rows);
    return 0;
  }

  /** Extracts one case into {@code row}; returns null on success, else the typed reason. */
  static String extractInto(PyRadiomicsProfile profile, RoiLoader loader, Path image, Path mask, String label,
      LinkedHashMap<String, String> row) {
    // PyRadiomics' label (setting.label, default 1) selects the value of a label image; a DICOM SEG/RTSTRUCT mask
    // without an explicit label uses its first segment / ROI
    String roi = label;
    if (roi == null && (profile.params().settings().containsKey("label") || isLabelImage(mask))) {
      roi = Integer.toString(profile.params().label());
    }
    try {
      RoiLoader.Loaded l = loader.load(image, mask, roi);
      PyRadiomicsProfile.CaseResult r = profile.extractCase(l.image(), l.mask());
      row.putAll(r.diagnostics());
      for (Map.Entry<String, FeatureVector> e : r.features().byImageType().entrySet()) {
        for (Map.Entry<String, Double> f : e.getValue().values().entrySet()) {
          row.put(e.getKey() + "_" + f.getKey(), f.getValue() == null ? "nan" : PyDiagnostics.pyFloat(f.getValue()));
        }
      }
      ProfileResult pr = r.features();
      return pr.ok() ? null : pr.error() + ": " + pr.message();
    } catch (RadiomicsException e) {
      return e.kind() + ": " + e.getMessage();
    } catch (RuntimeException e) {
      return "ERROR: " + e;
    }
  }

  private static boolean isLabelImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".nii") || n.endsWith(".nii.gz") || n.endsWith(".nrrd") || n.endsWith(".nhdr");
  }

  static List<LinkedHashMap<String, String>> readBatch(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<LinkedHashMap<String, String>> out = new ArrayList<>();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("batch file " + csv + " is empty");
    }
    List<String> header = parseCsvLine(lines.get(0));
    if (!header.contains("Image") || !header.contains("Mask")) {
      throw new IllegalArgumentException("batch file " + csv + " needs the columns Image and Mask, got " + header);
    }
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> v = parseCsvLine(lines.get(i));
      LinkedHashMap<String, String> row = new LinkedHashMap<>();
      for (int k = 0; k < header.size(); k++) {
        row.put(header.get(k), k < v.size() ? v.get(k) : "");
      }
      out.add(row);
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static List<String> parseCsvLine(String line) {
    return org.sparkradiomics.jobs.index.ManifestCsv.fields(line);
  }

  /** Header: union of the rows' keys in first-seen order, {@code error} last. */
  static void writeCsv(Path out, List<LinkedHashMap<String, String>> rows) throws IOException {
    Set<String> cols = new LinkedHashSet<>();
    boolean error = false;
    for (Map<String, String> r : rows) {
      for (String k : r.keySet()) {
        if (k.equals("error")) {
          error = true;
        } else {
          cols.add(k);
        }
      }
    }
    if (error) {
      cols.add("error");
    }
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(join(new ArrayList<>(cols)));
      w.write('\n');
      for (Map<String, String> r : rows) {
        List<String> v = new ArrayList<>();
        for (String c : cols) {
          v.add(r.getOrDefault(c, ""));
        }
        w.write(join(v));
        w.write('\n');
      }
    }
  }

  private static String join(List<String> v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.size(); i++) {
      String s = v.get(i);
      if (i > 0) {
        sb.append(',');
      }
      if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
        sb.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(s);
      }
    }
    return sb.toString();
  }
}
