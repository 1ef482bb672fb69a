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

/** {@code ibsi --ibsi2}: IBSI-2 phase 2 through the command, on two quick configurations. */
class IbsiCommandIbsi2Test {
  @TempDir
  Path dir;

  private static Path data() {
    Path p = ReferenceData.find("ibsi2/reference_values.csv");
    if (p == null || ReferenceData.find("ibsi1/ct-phantom") == null) {
      if (ReferenceData.required()) {
        fail("reference data ibsi2 / ibsi1/ct-phantom missing but -Dradiomics.requireReferenceData=true");
      }
      assumeTrue(false, "SKIPPED: reference data ibsi2/reference_values.csv or ibsi1/ct-phantom not found");
    }
    return p.getParent().getParent();
  }

  @Test
  void writesThePhase2ReportForTheRequestedConfigurations() throws Exception {
    Path out = dir.resolve("ibsi2.csv");
    int rc = new IbsiCommand().run(new String[] {"--ibsi2", "--ids", "3.A,6.a", "--data", data().toString(),
        "--out", out.toString()});
    assertEquals(0, rc);
    List<String> lines = Files.readAllLines(out);
    assertEquals("id,image_type,tag,reference,tolerance,ours,pass", lines.get(0));
    assertEquals(1 + 2 * 18, lines.size());
    // every value of both configurations within tolerance (docs/ibsi2-phase2.md)
    assertEquals(36, lines.stream().filter(l -> l.endsWith(",true")).count(), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("3.A,\"log:dim=2D,mode=mirror,sigma=1.5,truncate=4\",stat_mean,-2.44,0.12,"),
        lines.get(1));
  }

  @Test
  void unknownIdIsAUsageError() {
    assertThrows(IllegalArgumentException.class, () -> new IbsiCommand().run(new String[] {"--ibsi2", "--ids",
        "10.A", "--data", dir.toString(), "--out", dir.resolve("x.csv").toString()}));
  }
}
