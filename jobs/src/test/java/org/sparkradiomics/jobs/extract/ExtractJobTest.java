package org.sparkradiomics.jobs.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.CohortGenerator;
import org.sparkradiomics.dicom.SegWriter;
import org.sparkradiomics.features.profile.Profiles;
import org.sparkradiomics.jobs.spark.JobsTestSpark;
import org.sparkradiomics.jobs.spark.TableStore;
import org.sparkradiomics.schemas.Tables;
import org.sparkradiomics.testing.RefData;

class ExtractJobTest {
  @TempDir Path tmp;

  private static ExtractJob.Options options(String db) {
    return ExtractJob.Options.defaults().withDatabase(db).withBatchSize(2).withProgress(false);
  }

  private static Map<String, Row> runsById(SparkSession spark, String db) {
    return spark.table(db + ".extraction_runs").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
  }

  @Test
  void extractsEveryRoiOnceReRunsAddNothingAndNewRoisAloneAreProcessed() throws Exception {
    SparkSession spark = JobsTestSpark.get();
    String db = "ex_flow";
    spark.sql("DROP DATABASE IF EXISTS " + db + " CASCADE");
    TableStore store = new TableStore(spark, db, TableStore.DELTA);
    CohortConfig c = Fixtures.config(tmp.resolve("cohort"), 6, 11);
    List<CohortGenerator.Study> studies = Fixtures.write(c, 0, 6);
    List<Path> dirs = CohortRois.studies(c.out());
    assertEquals(6, dirs.size());
    TableStore.CommitInfo idx = new TableStore.CommitInfo("index-test", "", "test", "index");
    store.insertNew(Tables.ROIS, Fixtures.rois(spark, dirs.subList(0, 4)), List.of("roi_id"), idx);

    // run 1: the four first studies (CT, DX, MR, US)
    ExtractJob.Summary s1 = ExtractJob.run(spark, options(db));
    assertEquals(4, s1.selected());
    assertEquals(4, s1.extracted());
    assertEquals(0, s1.quarantined());
    assertEquals(2, s1.batches());
    List<Row> rois = spark.table(db + ".rois").orderBy("roi_id").collectAsList();
    long expectedRows = 0;
    for (Row roi : rois) {
      String roiId = roi.getAs("roi_id");
      String modality = roi.getAs("modality");
      Map<String, Double> expected = Fixtures.expected(roi.getAs("image_uri"), roi.getAs("mask_uri"), modality);
      expectedRows += expected.size();
      List<Row> got = spark.table(db + ".features").where("roi_id = '" + roiId + "'")
          .select("image_type", "feature", "value", "params_hash", "modality", "run_id").collectAsList();
      assertEquals(expected.size(), got.size(), roiId + ": one row per (image type, feature)");
      Map<String, Double> byKey = new HashMap<>();
      for (Row r : got) {
        assertEquals(Profiles.paramsHash(null, modality), r.getString(3), "per-ROI hash = its preset's hash");
        assertEquals(modality, r.getString(4));
        assertEquals(s1.runId(), r.getString(5));
        byKey.put(r.getString(0) + "/" + r.getString(1), r.isNullAt(2) ? null : r.getDouble(2));
      }
      assertEquals(expected, byKey, roiId + ": the executor's values equal the driver's, exactly");
      // the generator's ROI voxel count is the initial morphological mask count of the extraction
      int study = Integer.parseInt(Path.of(java.net.URI.create(roi.getAs("image_uri"))).getParent().getFileName()
          .toString().substring(1)) - 1;
      assertEquals((double) studies.get(study).roiVoxels(), byKey.get("original/morph_mask_vox_count_init_roi"),
          roiId);
      assertTrue(byKey.get("original/morph_mask_vox_count_init_roi") > 0, roiId);
    }
    long rows1 = spark.table(db + ".features").count();
    assertEquals(expectedRows, rows1);
    assertEquals(rows1, s1.featureRows());
    assertEquals(0, spark.table(db + ".features").groupBy("roi_id", "params_hash", "image_type", "feature").count()
        .where("count > 1").count(), "no duplicate key");

    // every commit of the run carries its metadata
    List<Row> history = spark.sql("DESCRIBE HISTORY " + db + ".features").where("operation = 'WRITE'")
        .select("userMetadata").collectAsList();
    assertEquals(2, history.size(), "one append commit per batch");
    for (Row h : history) {
      assertTrue(h.getString(0).contains("\"run_id\":\"" + s1.runId() + "\""), h.getString(0));
      assertTrue(h.getString(0).contains("\"params_hash\":\"" + Profiles.runParamsHash(null) + "\""), h.getString(0));
    }

    // the wide table of the DX preset: one row per DX ROI, values equal to the long table
    String dxHash = Profiles.paramsHash(null, "DX");
    String view = db + "." + ExtractJob.wideTableName(dxHash);
    assertTrue(s1.wideTables().contains(view), s1.wideTables().toString());
    // its appends are committed by the job's second thread and session: with the run's metadata too
    List<Row> wideHistory = spark.sql("DESCRIBE HISTORY " + view).select("userMetadata").collectAsList();
    assertFalse(wideHistory.isEmpty());
    for (Row h : wideHistory) {
      assertTrue(h.getString(0) != null && h.getString(0).contains("\"run_id\":\"" + s1.runId() + "\""),
          String.valueOf(h.getString(0)));
    }
    List<Row> wide = spark.sql("SELECT roi_id, original_stat_mean, original_morph_mask_vox_count_init_roi FROM "
        + view).collectAsList();
    assertEquals(1, wide.size());
    double longMean = spark.table(db + ".features").where("roi_id = '" + wide.get(0).getString(0)
        + "' AND feature = 'stat_mean'").first().getDouble(6);
    assertEquals(longMean, wide.get(0).getDouble(1));

    // run 2: nothing new
    ExtractJob.Summary s2 = ExtractJob.run(spark, options(db));
    assertEquals(0, s2.selected());
    assertEquals(0, s2.batches());
    assertEquals(rows1, spark.table(db + ".features").count(), "a re-run adds 0 rows");

    // run 3: two new ROIs (studies 5 and 6: CT and DX) -> only those
    store.insertNew(Tables.ROIS, Fixtures.rois(spark, dirs), List.of("roi_id"), idx);
    assertEquals(6, spark.table(db + ".rois").count());
    ExtractJob.Summary s3 = ExtractJob.run(spark, options(db));
    assertEquals(2, s3.selected());
    assertEquals(2, s3.extracted());
    assertEquals(6, spark.table(db + ".features").select("roi_id").distinct().count());
    assertEquals(s3.featureRows(), spark.table(db + ".features").where("run_id = '" + s3.runId() + "'").count());
    assertEquals(rows1 + s3.featureRows(), spark.table(db + ".features").count());

    // the wide table got run 3's DX ROI appended: one row per DX ROI, every value equal to the long table
    assertWideEqualsLong(spark, db, dxHash, 2);
    // ... appended batch by batch (created by the first append, then appends), never rebuilt by a pivot so far
    List<String> ops = spark.sql("DESCRIBE HISTORY " + view).select("operation").collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toList());
    assertEquals(List.of("WRITE", "CREATE TABLE AS SELECT"), ops, "history of " + view + ", newest first");
    // a wide table out of step with features (here: dropped) is rebuilt from the long table at the end of a run
    spark.sql("DROP TABLE " + view);
    ExtractJob.Summary s4 = ExtractJob.run(spark, options(db));
    assertEquals(0, s4.selected());
    assertTrue(s4.wideTables().contains(view), s4.wideTables().toString());
    assertWideEqualsLong(spark, db, dxHash, 2);

