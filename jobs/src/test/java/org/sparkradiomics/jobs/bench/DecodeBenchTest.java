package org.sparkradiomics.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.jobs.BenchCommand;

class DecodeBenchTest {
  @Test
  void decodeBenchReportsThroughput() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = new DecodeBench(new PrintStream(buf, true, StandardCharsets.UTF_8))
        .run(new String[] {"--slices", "3", "--size", "64", "--passes", "2", "--warmup", "1"});
    assertEquals(0, rc);
    String text = buf.toString(StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("validated decode \\(DicomReader.decode\\)\\s+([0-9.]+) MB/s").matcher(text);
    assertTrue(m.find(), text);
    assertTrue(Double.parseDouble(m.group(1)) > 0, text);
    assertTrue(text.contains("0.0 MB pixel data") || text.contains("MB pixel data per pass"), text);
  }

  @Test
  void dispatcherRejectsUnknownBenchmarks() {
    assertThrows(IllegalArgumentException.class, () -> new BenchCommand().run(new String[] {"nope"}));
    assertThrows(IllegalArgumentException.class, () -> new BenchCommand().run(new String[0]));
    assertThrows(IllegalArgumentException.class,
        () -> new BenchCommand().run(new String[] {"decode", "--slices", "x"}));
  }
}
