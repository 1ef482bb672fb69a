package org.sparkradiomics.features.families;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {tag -> {reference, tolerance}} rows of an IBSI-1 reference_values csv for one tag prefix. */
final class PhantomRefs {
  private PhantomRefs() {}

  /** Rows whose tag starts with one of the prefixes and that have a reference value (first row wins). */
  static Map<String, double[]> read(Path csv, String... prefixes) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",", -1);
      if (c.length < 10) {
        continue;
      }
      String tag = c[9].trim();
      boolean match = false;
      for (String p : prefixes) {
        match |= tag.startsWith(p);
      }
      if (!match || c[4].isBlank() || out.containsKey(tag)) {
        continue;
      }
      out.put(tag, new double[] {Double.parseDouble(c[4]), Double.parseDouble(c[5])});
    }
    return out;
  }
}
