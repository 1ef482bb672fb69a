package org.sparkradiomics.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The filter benchmark at a tiny size (the real size is a command, not a test). */
class FiltersBenchTest {
  @Test
  void tinyRunReportsEveryImageType() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = new FiltersBench(new PrintStream(buf, true, StandardCharsets.UTF_8))
        .run(new String[] {"--nx", "48", "--ny", "48", "--nz", "16", "--radius", "5"});
    assertEquals(0, rc);
    String text = buf.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("12 image types"), text);
    // original + 3 LoG + 8 wavelet sub-bands, each with a time and a peak heap
    Matcher m = Pattern.compile(
        "(?m)^  (original|log:|wavelet:)\\S*\\s+([0-9.]+) ms  cpu\\s+[0-9.]+ ms  peak heap\\s+([0-9.]+) MB")
        .matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
      assertTrue(Double.parseDouble(m.group(3)) > 0, text);
    }
    assertEquals(12, n, text);
    assertTrue(text.contains("wavelet:band=HHH,dim=3D,family=coif1,level=1,mode=mirror,rotinv=none"), text);
    assertFalse(text.contains("FAILED"), text);
    assertTrue(Pattern.compile("(?m)^  total\\s+[0-9.]+ ms").matcher(text).find(), text);
  }
}
