package org.sparkradiomics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.ibsi.ReferenceValues;

class IbsiReferenceTest {
  private static ReferenceValues.Row row(String tag, String reference, String tolerance) {
    return new ReferenceValues.Row("family", "feature", reference, tolerance, tag);
  }

  /**
   * The comparison rule ({@code ConformanceRunner.judge}, significant digits in ConformanceRunnerTest) as the family
   * tests see it. Tolerance 0: ours rounded to max(3, printed) significant digits must equal the printed value
   * (2.14865 -> 2.15 passes, 2.144 -> 2.14 fails; -50.004 -> -50.0 passes; 0.99 vs "1" fails; 0.00006989 -> 6.99e-5
   * fails). Tolerance &gt; 0: absolute difference (14233.4 within 400 of 14200 passes, 14700 fails). A missing or
   * undefined feature always fails.
   */
  @Test
  void mismatchesListEveryFailingMissingAndUndefinedRow() {
    FeatureVector fv = new FeatureVector();
    fv.put("a", 2.14865);
    fv.put("b", 2.144);
    fv.put("c", -50.004);
    fv.put("d", 0.99);
    fv.put("e", 0.0000698);
    fv.put("f", 0.00006989);
    fv.put("g", 14233.4);
    fv.put("h", 14700);
    fv.putUndefined("u", "no pair");
    List<ReferenceValues.Row> rows = List.of(row("a", "2.15", "0"), row("b", "2.15", "0"), row("c", "-50", "0"),
        row("d", "1", "0"), row("e", "0.0000698", "0"), row("f", "0.0000698", "0"), row("g", "14200", "400"),
        row("h", "14200", "400"), row("u", "1", "0"), row("m", "1", ""));
    assertEquals(List.of("b 2.144 vs 2.15 ± 0", "d 0.99 vs 1 ± 0", "f 6.989E-5 vs 0.0000698 ± 0",
        "h 14700.0 vs 14200 ± 400", "u undefined (no pair) vs 1 ± 0", "m missing vs 1 ± 0"),
        IbsiReference.mismatches(fv, rows, "unit"));
    assertEquals("14200", IbsiReference.row(rows, "g").reference);
  }

  @Test
  void rowsAreFilteredByPrefixAndHaveReferenceValues() {
    List<ReferenceValues.Row> ivh = IbsiReference.rows(IbsiReference.DIGITAL_PHANTOM, null, "ivh_");
    // The digital phantom has 7 ivh_ rows; ivh_auc has no reference value.
    assertEquals(6, ivh.size());
    for (ReferenceValues.Row r : ivh) {
      assertTrue(r.tag.startsWith("ivh_") && r.hasReference(), r.tag);
    }
    assertEquals(32, IbsiReference.rows(IbsiReference.CT_PHANTOM, "A", "szm_").size());
  }
}
