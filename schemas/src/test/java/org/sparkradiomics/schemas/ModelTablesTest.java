package org.sparkradiomics.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ModelTablesTest {
  @Test
  void ddlRoundTripsAndEveryColumnIsDocumentedWithoutPhi() {
    Set<String> phi = Set.of("patient_name", "patientname", "birth", "address", "patient_id", "patientid");
    for (TableDef t : ModelTables.ALL) {
      StructType parsed = StructType.fromDDL(t.ddl());
      assertEquals(t.schema().fields().length, parsed.fields().length, t.name());
      for (int i = 0; i < parsed.fields().length; i++) {
        assertEquals(t.schema().fields()[i].name(), parsed.fields()[i].name());
        assertEquals(t.schema().fields()[i].dataType(), parsed.fields()[i].dataType(), t.name());
      }
      for (StructField f : t.schema().fields()) {
        assertFalse(f.getComment().isEmpty() || f.getComment().get().isBlank(), t.name() + "." + f.name());
        String n = f.name().toLowerCase(Locale.ROOT);
        assertTrue(phi.stream().noneMatch(n::contains), "PHI-like column " + t.name() + "." + f.name());
      }
    }
  }

  @Test
  void keysAndDocumentation() {
    assertEquals("model_id", ModelTables.MODELS.schema().fields()[0].name());
    assertEquals("version", ModelTables.MODELS.schema().fields()[1].name());
    assertTrue(ModelTables.MODEL_METRICS.markdown().contains("| `evaluation` | string | no |"));
    assertTrue(ModelTables.PREDICTIONS.createStatement("radiomics", "delta")
        .startsWith("CREATE TABLE IF NOT EXISTS radiomics.predictions ("));
  }
}
