package org.sparkradiomics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.ibsi.ConformanceRunner;
import org.sparkradiomics.ibsi.ReferenceValues;

class IbsiReferenceTest {
  private static ReferenceValues.Row row(String tag, String reference, String tolerance) {
    return new ReferenceValues.Row("family", "feature", reference, tolerance, tag);
  }

  @Test
  void referenceComparisonRoundsToThePrintedPrecision() {
    // Tolerance 0: ours rounded to max(3, printed) significant digits must equal the printed value.
    assertTrue(ConformanceRunner.judge("2.15", "0", 2.14865));
    assertFalse(ConformanceRunner.judge("2.15", "0", 2.144));
    assertTrue(ConformanceRunner.judge("-50", "0", -50.004));
    assertFalse(ConformanceRunner.judge("1", "0", 0.99));
    assertTrue(ConformanceRunner.judge("0.0000698", "0", 0.0000698));
    assertFalse(ConformanceRunner.judge("0.0000698", "0", 0.00006989));
    // Tolerance > 0: absolute difference.
    assertTrue(ConformanceRunner.judge("14200", "400", 14233.4));
    assertFalse(ConformanceRunner.judge("14200", "400", 14700.0));
    assertEquals(3, ConformanceRunner.significantDigits("1650000000"));
    assertEquals(3, ConformanceRunner.significantDigits("-0.0121"));
  }

  @Test
  void mismatchesListEveryFailingMissingAndUndefinedRow() {
    FeatureVector fv = new FeatureVector();
    fv.put("a", 2.14865); // 2.15 at 3 significant digits: pass
    fv.put("b", 14700); // 500 away from 14200 +- 400: fail
    fv.putUndefined("c", "no pair");
    fv.put("e", 14233.4); // within 400 of 14200: pass
    List<ReferenceValues.Row> rows = List.of(row("a", "2.15", "0"), row("b", "14200", "400"), row("c", "1", "0"),
        row("d", "1", ""), row("e", "14200", "400"));
    assertEquals(List.of("b 14700.0 vs 14200 ± 400", "c undefined (no pair) vs 1 ± 0", "d missing vs 1 ± 0"),
        IbsiReference.mismatches(fv, rows, "unit"));
    assertEquals("14200", IbsiReference.row(rows, "e").reference);
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
