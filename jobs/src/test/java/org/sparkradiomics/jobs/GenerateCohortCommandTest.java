package org.sparkradiomics.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.GenerativeRule;
import org.sparkradiomics.cohort.Modality;

class GenerateCohortCommandTest {
  @TempDir Path tmp;

  @Test
  void parsesOptions() {
    CohortConfig c = GenerateCohortCommand.parse(new String[] {"--out", tmp.toString(), "--studies", "12",
        "--modality", "mixed", "--seed", "-5", "--patients-per-study", "0.25", "--rule", "0,1,0,0", "--threads",
        "1", "--shrink", "8"});
    assertEquals(tmp, c.out());
    assertEquals(12, c.studies());
    assertNull(c.modality());
    assertEquals(Modality.DX, c.modalityOf(1));
    assertEquals(-5, c.seed());
    assertEquals(3, c.patients());
    assertEquals(new GenerativeRule(0, 1, 0, 0), c.rule());
    assertEquals(1, c.threads());
    assertEquals(8, c.shrink());
    CohortConfig d = GenerateCohortCommand.parse(new String[] {"--out", "x", "--studies", "1", "--modality", "CT",
        "--seed", "3"});
    assertEquals(Modality.CT, d.modality());
    assertEquals(GenerativeRule.DEFAULT, d.rule());
    assertEquals(1.0, d.patientsPerStudy());
  }

  @Test
  void rejectsBadOptions() {
    String out = tmp.toString();
    assertThrows(IllegalArgumentException.class, () -> GenerateCohortCommand.parse(new String[] {"--studies", "1",
        "--modality", "CT", "--seed", "1"}));
    assertThrows(IllegalArgumentException.class, () -> GenerateCohortCommand.parse(new String[] {"--out", out,
        "--studies", "1", "--modality", "PET", "--seed", "1"}));
    assertThrows(IllegalArgumentException.class, () -> GenerateCohortCommand.parse(new String[] {"--out", out,
        "--studies", "0", "--modality", "CT", "--seed", "1"}));
    assertThrows(IllegalArgumentException.class, () -> GenerateCohortCommand.parse(new String[] {"--out", out,
        "--studies", "2", "--modality", "CT"}));
    assertThrows(IllegalArgumentException.class, () -> GenerateCohortCommand.parse(new String[] {"--out", out,
        "--studies", "2", "--modality", "CT", "--seed", "1", "--patients-per-study", "1.5"}));
    assertThrows(IllegalArgumentException.class, () -> GenerateCohortCommand.parse(new String[] {"--out", out,
        "--studies", "2", "--modality", "CT", "--seed", "1", "--bogus", "1"}));
    // usage errors exit with 2 through the CLI
    assertEquals(2, RadiomicsCli.run(new String[] {"generate-cohort", "--out", out, "--studies", "2",
        "--modality", "PET", "--seed", "1"}));
  }

  @Test
  void cliWritesTheCohortLayout() throws Exception {
    Path out = tmp.resolve("cohort");
    int rc = RadiomicsCli.run(new String[] {"generate-cohort", "--out", out.toString(), "--studies", "4",
        "--modality", "MIXED", "--seed", "11", "--shrink", "8", "--threads", "2"});
    assertEquals(0, rc);
    List<String> clinical = Files.readAllLines(out.resolve("clinical.csv"));
    assertEquals(5, clinical.size());
    assertEquals("patient_id,study_id,study_instance_uid,age,sex,bmi,site,label", clinical.get(0));
    assertEquals(5, Files.readAllLines(out.resolve("truth.csv")).size());
    assertTrue(Files.readString(out.resolve("truth-rule.properties")).contains("bayes_auc=0.8"));
    // study 1 (CT, 3D): SEG; study 2 (DX): RTSTRUCT; see CohortGenerator for the alternation
    assertTrue(Files.isRegularFile(out.resolve("S000001/mask/seg.dcm")));
    assertTrue(Files.isRegularFile(out.resolve("S000002/mask/rtstruct.dcm")));
    try (var s = Files.list(out.resolve("S000001/image"))) {
      assertEquals(3, s.count()); // CT: max(3, 16 slices / shrink 8) = 3
    }
    try (var s = Files.list(out.resolve("S000002/image"))) {
      assertEquals(1, s.count());
    }
  }
}
