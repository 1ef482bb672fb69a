package org.sparkradiomics.ibsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.features.FeatureVector;

class ConformanceRunnerTest {
  @TempDir
  Path dir;

  /** The IBSI layout: BOM, CRLF, a quoted family containing a comma, a row without reference value. */
  private static final String CSV = "\uFEFFdataset,family,feature,consensus,reference value,tolerance,your result,"
      + "difference,check,tag\r\n"
      + "configuration C,Morphology,Volume (mesh),\u2265 10,367000,6000,,,,morph_volume\r\n"
      + "configuration C,Statistics,Mean,\u2265 10,2.15,0,,,,stat_mean\r\n"
      + "configuration C,\"Co-occurrence matrix (3D, averaged)\",Joint maximum,\u2265 10,-0.355,0,,,,"
      + "cm_joint_max_3D_avg\r\n"
      + "configuration C,Morphology,Volume density (OMBB),not standardized,,,,,,morph_vol_dens_ombb\r\n"
      + "configuration C,Statistics,Minimum,\u2265 10,125256,0,,,,stat_min\r\n";

  @Test
  void parsesTheIbsiCsvLayout() {
    List<ReferenceValues.Row> rows = ReferenceValues.parse(CSV);
    assertEquals(5, rows.size());
    assertEquals("morph_volume", rows.get(0).tag);
    assertEquals("367000", rows.get(0).reference);
    assertEquals("6000", rows.get(0).tolerance);
    assertEquals("Co-occurrence matrix (3D, averaged)", rows.get(2).family);
    assertEquals("cm_joint_max_3D_avg", rows.get(2).tag);
    assertFalse(rows.get(3).hasReference());
    assertEquals("morph_vol_dens_ombb", rows.get(3).tag);
  }

  /**
   * Tolerance > 0: |ours - ref| <= tol. Tolerance 0: ours rounded half-up to max(3, printed) significant digits
   * must equal the printed value: 2.15 accepts [2.145, 2.155); -0.355 accepts (-0.3555, -0.3545]; 125256 (6 digits)
   * accepts [125255.5, 125256.5); 1490 (3 digits, the trailing zero does not count) accepts [1485, 1495); 60 is read
   * as 60.0 and accepts [59.95, 60.05).
   */
  @Test
  void judgesLikeIbsi() {
    assertTrue(ConformanceRunner.judge("367000", "6000", 373000.0));
    assertFalse(ConformanceRunner.judge("367000", "6000", 373000.5));
    assertTrue(ConformanceRunner.judge("2.15", "0", 2.1549));
    assertTrue(ConformanceRunner.judge("2.15", "0", 2.145));
    assertFalse(ConformanceRunner.judge("2.15", "0", 2.1551));
    assertTrue(ConformanceRunner.judge("-0.355", "0", -0.3554));
    assertFalse(ConformanceRunner.judge("-0.355", "0", -0.3556));
    assertTrue(ConformanceRunner.judge("125256", "0", 125256.4));
    assertFalse(ConformanceRunner.judge("125256", "0", 125257.0));
    assertTrue(ConformanceRunner.judge("1490", "0", 1494.6));
    assertFalse(ConformanceRunner.judge("1490", "0", 1495.0));
    assertTrue(ConformanceRunner.judge("60", "0", 60.04));
    assertFalse(ConformanceRunner.judge("60", "0", 60.06));
    assertTrue(ConformanceRunner.judge("0.977", "0", 0.9769999980926514));
    assertFalse(ConformanceRunner.judge("1", "0", null));
    assertEquals(3, ConformanceRunner.significantDigits("1650000000"));
    assertEquals(3, ConformanceRunner.significantDigits("-0.0121"));
    assertEquals(4, ConformanceRunner.significantDigits("2.150"));
    assertEquals(1, ConformanceRunner.significantDigits("0"));
  }

  @Test
  void comparesAndWritesTheReport() throws Exception {
    FeatureVector ours = new FeatureVector();
    ours.put("morph_volume", 370000);
    ours.put("stat_mean", 2.2);
    ours.putUndefined("cm_joint_max_3D_avg", "single grey level");
    ours.putUndefined("diag_stat_error", "family not available: class X not found");
    List<ConformanceRunner.Result> res = ConformanceRunner.compare(ours, ReferenceValues.parse(CSV));
    assertEquals(Boolean.TRUE, res.get(0).pass);
    assertEquals(Boolean.FALSE, res.get(1).pass);
    assertEquals(Boolean.FALSE, res.get(2).pass);
    assertEquals("single grey level", res.get(2).undefinedReason);
    assertNull(res.get(3).pass);
    assertEquals("family not available: class X not found", res.get(4).undefinedReason);
    assertEquals(4, ConformanceRunner.counts(res)[0]);
    assertEquals(1, ConformanceRunner.counts(res)[1]);
    assertEquals(1, ConformanceRunner.counts(res)[2]);
    Path out = dir.resolve("r/report.csv");
    ConformanceRunner.writeCsv(res, out);
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals("tag,reference,tolerance,ours,pass", lines.get(0));
    assertEquals("morph_volume,367000,6000,370000,true", lines.get(1));
    assertEquals("stat_mean,2.15,0,2.2,false", lines.get(2));
    assertEquals("cm_joint_max_3D_avg,-0.355,0,,false", lines.get(3));
    assertEquals("morph_vol_dens_ombb,,,,", lines.get(4));

    String md = ConformanceReport.markdown(Map.of("ct-phantom C", res));
    assertTrue(md.contains("| Morphology | 1/1 |"), md);
    assertTrue(md.contains("| Statistics | 0/2 |"), md);
    assertTrue(md.contains("| **total** | **1/4** |"), md);
    assertTrue(md.contains("| stat_mean | 2.15 | 0 | 2.2 |"), md);
    assertTrue(md.contains("- 1 x single grey level"), md);
  }
}
