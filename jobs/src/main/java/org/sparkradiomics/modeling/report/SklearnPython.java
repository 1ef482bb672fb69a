package org.sparkradiomics.modeling.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python 3 interpreter that can import scikit-learn and runs {@code tools/sklearn_crosscheck.py}. Candidates
 * in order: {@code -Dradiomics.python}, {@code $RADIOMICS_PYTHON}, {@code python3} on the PATH, {@code /usr/bin/python3}
 * (where Debian's python3-sklearn, installed by bin/setup, lives).
 */
public final class SklearnPython {
  private SklearnPython() {}

  /** The first candidate that imports sklearn, or null. */
  public static String find() {
    Set<String> c = new LinkedHashSet<>();
    if (System.getProperty("radiomics.python") != null) {
      c.add(System.getProperty("radiomics.python"));
    }
    if (System.getenv("RADIOMICS_PYTHON") != null) {
      c.add(System.getenv("RADIOMICS_PYTHON"));
    }
    c.add("python3");
    c.add("/usr/bin/python3");
    for (String py : c) {
      try {
        Process p = new ProcessBuilder(py, "-c", "import sklearn, numpy").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return py;
        }
      } catch (IOException e) {
        // not installed: next candidate
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /** tools/sklearn_crosscheck.py from the working directory or one of its parents, or null. */
  public static Path script() {
    Path d = Paths.get("").toAbsolutePath();
    while (d != null) {
      Path s = d.resolve("tools").resolve("sklearn_crosscheck.py");
      if (Files.isRegularFile(s)) {
        return s;
      }
      d = d.getParent();
    }
    return null;
  }

  /** Runs the script with the arguments; returns its stdout (JSON). Fails with stderr on a non-zero exit. */
  public static String run(String python, Path script, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(python);
    cmd.add(script.toString());
    cmd.addAll(args);
    Path err = Files.createTempFile("sklearn", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IOException("sklearn_crosscheck.py exited with " + rc + ": " + Files.readString(err));
      }
      return out;
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
