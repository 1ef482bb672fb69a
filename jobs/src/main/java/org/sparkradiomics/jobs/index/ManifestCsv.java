package org.sparkradiomics.jobs.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sparkradiomics.dicom.Pseudonymizer;
import org.sparkradiomics.spark.HadoopFiles;
import org.sparkradiomics.spark.IndexManifestPartition;

/**
 * The manifest CSV of label-map masks: a header naming the columns {@code image}, {@code mask} (required),
 * {@code label}, {@code patient_key}, {@code modality} (optional), in any order; one line per ROI. Fields may be
 * double-quoted (RFC 4180). {@code image} is a NIfTI/NRRD file or a DICOM series folder, {@code mask} a NIfTI/NRRD
 * label map; relative paths are resolved against the manifest's folder, and every URI is qualified by its file system
 * (so it matches the URIs of the listing). {@code patient_key} is treated as a patient identifier: it is
 * pseudonymised with the index key unless it already is a pseudonym (64 lower-case hex digits), so a raw ID put in
 * the manifest never reaches a table.
 */
public final class ManifestCsv {
  private static final Pattern PSEUDONYM = Pattern.compile("[0-9a-f]{64}");

  private ManifestCsv() {}

  /** The manifest's lines as executor entries (read on the driver: the manifest is small). */
  public static List<IndexManifestPartition.Entry> read(HadoopFiles files, String uri, Pseudonymizer pseudonymizer)
      throws IOException {
    Path manifest = new Path(uri);
    FileSystem fs = manifest.getFileSystem(files.configuration());
    Path qualified = fs.makeQualified(manifest);
    Path parent = qualified.getParent();
    List<IndexManifestPartition.Entry> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(qualified), StandardCharsets.UTF_8))) {
      String headerLine = r.readLine();
      if (headerLine == null) {
        throw new IllegalArgumentException("manifest " + uri + " is empty (a header line is required)");
      }
      List<String> header = fields(headerLine.replace("\uFEFF", ""));
      Map<String, Integer> col = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        col.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
      }
      for (String c : col.keySet()) {
        if (!List.of("image", "mask", "label", "patient_key", "modality").contains(c)) {
          throw new IllegalArgumentException("manifest " + uri + ": unknown column '" + c
              + "' (expected image,mask[,label][,patient_key][,modality])");
        }
      }
      if (!col.containsKey("image") || !col.containsKey("mask")) {
        throw new IllegalArgumentException("manifest " + uri + ": header must name the columns image and mask, got "
            + header);
      }
      String line;
      int n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = fields(line);
        String image = get(f, col, "image");
        String mask = get(f, col, "mask");
        if (image == null || mask == null) {
          throw new IllegalArgumentException("manifest " + uri + " line " + n + ": image and mask are required");
        }
        String key = get(f, col, "patient_key");
        if (key != null && !PSEUDONYM.matcher(key).matches()) {
          key = pseudonymizer.pseudonym(key);
        }
        String modality = get(f, col, "modality");
        String imageUri = qualify(fs, parent, image, files);
        boolean dicom = !IndexManifestPartition.isLabelMapName(imageUri);
        out.add(new IndexManifestPartition.Entry(n, imageUri, qualify(fs, parent, mask, files),
            get(f, col, "label"), key, modality == null ? null : modality.toUpperCase(Locale.ROOT), dicom));
      }
    }
    return out;
  }

  private static String get(List<String> f, Map<String, Integer> col, String name) {
    Integer i = col.get(name);
    if (i == null || i >= f.size()) {
      return null;
    }
    String v = f.get(i).trim();
    return v.isEmpty() ? null : v;
  }

  /** An absolute, file-system-qualified URI without a trailing '/'. */
  static String qualify(FileSystem manifestFs, Path parent, String value, HadoopFiles files) throws IOException {
    Path p = new Path(value);
    if (!p.isAbsolute() && p.toUri().getScheme() == null) {
      p = new Path(parent, value);
    }
    FileSystem fs = p.toUri().getScheme() == null ? manifestFs : p.getFileSystem(files.configuration());
    String s = fs.makeQualified(p).toString();
    while (s.endsWith("/") && s.length() > 1) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** The fields of one CSV line (double quotes, "" as an escaped quote). */
  public static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
