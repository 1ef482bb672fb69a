package org.sparkradiomics.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the shared reference data (IBSI phantoms, DICOM corpus) that lives beside the repository, never in it.
 * Order: system property {@code radiomics.referenceData}, environment {@code RADIOMICS_REFERENCE_DATA}, then
 * {@code ../shared/reference-data} relative to the working directory and each of its parents.
 */
public final class ReferenceData {
  private ReferenceData() {}

  /** The reference-data root, or null when none is found. */
  public static Path root() {
    String prop = System.getProperty("radiomics.referenceData");
    if (prop != null && !prop.isBlank() && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    String env = System.getenv("RADIOMICS_REFERENCE_DATA");
    if (env != null && !env.isBlank() && Files.isDirectory(Paths.get(env))) {
      return Paths.get(env).toAbsolutePath().normalize();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("../shared/reference-data").normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** A path under the reference-data root, or null when the root or the path is absent. */
  public static Path find(String relative) {
    Path r = root();
    if (r == null) {
      return null;
    }
    Path p = r.resolve(relative);
    return Files.exists(p) ? p : null;
  }

  /** True when the build was told (by .ci/run) that reference data must be present. */
  public static boolean required() {
    return Boolean.parseBoolean(System.getProperty("radiomics.requireReferenceData", "false"));
  }
}
