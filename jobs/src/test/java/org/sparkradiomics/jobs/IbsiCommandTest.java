package org.sparkradiomics.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.io.ReferenceData;

class IbsiCommandTest {
  @TempDir
  Path dir;

  private static Path data() {
    Path p = ReferenceData.find("ibsi1/ct-phantom");
    if (p == null) {
      if (ReferenceData.required()) {
        fail("reference data ibsi1/ct-phantom missing but -Dradiomics.requireReferenceData=true");
      }
      assumeTrue(false, "SKIPPED: reference data ibsi1/ct-phantom not found");
    }
    return p.getParent();
  }

  /** Config A through the command: the 60 diagnostic rows of the reference table are written and pass. */
  @Test
  void writesTheReportForConfigA() throws Exception {
    Path out = dir.resolve("a.csv");
    int rc = new IbsiCommand().run(new String[] {"--dataset", "ct-phantom", "--config", "A", "--data",
        data().toString(), "--out", out.toString()});
    assertEquals(0, rc);
    List<String> lines = Files.readAllLines(out);
    assertEquals("tag,reference,tolerance,ours,pass", lines.get(0));
    assertEquals(412, lines.size()); // header + 411 reference rows
    assertTrue(lines.contains("int_mask_vox_count_reseg_roi,114596,1000,114596,true"), String.join("\n", lines));
    long diagPass = lines.stream().filter(l -> l.contains("_init_") || l.contains("_interp_") || l.contains("_reseg_"))
        .filter(l -> l.endsWith(",true")).count();
    assertEquals(60, diagPass);
  }

  @Test
  void usageErrors() {
    IbsiCommand c = new IbsiCommand();
    assertThrows(IllegalArgumentException.class, () -> c.run(new String[] {"--dataset", "ct-phantom", "--out", "x"}));
    assertThrows(IllegalArgumentException.class,
        () -> c.run(new String[] {"--dataset", "mri", "--out", "x", "--data", dir.toString()}));
    assertThrows(IllegalArgumentException.class, () -> c.run(new String[] {"--all", "--data", dir.toString()}));
    assertThrows(IllegalArgumentException.class, () -> c.run(new String[] {"--bogus"}));
  }
}
