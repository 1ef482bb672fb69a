package org.sparkradiomics.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Architecture rules that the compiler cannot check: the image/feature engine has no Spark in it (Spark lives in
 * org.sparkradiomics.spark only), and PixelMed is used only inside org.sparkradiomics.dicom so it can be swapped.
 */
class LayeringTest {
  private static final Path MAIN = Paths.get("src/main/java");

  private static List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.walk(MAIN)) {
      return s.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
  }

  private static List<String> offenders(String importPrefix, String allowedPackageDir) throws IOException {
    List<String> bad = new java.util.ArrayList<>();
    for (Path p : sources()) {
      String rel = MAIN.relativize(p).toString().replace('\\', '/');
      if (rel.startsWith(allowedPackageDir)) {
        continue;
      }
      for (String line : Files.readAllLines(p)) {
        if (line.contains(importPrefix)) {
          bad.add(rel + ": " + line.trim());
        }
      }
    }
    return bad;
  }

  @Test
  void sourcesAreFound() throws IOException {
    assertTrue(sources().size() > 10, "expected the udf sources under " + MAIN.toAbsolutePath());
  }

  @Test
  void sparkOnlyInTheSparkPackage() throws IOException {
    assertEquals(List.of(), offenders("org.apache.spark", "org/sparkradiomics/spark/"));
  }

  @Test
  void pixelMedOnlyInTheDicomPackage() throws IOException {
    assertEquals(List.of(), offenders("com.pixelmed", "org/sparkradiomics/dicom/"));
  }
}
