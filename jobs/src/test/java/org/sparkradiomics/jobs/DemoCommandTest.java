package org.sparkradiomics.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @Test
  void generatesInspectsAndExtractsEveryStudy(@TempDir Path tmp) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = new DemoCommand(new PrintStream(buf, true, StandardCharsets.UTF_8))
        .run(new String[] {"--out", tmp.resolve("demo").toString(), "--studies", "4", "--seed", "7"});
    String log = buf.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, log);
    List<String> lines = Files.readAllLines(tmp.resolve("demo/features.csv"));
    assertEquals(5, lines.size(), "header + one row per study (none quarantined):\n" + log);
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    int mean = header.indexOf("stat_mean");
    int volume = header.indexOf("morph_volume");
    assertTrue(mean > 0 && volume > 0, header.toString());
    for (String row : lines.subList(1, lines.size())) {
      String[] cells = row.split(",", -1);
      assertEquals(header.size(), cells.length);
      assertTrue(Double.parseDouble(cells[volume]) > 0, row);
      Double.parseDouble(cells[mean]);
    }
    assertTrue(!log.contains("quarantined"), log);
  }
}
