package org.sparkradiomics.jobs.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.CohortGenerator;
import org.sparkradiomics.cohort.GenerativeRule;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.Pseudonymizer;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.io.NiftiIO;
import org.sparkradiomics.jobs.spark.JobsTestSpark;
import org.sparkradiomics.jobs.spark.TableStore;
import org.sparkradiomics.schemas.Tables;

public class IndexJobTest {
  /** The key the index uses when RADIOMICS_PSEUDONYM_KEY is unset (as in the tests). */
  private static final Pseudonymizer KEY = Pseudonymizer.fromEnvironmentOrDefault();

  /** A MIXED cohort (study i: [CT, DX, MR, US][i % 4]; SEG when (i + i/4) is even, else RTSTRUCT), 16x16(x3) CT/MR. */
  static CohortConfig cohort(Path out, int studies, long seed) {
    return new CohortConfig(out, studies, null, seed, 1.0, GenerativeRule.DEFAULT, 1, 8, KEY);
  }

  private static TableStore store(String db) {
    SparkSession spark = JobsTestSpark.get();
    spark.sql("DROP DATABASE IF EXISTS " + db + " CASCADE");
    return new TableStore(spark, db, TableStore.DELTA);
  }

  private static long count(TableStore s, org.sparkradiomics.schemas.TableDef def) {
    return s.read(def).count();
  }

  private static String uri(Path p) {
    return "file:" + p.toAbsolutePath();
  }

