package org.sparkradiomics.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.CohortGenerator;
import org.sparkradiomics.cohort.GenerativeRule;
import org.sparkradiomics.dicom.Pseudonymizer;

class SqlCommandTest {
  @Test
  void textTableIsAlignedWithNumbersRightAlignedAndCsvIsQuoted() {
    List<String[]> rows = List.of(new String[] {"CT", "12"}, new String[] {"DX", null},
        new String[] {"a,b", "3.5"});
    // widths: modality = max(8, 2, 2, 3) = 8; n = max(1, 2, 4 ("NULL"), 3) = 4. Column n holds only numbers and
    // nulls -> right-aligned; modality is left-aligned; the header is left-aligned; trailing blanks trimmed.
    String t = SqlCommand.table(new String[] {"modality", "n"}, rows);
    assertEquals("modality | n\n"
        + "---------+-----\n"
        + "CT       |   12\n"
        + "DX       | NULL\n"
        + "a,b      |  3.5\n"
        + "(3 rows)\n", t);
    assertEquals("modality,n\nCT,12\nDX,\n\"a,b\",3.5\n", SqlCommand.csv(new String[] {"modality", "n"}, rows));
  }

  /** The --add-opens flags this JVM got from surefire (the pom's spark.java17.opens). */
  static List<String> opens() {
    List<String> out = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("--add-modules") || a.startsWith("-XX:+IgnoreUnrecognized")
          || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
        out.add(a);
      }
    }
    return out;
  }

  static String runCli(Path workDir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(opens());
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("-Dspark.master=local[2]");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.sparkradiomics.jobs.RadiomicsCli");
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Path err = workDir.resolve("stderr-" + args[0] + ".log");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "process finished");
    String stdout = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "exit code of " + args[0] + "; stdout: " + stdout + "\nstderr tail: "
        + tail(Files.readString(err)));
    return stdout;
  }

  private static String tail(String s) {
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  @Test
  void sqlInANewProcessSeesTheTablesAnIndexProcessWroteToTheWarehouse(@TempDir Path tmp) throws Exception {
    // 2 studies: S000001 CT with a SEG, S000002 DX with an RTSTRUCT -> 2 series, 2 rois
    Path cohort = tmp.resolve("cohort");
    CohortGenerator.generate(new CohortConfig(cohort, 2, null, 3, 1.0, GenerativeRule.DEFAULT, 1, 8,
        Pseudonymizer.fromEnvironmentOrDefault()));
    Path warehouse = tmp.resolve("warehouse");
    String idx = runCli(tmp, "index", "--input", cohort.toString(), "--warehouse", warehouse.toString());
    assertTrue(idx.contains("2 series, 2 rois"), idx);
    assertTrue(Files.isDirectory(warehouse.resolve("metastore_db")), "Derby metastore under the warehouse");
    // a second process, one after the other (Derby allows one JVM per metastore)
    String csv = runCli(tmp, "sql", "SELECT modality, count(*) AS n FROM radiomics.rois GROUP BY modality"
        + " ORDER BY modality", "--csv", "--warehouse", warehouse.toString());
    assertEquals("modality,n\nCT,1\nDX,1\n", csv);
    assertTrue(new File(warehouse.toFile(), "radiomics.db").isDirectory());
  }
}
