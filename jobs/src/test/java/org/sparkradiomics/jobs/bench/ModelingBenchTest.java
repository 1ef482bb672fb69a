package org.sparkradiomics.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.modeling.TestSparkAccess;
import org.sparkradiomics.modeling.report.SklearnPython;

class ModelingBenchTest {
  @TempDir
  Path dir;

  /** The bench at a tiny size (120 x 12, 2 x 2 folds, 3 lambdas): both timings print, AUCs are sane. */
  @Test
  void tinyBenchRunsBothImplementations() throws Exception {
    TestSparkAccess.session();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = new ModelingBench(new PrintStream(buf, true, StandardCharsets.UTF_8)).run(new String[] {
        "--patients", "120", "--features", "12", "--outer", "2", "--inner", "2", "--lambdas", "3", "--work",
        dir.toString()});
    assertEquals(0, rc);
    String out = buf.toString(StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("spark mllib nested CV: ([0-9.]+) s wall, out-of-fold AUC ([0-9.]+)").matcher(out);
    assertTrue(m.find(), out);
    // 10 of 12 features carry signal (|coef| 0.5 each): far above chance
    assertTrue(Double.parseDouble(m.group(2)) > 0.7, out);
    if (SklearnPython.find() != null) {
      Matcher s = Pattern.compile("scikit-learn liblinear .*: ([0-9.]+) s wall, out-of-fold AUC ([0-9.]+)")
          .matcher(out);
      assertTrue(s.find(), out);
      assertTrue(Double.parseDouble(s.group(2)) > 0.7, out);
      assertEquals(120L * 12 * 8, Files.size(dir.resolve("x.f64")));
    } else {
      assertTrue(out.contains("scikit-learn: skipped"), out);
    }
  }

  @Test
  void doublesAreWrittenLittleEndian() throws Exception {
    Path f = dir.resolve("v.f64");
    ModelingBench.writeDoubles(f, new double[] {1.5, -2.0});
    ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1.5, bb.getDouble(), 0);
    assertEquals(-2.0, bb.getDouble(), 0);
    // 1.5 = 0x3FF8000000000000: the last byte written is 0x3F in little-endian order
    assertEquals(0x3F, Files.readAllBytes(f)[7]);
  }
}