    Map<String, Row> runs = runsById(spark, db);
    assertEquals(4, runs.size(), "one extraction_runs row per run (updated in place)");
    long[][] expectedCounts = {{4, 4, 0}, {0, 0, 0}, {2, 2, 0}};
    ExtractJob.Summary[] all = {s1, s2, s3};
    for (int i = 0; i < 3; i++) {
      Row r = runs.get(all[i].runId());
      assertNotNull(r, all[i].runId());
      assertEquals(expectedCounts[i][0], (long) r.getAs("rois_selected"));
      assertEquals(expectedCounts[i][1], (long) r.getAs("rois_extracted"));
      assertEquals(expectedCounts[i][2], (long) r.getAs("rois_quarantined"));
      assertEquals(all[i].featureRows(), (long) r.getAs("feature_rows"));
      assertEquals(Boolean.TRUE, r.getAs("completed"));
      assertNotNull(r.getAs("finished_at"));
      assertEquals(Profiles.runParamsHash(null), r.getAs("params_hash"));
    }

    // the SQL function gives the same values as the job, with and without the params argument
    RadiomicsFeaturesFunction.register(spark);
    Row dx = spark.table(db + ".rois").where("modality = 'DX'").orderBy("roi_id").first();
    Map<String, Double> expected = Fixtures.expected(dx.getAs("image_uri"), dx.getAs("mask_uri"), "DX");
    for (String call : List.of("radiomics_features(image_uri, mask_uri, 'ibsi')",
        "radiomics_features(image_uri, mask_uri)", "radiomics_features(image_uri, mask_uri, 'ibsi:DX')")) {
      List<Row> fs = spark.sql("SELECT f.image_type, f.feature, f.value FROM " + db + ".rois LATERAL VIEW explode("
          + call + ") t AS f WHERE roi_id = '" + dx.getAs("roi_id") + "'").collectAsList();
      Map<String, Double> got = new HashMap<>();
      for (Row r : fs) {
        got.put(r.getString(0) + "/" + r.getString(1), r.isNullAt(2) ? null : r.getDouble(2));
      }
      assertEquals(expected, got, call);
    }
    Row err = spark.sql("SELECT radiomics_features(image_uri, '" + tmp.resolve("nope.dcm").toUri()
        + "')[0] FROM " + db + ".rois LIMIT 1").first().getStruct(0);
    assertEquals("error", err.getString(0));
    assertEquals("UNREADABLE_FILE", err.getString(1), err.getString(3));
  }

  @Test
  void brokenStudiesEndInQuarantineWithTypedReasonsWhileTheOthersComplete() throws Exception {
    Path jpegLs = RefData.require("dicom-corpus/pydicom/MR_small_jpeg_ls_lossless.dcm");
    SparkSession spark = JobsTestSpark.get();
    String db = "ex_broken";
    spark.sql("DROP DATABASE IF EXISTS " + db + " CASCADE");
    TableStore store = new TableStore(spark, db, TableStore.DELTA);
    CohortConfig c = Fixtures.config(tmp.resolve("cohort"), 8, 5);
    List<CohortGenerator.Study> studies = Fixtures.write(c, 0, 8);
    List<Path> dirs = CohortRois.studies(c.out());
    Path broken = tmp.resolve("broken");

    // 1. truncated: a copy of study 1's CT series with one slice cut inside its pixel data
    Path truncated = broken.resolve("truncated");
    Files.createDirectories(truncated);
    List<Path> slices;
    try (Stream<Path> s = Files.list(dirs.get(0).resolve("image"))) {
      slices = s.sorted().collect(Collectors.toList());
    }
    for (Path p : slices) {
      Files.copy(p, truncated.resolve(p.getFileName()));
    }
    try (RandomAccessFile f = new RandomAccessFile(truncated.resolve(slices.get(1).getFileName()).toFile(), "rw")) {
      f.setLength(f.length() - 300);
    }
    // 2. unsupported transfer syntax: JPEG-LS lossless MR from the corpus (DicomCorpusTest)
    Path jls = broken.resolve("jpegls");
    Files.createDirectories(jls);
    Files.copy(jpegLs, jls.resolve("MR_small_jpeg_ls_lossless.dcm"));
    // 3. mask on another grid: study 5's CT image (study index 4) with study 1's mask (another CT series)
    // 4. empty mask: study 2's DX image with a SEG that encodes every frame and no ROI voxel
    CohortGenerator.Study dx = studies.get(1);
    Path empty = SegWriter.write(broken.resolve("empty").resolve("seg.dcm"), dx.header(), dx.series(),
        new SegWriter.SegSpec("1.2.826.0.1.3680043.10.999.1", "1.2.826.0.1.3680043.10.999.2",
            "1.2.826.0.1.3680043.10.999.3", 100, "lesion", false),
        new boolean[dx.mask().length]);
    Path mask1 = CohortRois.single(dirs.get(0).resolve("mask"));
    List<Row> rows = new ArrayList<>(Fixtures.rois(spark, dirs.subList(0, 4)).collectAsList());
    rows.add(Fixtures.roi("broken-truncated", "CT", truncated, mask1));
    rows.add(Fixtures.roi("broken-jpegls", "MR", jls, CohortRois.single(dirs.get(2).resolve("mask"))));
    rows.add(Fixtures.roi("broken-grid", "CT", dirs.get(4).resolve("image"), mask1));
    rows.add(Fixtures.roi("broken-empty", "DX", dirs.get(1).resolve("image"), empty));
    store.insertNew(Tables.ROIS, spark.createDataFrame(rows, Tables.ROIS.schema()), List.of("roi_id"),
        new TableStore.CommitInfo("index-test", "", "test", "index"));

    // this test commits with the keyed MERGE (--merge); the flow test above with appends
    ExtractJob.Summary s = ExtractJob.run(spark, options(db).withBatchSize(3).withMerge(true));
    assertEquals(8, s.selected());
    assertEquals(4, s.extracted(), "every good ROI completes");
    assertEquals(4, s.quarantined());
    assertEquals(4, spark.table(db + ".features").select("roi_id").distinct().where("roi_id NOT LIKE 'broken-%'")
        .count());
    assertEquals(0, spark.table(db + ".features").where("roi_id LIKE 'broken-%'").count());
    Map<String, Row> q = spark.table(db + ".quarantine").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("roi_id"), r -> r));
    assertEquals(4, q.size(), q.toString());
    String[][] expected = {
      {"broken-truncated", "read", "CORRUPT_PIXEL_DATA", "CT"},
      {"broken-jpegls", "read", "UNSUPPORTED_TRANSFER_SYNTAX", "MR"},
      {"broken-grid", "mask", "MASK_GRID_MISMATCH", "CT"},
      {"broken-empty", "extract", "EMPTY_ROI", "DX"},
    };
    for (String[] e : expected) {
      Row r = q.get(e[0]);
      assertNotNull(r, e[0]);
      assertEquals(e[1], r.getAs("stage"), e[0] + ": " + r.getAs("message"));
      assertEquals(e[2], r.getAs("reason"), e[0] + ": " + r.getAs("message"));
      assertEquals(Profiles.paramsHash(null, e[3]), r.getAs("params_hash"), e[0]);
      assertEquals(s.runId(), r.getAs("run_id"));
    }

    // quarantined ROIs are not retried by default ...
    ExtractJob.Summary again = ExtractJob.run(spark, options(db).withMerge(true));
    assertEquals(0, again.selected());
    // ... but are on request, and fail the same way (one more quarantine row each, under the new run id)
    ExtractJob.Summary retry = ExtractJob.run(spark, options(db).withRetryQuarantined(true).withBatchSize(8)
        .withMerge(true));
    assertEquals(4, retry.selected());
    assertEquals(4, retry.quarantined());
    assertEquals(0, retry.extracted());
    assertEquals(4, spark.table(db + ".quarantine").where("run_id = '" + retry.runId() + "'").count());
    assertFalse(spark.table(db + ".features").where("run_id = '" + retry.runId() + "'").count() > 0);
    // the feature commits of the runs were MERGEs, none an append
    assertTrue(spark.sql("DESCRIBE HISTORY " + db + ".features").where("operation = 'MERGE'").count() >= 1);
    assertEquals(0, spark.sql("DESCRIBE HISTORY " + db + ".features").where("operation = 'WRITE'").count());
  }

  /** The wide table of {@code hash} has {@code rois} rows, one per ROI, each column equal to the long table's value. */
  private static void assertWideEqualsLong(SparkSession spark, String db, String hash, int rois) {
    String table = db + "." + ExtractJob.wideTableName(hash);
    Dataset<Row> wide = spark.table(table);
    assertEquals(rois, wide.count());
    assertEquals(rois, wide.select("roi_id").distinct().count());
    List<Row> longRows = spark.table(db + ".features").where("params_hash = '" + hash + "'")
        .select("roi_id", "image_type", "feature", "value").collectAsList();
    Map<String, Row> byRoi = new HashMap<>();
    for (Row r : wide.collectAsList()) {
      byRoi.put(r.getAs("roi_id"), r);
    }
    assertEquals(rois, byRoi.size());
    int checked = 0;
    for (Row l : longRows) {
      Row w = byRoi.get(l.getString(0));
      assertNotNull(w, l.getString(0));
      Object v = w.getAs(ExtractJob.wideColumn(l.getString(1), l.getString(2)));
      assertEquals(l.isNullAt(3) ? null : l.getDouble(3), v, l.getString(0) + " " + l.getString(2));
      checked++;
    }
    assertEquals((long) rois * (wide.columns().length - 4), checked, "every wide cell has its long row");
  }
}