  static String roiId(String series, String mask, String selector) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest((series + "|" + mask + "|" + selector)
        .getBytes(StandardCharsets.UTF_8));
    StringBuilder sb = new StringBuilder();
    for (byte b : h) {
      sb.append(String.format("%02x", b));
    }
    return sb.substring(0, 32);
  }

  /** Every planted PHI string: raw PatientID, PatientName (and its parts), PatientBirthDate of every patient. */
  public static List<String> plantedPhi(CohortConfig c) throws IOException {
    List<String> phi = new ArrayList<>();
    for (int p = 0; p < c.patients(); p++) {
      CohortGenerator.Patient pt = CohortGenerator.patient(c, p);
      phi.add(pt.patientId());
      phi.add(pt.patientName());
      phi.addAll(List.of(pt.patientName().split("\\^")));
      phi.add(pt.birthDate());
    }
    // they really are in the headers we index
    CohortGenerator.Patient first = CohortGenerator.patient(c, 0);
    String raw = new String(Files.readAllBytes(c.out().resolve("S000001/image/IM0000.dcm")),
        StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains(first.patientId()) && raw.contains(first.patientName())
        && raw.contains(first.birthDate()), "the generator plants PatientID, PatientName and PatientBirthDate");
    return phi;
  }

  /** Scans every string column of every table of the database for the planted strings. */
  public static void assertNoPhi(SparkSession spark, String db, List<String> phi) {
    int tables = 0;
    int columns = 0;
    for (Row t : spark.sql("SHOW TABLES IN " + db).collectAsList()) {
      String table = db + "." + t.getString(t.fieldIndex("tableName"));
      tables++;
      for (StructField f : spark.table(table).schema().fields()) {
        if (!f.dataType().equals(DataTypes.StringType)) {
          continue;
        }
        columns++;
        for (Row r : spark.table(table).select(f.name()).distinct().collectAsList()) {
          String v = r.getString(0);
          if (v == null) {
            continue;
          }
          for (String s : phi) {
            assertFalse(v.contains(s), table + "." + f.name() + " holds planted PHI '" + s + "': " + v);
          }
        }
      }
    }
    assertTrue(tables >= 4 && columns >= 20, "scanned " + tables + " tables, " + columns + " string columns");
  }

  @Test
  void mixedCohortIsIndexedReindexingAddsNothingAndASecondExportAddsOnlyItsStudies(@TempDir Path tmp)
      throws Exception {
    Path all = tmp.resolve("all");
    CohortConfig c = cohort(all, 6, 77);
    CohortGenerator.generate(c);
    // export 1: studies 1-4 (CT SEG, DX RTSTRUCT, MR SEG, US RTSTRUCT) + clinical.csv, truth.csv,
    // truth-rule.properties; export 2: studies 5-6 (CT RTSTRUCT, DX SEG)
    Path e1 = all;
    Path e2 = tmp.resolve("export2");
    Files.createDirectories(e2);
    Files.move(all.resolve("S000005"), e2.resolve("S000005"));
    Files.move(all.resolve("S000006"), e2.resolve("S000006"));
    List<String> phi = plantedPhi(c);

    TableStore store = store("idx_mixed");
    SparkSession spark = store.spark();
    IndexSummary s1 = IndexJob.run(spark, store, IndexOptions.of(e1.toString()).withExportId("e1"));
    // CT 3 slices + SEG, DX 1 + RTSTRUCT, MR 3 + SEG, US 1 + RTSTRUCT = 12 instances; + 3 non-DICOM root files
    assertEquals(15, s1.filesListed());
    assertEquals(12, s1.instancesNew());
    assertEquals(4, s1.seriesNew());
    assertEquals(4, s1.roisNew());
    assertEquals(3, s1.quarantinedNew(), "clinical.csv, truth.csv, truth-rule.properties are not DICOM");
    assertEquals(12, count(store, Tables.DICOM_INSTANCES));

    DicomReader reader = new DicomReader(KEY, false);
    String[] modality = {"CT", "DX", "MR", "US"};
    String[] maskFile = {"seg.dcm", "rtstruct.dcm", "seg.dcm", "rtstruct.dcm"};
    long[] voxels = {16 * 16 * 3, 32 * 32, 16 * 16 * 3, 32 * 32};
    Map<String, Row> rois = new HashMap<>();
    for (Row r : spark.sql("SELECT * FROM idx_mixed.rois").collectAsList()) {
      rois.put(r.getAs("mask_uri"), r);
    }
    for (int i = 0; i < 4; i++) {
      Path study = all.resolve(String.format("S%06d", i + 1));
      String series = reader.readHeader(study.resolve("image/IM0000.dcm")).seriesInstanceUid();
      String mask = uri(study.resolve("mask").resolve(maskFile[i]));
      Row roi = rois.get(mask);
      assertNotNull(roi, "roi of " + mask + " in " + rois.keySet());
      assertEquals(series, roi.getAs("series_instance_uid"), "mask linked to the series it references");
      assertEquals(uri(study.resolve("image")), roi.getAs("image_uri"), "image_uri = the series folder");
      assertEquals(modality[i], roi.getAs("modality"));
      String kind = maskFile[i].startsWith("seg") ? "SEG" : "RTSTRUCT";
      assertEquals(kind, roi.getAs("mask_kind"));
      String selector = kind.equals("SEG") ? "1" : "lesion"; // segment number 1 / ROI name "lesion"
      assertEquals(selector, roi.getAs("roi_selector"));
      assertEquals("lesion", roi.getAs("roi_label"));
      assertEquals(voxels[i], (long) roi.getAs("voxel_count"));
      assertEquals(roiId(series, mask, selector), roi.getAs("roi_id"));
      assertEquals(KEY.pseudonym(CohortGenerator.patient(c, i).patientId()), roi.getAs("patient_key"));
      Row ser = spark.sql("SELECT * FROM idx_mixed.series WHERE series_instance_uid = '" + series + "'").first();
      assertEquals(voxels[i] == 768 ? 3 : 1, (int) ser.getAs("instance_count"));
      assertEquals("e1", ser.getAs("export_id"));
    }
    List<Row> q = spark.sql("SELECT source_uri, reason, stage FROM idx_mixed.quarantine ORDER BY source_uri")
        .collectAsList();
    assertEquals(uri(all.resolve("clinical.csv")), q.get(0).getString(0));
    for (Row r : q) {
      assertEquals("UNREADABLE_FILE", r.getString(1));
      assertEquals("index", r.getString(2));
    }

    // the same export again: 0 new rows everywhere
    long[] before = {count(store, Tables.DICOM_INSTANCES), count(store, Tables.SERIES), count(store, Tables.ROIS),
        count(store, Tables.QUARANTINE)};
    IndexSummary again = IndexJob.run(spark, store, IndexOptions.of(e1.toString()).withExportId("e1-again"));
    assertEquals(List.of(0L, 0L, 0L, 0L), List.of(again.instancesNew(), again.seriesNew(), again.roisNew(),
        again.quarantinedNew()));
    assertEquals(List.of(before[0], before[1], before[2], before[3]), List.of(count(store, Tables.DICOM_INSTANCES),
        count(store, Tables.SERIES), count(store, Tables.ROIS), count(store, Tables.QUARANTINE)));

    // a second export with 2 new studies (CT 3 + RTSTRUCT, DX 1 + SEG): exactly those are added
    IndexSummary s2 = IndexJob.run(spark, store, IndexOptions.of(e2.toString()).withExportId("e2"));
    assertEquals(6, s2.instancesNew());
    assertEquals(2, s2.seriesNew());
    assertEquals(2, s2.roisNew());
    assertEquals(0, s2.quarantinedNew());
    assertEquals(List.of("e2", "e2"), spark.sql("SELECT export_id FROM idx_mixed.series WHERE image_uri LIKE '%"
        + "export2%'").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(6, count(store, Tables.SERIES));
    assertEquals(6, count(store, Tables.ROIS));
    assertEquals(18, count(store, Tables.DICOM_INSTANCES));

    // commits carry the run id; symlink manifests exist
    Row h = spark.sql("DESCRIBE HISTORY idx_mixed.rois").where("operation = 'MERGE'").orderBy("version")
        .select("userMetadata").first();
    assertTrue(h.getString(0).contains("\"job\":\"index\"") && h.getString(0).contains(s1.runId()), h.getString(0));
    String location = spark.sql("DESCRIBE DETAIL idx_mixed.series").first().getAs("location");
    assertTrue(Files.isDirectory(Path.of(java.net.URI.create(location)).resolve("_symlink_format_manifest")));

    assertNoPhi(spark, "idx_mixed", phi);
  }

  @Test
  void truncatedAndNonDicomFilesAreQuarantinedWithTypedReasonsAndTheOtherStudiesIndexed(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("export");
    CohortConfig c = cohort(out, 4, 91);
    CohortGenerator.generate(c);
    // S000001 is CT with a SEG: cut the middle slice short by 100 bytes (its pixel data is 16x16x2 = 512 bytes)
    Path cut = out.resolve("S000001/image/IM0001.dcm");
    try (RandomAccessFile raf = new RandomAccessFile(cut.toFile(), "rw")) {
      raf.setLength(raf.length() - 100);
    }
    Path notes = out.resolve("notes.txt");
    Files.writeString(notes, "scanner notes, not DICOM\n");
    String ctSeries = new DicomReader(KEY, false).readHeader(out.resolve("S000001/image/IM0000.dcm"))
        .seriesInstanceUid();

    TableStore store = store("idx_broken");
    SparkSession spark = store.spark();
    IndexSummary s = IndexJob.run(spark, store, IndexOptions.of(uri(out)));
    assertEquals(3, s.seriesNew(), "DX, MR, US indexed");
    assertEquals(3, s.roisNew());
    assertEquals(12, s.instancesNew(), "the truncated slice is an instance with header_error");
    Map<String, Row> q = new HashMap<>();
    for (Row r : spark.sql("SELECT * FROM idx_broken.quarantine").collectAsList()) {
      q.put(r.getAs("source_uri") + "#" + r.getAs("reason"), r);
    }
    // 3 cohort CSV/properties files + notes.txt + the truncated file + its series + the SEG of that series
    assertEquals(7, q.size(), q.keySet().toString());
    assertTrue(q.containsKey(uri(notes) + "#UNREADABLE_FILE"), q.keySet().toString());
    Row file = q.get(uri(cut) + "#CORRUPT_PIXEL_DATA");
    assertNotNull(file, q.keySet().toString());
    assertEquals(ctSeries, file.getAs("series_instance_uid"));
    assertTrue(((String) file.getAs("message")).contains("100 bytes short"), (String) file.getAs("message"));
    Row series = q.get(uri(out.resolve("S000001/image")) + "#CORRUPT_PIXEL_DATA");
    assertNotNull(series, q.keySet().toString());
    assertEquals(ctSeries, series.getAs("series_instance_uid"));
    assertTrue(((String) series.getAs("message")).contains("1 of 3 instances"), (String) series.getAs("message"));
    Row seg = q.get(uri(out.resolve("S000001/mask/seg.dcm")) + "#MASK_GRID_MISMATCH");
    assertNotNull(seg, q.keySet().toString());
    assertEquals(ctSeries, seg.getAs("series_instance_uid"));
    assertEquals("CORRUPT_PIXEL_DATA", spark.sql("SELECT header_error FROM idx_broken.dicom_instances"
        + " WHERE source_uri = '" + uri(cut) + "'").first().getString(0));
    assertEquals(0, spark.sql("SELECT * FROM idx_broken.series WHERE series_instance_uid = '" + ctSeries + "'")
        .count());
    assertEquals(List.of("DX", "MR", "US"), spark.sql("SELECT modality FROM idx_broken.rois ORDER BY modality")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    // re-run: the quarantine does not grow
    IndexSummary again = IndexJob.run(spark, store, IndexOptions.of(uri(out)));
    assertEquals(0, again.quarantinedNew());
    assertEquals(7, count(store, Tables.QUARANTINE));
    assertNoPhi(spark, "idx_broken", plantedPhi(c));
  }

  @Test
  void mixedFolderSeriesIsQuarantinedAndAOneFileSeriesUsesItsFile(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("export");
    CohortConfig c = cohort(out, 2, 13);
    CohortGenerator.generate(c);
    // Move the DX image (study 2, one file) into the CT image folder of study 1: that folder now holds 4 files,
    // 3 of the CT series -> CT series quarantined (mixed folder); the DX series is one file -> image_uri = the file.
    Path dx = out.resolve("S000002/image/IM0000.dcm");
    Path moved = out.resolve("S000001/image/DX0000.dcm");
    Files.move(dx, moved);
    TableStore store = store("idx_folder");
    SparkSession spark = store.spark();
    IndexSummary s = IndexJob.run(spark, store, IndexOptions.of(uri(out)));
    assertEquals(1, s.seriesNew());
    Row dxSeries = spark.sql("SELECT modality, image_uri FROM idx_folder.series").first();
    assertEquals("DX", dxSeries.getString(0));
    assertEquals(uri(moved), dxSeries.getString(1));
    Row q = spark.sql("SELECT reason, message FROM idx_folder.quarantine WHERE series_instance_uid IS NOT NULL"
        + " AND source_uri = '" + uri(out.resolve("S000001/image")) + "' AND reason = 'INCONSISTENT_SERIES'").first();
    assertEquals("mixed folder " + uri(out.resolve("S000001/image")) + ": it holds 4 files, 3 of them in this series",
        q.getString(1));
    // the DX RTSTRUCT links to the one-file series; the CT SEG references a quarantined series
    assertEquals(1, s.roisNew());
    assertEquals(uri(moved), spark.sql("SELECT image_uri FROM idx_folder.rois").first().getString(0));
  }

  @Test
  void manifestGivesOneRoiForANiftiImageAndLabelMaskWithAPseudonymisedPatientKey(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("nifti");
    Files.createDirectories(dir.resolve("masks"));
    int nx = 6;
    int ny = 5;
    int nz = 4;
    float[] img = new float[nx * ny * nz];
    float[] lab = new float[nx * ny * nz];
    for (int i = 0; i < img.length; i++) {
      img[i] = i % 17;
      lab[i] = i % 3; // labels 0, 1, 2
    }
    double[] sp = {0.8, 0.9, 2.5};
    NiftiIO.write(dir.resolve("ct.nii.gz"), new Volume(nx, ny, nz, img, sp, new double[3], Volume.identity()));
    NiftiIO.write(dir.resolve("masks/lesion.nii.gz"), new Volume(nx, ny, nz, lab, sp, new double[3],
        Volume.identity()));
    NiftiIO.write(dir.resolve("masks/other-grid.nii"), new Volume(3, 3, 3, new float[27], sp, new double[3],
        Volume.identity()));
    Path manifest = dir.resolve("masks.csv");
    Files.writeString(manifest, "image,mask,label,patient_key,modality\n"
        + "ct.nii.gz,masks/lesion.nii.gz,2,RAWPATIENT-0042,ct\n"
        + "\"ct.nii.gz\",masks/other-grid.nii,1,RAWPATIENT-0042,CT\n");
    TableStore store = store("idx_manifest");
    SparkSession spark = store.spark();
    IndexSummary s = IndexJob.run(spark, store, IndexOptions.of(uri(dir)).withManifest(manifest.toString()));
    assertEquals(0, s.filesListed(), "the manifest, its image and its masks are not read as DICOM");
    assertEquals(0, s.instancesNew());
    assertEquals(1, s.seriesNew());
    assertEquals(1, s.roisNew());
    assertEquals(1, s.quarantinedNew());
    String image = uri(dir.resolve("ct.nii.gz"));
    String mask = uri(dir.resolve("masks/lesion.nii.gz"));
    Row roi = spark.sql("SELECT * FROM idx_manifest.rois").first();
    String series = roi.getAs("series_instance_uid");
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    StringBuilder hex = new StringBuilder();
    for (byte b : md.digest(image.getBytes(StandardCharsets.UTF_8))) {
      hex.append(String.format("%02x", b));
    }
    assertEquals("file:" + hex, series);
    assertEquals(mask, roi.getAs("mask_uri"));
    assertEquals(image, roi.getAs("image_uri"));
    assertEquals("LABELMAP", roi.getAs("mask_kind"));
    assertEquals("2", roi.getAs("roi_selector"));
    assertEquals("CT", roi.getAs("modality"));
    assertEquals(6L * 5 * 4, (long) roi.getAs("voxel_count"));
    assertEquals(roiId(series, mask, "2"), roi.getAs("roi_id"));
    assertEquals(KEY.pseudonym("RAWPATIENT-0042"), roi.getAs("patient_key"));
    Row ser = spark.sql("SELECT `rows`, `columns`, frames, pixel_spacing_row, pixel_spacing_col, slice_thickness"
        + " FROM idx_manifest.series").first();
    // rows = ny, columns = nx, frames = nz; NIfTI pixdim is float32
    assertEquals(List.of(5, 6, 4), List.of(ser.getInt(0), ser.getInt(1), ser.getInt(2)));
    assertEquals((double) 0.9f, ser.getDouble(3));
    assertEquals((double) 0.8f, ser.getDouble(4));
    assertEquals((double) 2.5f, ser.getDouble(5));
    Row q = spark.sql("SELECT source_uri, reason FROM idx_manifest.quarantine").first();
    assertEquals(uri(dir.resolve("masks/other-grid.nii")), q.getString(0));
    assertEquals("MASK_GRID_MISMATCH", q.getString(1));
    assertNoPhi(spark, "idx_manifest", List.of("RAWPATIENT-0042"));
    assertNull(spark.sql("SELECT study_instance_uid FROM idx_manifest.series").first().get(0));
  }
}
