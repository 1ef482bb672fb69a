package org.sparkradiomics.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TablesTest {
  @Test
  void ddlRoundTripsToTheSameSchema() {
    for (TableDef t : Tables.ALL) {
      StructType parsed = StructType.fromDDL(t.ddl());
      assertEquals(t.schema().fieldNames().length, parsed.fieldNames().length, t.name());
      for (int i = 0; i < parsed.fields().length; i++) {
        assertEquals(t.schema().fields()[i].name(), parsed.fields()[i].name());
        assertEquals(t.schema().fields()[i].dataType(), parsed.fields()[i].dataType(), t.name());
      }
    }
  }

  @Test
  void everyColumnIsDocumentedAndNoColumnLooksLikePhi() {
    Set<String> phi = Set.of("patient_name", "patientname", "birth", "address", "patient_id", "patientid");
    for (TableDef t : Tables.ALL) {
      for (StructField f : t.schema().fields()) {
        assertFalse(f.getComment().isEmpty() || f.getComment().get().isBlank(), t.name() + "." + f.name());
        String n = f.name().toLowerCase(Locale.ROOT);
        assertTrue(phi.stream().noneMatch(n::contains), "PHI-like column " + t.name() + "." + f.name());
      }
    }
  }

  @Test
  void partitionsAreCoarseNeverUids() {
    for (TableDef t : Tables.ALL) {
      for (String p : t.partitionColumns()) {
        assertFalse(p.contains("uid") || p.contains("roi_id") || p.contains("uri"), t.name() + " by " + p);
      }
    }
    assertEquals(java.util.List.of("modality", "params_hash"), Tables.FEATURES.partitionColumns());
  }

  @Test
  void createStatementAndMarkdown() {
    String sql = Tables.QUARANTINE.createStatement("radiomics", "delta");
    assertTrue(sql.startsWith("CREATE TABLE IF NOT EXISTS radiomics.quarantine ("), sql);
    assertTrue(sql.contains(") USING delta PARTITIONED BY (stage)"), sql);
    assertTrue(Tables.FEATURES.markdown().contains("| `params_hash` | string | no |"));
    // Delta properties only on Delta tables, and every stats column is a column of the table
    String features = Tables.FEATURES.createStatement("radiomics", "delta");
    assertTrue(features.endsWith(" TBLPROPERTIES ('delta.dataSkippingStatsColumns' = "
        + "'value')"), features);
    assertFalse(Tables.FEATURES.createStatement("radiomics", "parquet").contains("TBLPROPERTIES"));
    for (String c : Tables.FEATURES.deltaProperties().get("delta.dataSkippingStatsColumns").split(",")) {
      assertTrue(java.util.Arrays.asList(Tables.FEATURES.schema().fieldNames()).contains(c), c);
    }
  }

  @Test
  void builderRejectsMistakes() {
    assertThrows(IllegalArgumentException.class, () -> TableDef.table("t", "d")
        .required("a", org.apache.spark.sql.types.DataTypes.StringType, "x")
        .required("a", org.apache.spark.sql.types.DataTypes.StringType, "y"));
    assertThrows(IllegalArgumentException.class, () -> TableDef.table("t", "d")
        .required("a", org.apache.spark.sql.types.DataTypes.StringType, "x").partitionedBy("b"));
  }
}
