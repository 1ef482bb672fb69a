package org.sparkradiomics.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.CohortGenerator;
import org.sparkradiomics.cohort.GenerativeRule;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.Pseudonymizer;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.Presets;
import org.sparkradiomics.io.RoiLoader;
import org.sparkradiomics.schemas.Tables;

class ExtractPartitionTest {
  private static final long SEED = 7;

  @TempDir Path tmp;

  @Test
  void partitionsExtractGoodRoisExactlyAndQuarantineBrokenOnes() throws IOException {
    // six small mixed studies (CT, DX, MR, US, CT, DX), shrink 4
    CohortConfig c = new CohortConfig(tmp.resolve("cohort"), 6, null, SEED, 1.0, GenerativeRule.DEFAULT, 1, 4,
        new Pseudonymizer("test-key".getBytes(StandardCharsets.UTF_8)));
    List<ExtractionTask> tasks = new ArrayList<>();
    Map<String, ExtractionTask> good = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      CohortGenerator.Study s = CohortGenerator.buildStudy(c, i);
      CohortGenerator.writeStudy(c.out(), s, SEED);
      Path dir = c.out().resolve(s.studyId());
      // odd studies name their modality and patient key; even ones take both from the DICOM header
      ExtractionTask t = new ExtractionTask("roi-" + s.studyId(), dir.resolve("image").toUri().toString(),
          dir.resolve("mask").toString(), null, i % 2 == 1 ? "pk-" + i : null,
          i % 2 == 1 ? s.modality().dicomModality() : null);
      tasks.add(t);
      good.put(t.roiId(), t);
    }

    // broken 1: a copy of study 1's image series (CT, 4 slices) with one slice truncated inside its pixel data
    Path src = c.out().resolve("S000001").resolve("image");
    Path broken = tmp.resolve("broken").resolve("image");
    Files.createDirectories(broken);
    List<Path> slices;
    try (Stream<Path> s = Files.list(src)) {
      slices = s.sorted().collect(Collectors.toList());
    }
    for (Path p : slices) {
      Files.copy(p, broken.resolve(p.getFileName()));
    }
    Path cut = broken.resolve(slices.get(slices.size() / 2).getFileName());
    try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
      f.setLength(f.length() - 700);
    }
    tasks.add(new ExtractionTask("roi-truncated", broken.toString(),
        c.out().resolve("S000001").resolve("mask").toString(), null, null, "CT"));
    // broken 2: the mask file does not exist
    String missingMask = c.out().resolve("S000002").resolve("no-such-mask").resolve("seg.dcm").toString();
    tasks.add(new ExtractionTask("roi-missing-mask", c.out().resolve("S000002").resolve("image").toString(),
        missingMask, null, null, null));

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
    ExtractPartition.Output out = ExtractPartition.run(SharedSpark.get(), jsc.parallelize(tasks, 2),
        new ExtractPartition("run-42", "test-version", null));
    // the features table's columns and types, in its order (exploded columns are nullable: compare without that)
    assertEquals(namesAndTypes(Tables.FEATURES.schema()), namesAndTypes(out.features().schema()));
    assertEquals(Tables.QUARANTINE.schema(), out.quarantine().schema());
    List<Row> features = out.features().collectAsList();
    List<Row> quarantine = out.quarantine().collectAsList();

    // every good ROI: the same values as FeatureExtractor.extract on the driver, one row per feature
    DicomReader reader = new DicomReader();
    RoiLoader loader = new RoiLoader(reader);
    Map<String, List<Row>> byRoi = features.stream().collect(Collectors.groupingBy(r -> r.getString(0)));
    assertEquals(good.keySet(), byRoi.keySet());
    for (ExtractionTask t : good.values()) {
      RoiLoader.Loaded l = loader.load(ExtractionTask.toPath(t.imageUri()), ExtractionTask.toPath(t.maskUri()),
          null);
      String modality = l.firstInstance().modality();
      FeatureSettings s = Presets.forModality(modality);
      FeatureExtractor.Result expected = FeatureExtractor.extract(l.image(), l.mask(), s);
      assertTrue(expected.ok(), t.roiId() + ": " + expected.message());
      FeatureVector fv = expected.features();
      List<Row> rows = byRoi.get(t.roiId());
      assertEquals(fv.size(), rows.size(), t.roiId());
      Map<String, Row> byFeature = new HashMap<>();
      for (Row r : rows) {
        assertNull(byFeature.put(r.getString(5), r), "duplicate feature " + r.getString(5));
      }
      for (Map.Entry<String, Double> e : fv.values().entrySet()) {
        Row r = byFeature.get(e.getKey());
        assertNotNull(r, t.roiId() + " lacks " + e.getKey());
        // exact equality: same code, same inputs, same settings on driver and executor
        assertEquals(e.getValue(), r.isNullAt(6) ? null : r.getDouble(6), t.roiId() + " " + e.getKey());
        assertEquals(fv.undefinedReason(e.getKey()), r.isNullAt(7) ? null : r.getString(7));
      }
      // a few named features, so a renamed feature family fails loudly
      for (String name : List.of("stat_mean", "morph_volume", "diag_roi_voxels")) {
        assertNotNull(fv.get(name), t.roiId() + " " + name);
        assertEquals(fv.get(name), byFeature.get(name).getDouble(6), t.roiId() + " " + name);
      }
      Row any = rows.get(0);
      String patientKey = t.patientKey() != null ? t.patientKey() : l.firstInstance().pseudonymousPatientId();
      assertNotNull(patientKey);
      assertEquals(patientKey, any.getString(1));
      assertEquals(l.series().seriesInstanceUid(), any.getString(2));
      assertEquals(modality, any.getString(3));
      assertEquals("original", any.getString(4));
      assertEquals("ibsi", any.getString(8));
      assertEquals(s.hash(), any.getString(9));
      assertEquals("run-42", any.getString(10));
      assertEquals("test-version", any.getString(11));
    }

    // the broken tasks: one quarantine row each, with the typed reason the reader really throws
    Map<String, Row> q = quarantine.stream().collect(Collectors.toMap(r -> r.getString(2), r -> r));
    assertEquals(2, q.size(), quarantine.toString());
    Row truncated = q.get("roi-truncated");
    assertEquals("read", truncated.getString(3));
    assertEquals(ErrorKind.CORRUPT_PIXEL_DATA.name(), truncated.getString(4), truncated.getString(5));
    assertTrue(truncated.getString(5).contains(cut.getFileName().toString()), truncated.getString(5));
    assertEquals(broken.toString(), truncated.getString(0));
    Row missing = q.get("roi-missing-mask");
    assertEquals("mask", missing.getString(3));
    assertEquals(ErrorKind.UNREADABLE_FILE.name(), missing.getString(4), missing.getString(5));
    assertTrue(missing.getString(5).contains("seg.dcm"), missing.getString(5));
    // params hash of a quarantined task: its modality's preset when the task names it, else unknown (null)
    assertEquals(Presets.forModality("CT").hash(), truncated.getString(8));
    assertTrue(missing.isNullAt(8));
    for (Row r : quarantine) {
      assertEquals("run-42", r.getString(6));
      assertNotNull(r.getTimestamp(7));
    }
  }

  private static List<String> namesAndTypes(org.apache.spark.sql.types.StructType t) {
    return java.util.Arrays.stream(t.fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
  }
}
