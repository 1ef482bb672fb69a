package org.sparkradiomics.jobs.index;

import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparkradiomics.dicom.Pseudonymizer;
import org.sparkradiomics.jobs.spark.TableStore;
import org.sparkradiomics.schemas.TableDef;
import org.sparkradiomics.schemas.Tables;
import org.sparkradiomics.spark.HadoopFiles;
import org.sparkradiomics.spark.IndexManifestPartition;
import org.sparkradiomics.spark.IndexPartition;

/**
 * The {@code index} job: turns one or more exports (folders of DICOM files, plus an optional manifest of NIfTI/NRRD
 * label maps) into the {@code dicom_instances}, {@code series}, {@code rois} and {@code quarantine} tables.
 *
 * <ol>
 *   <li>The driver only lists files ({@link HadoopFiles#list}) and reads the manifest CSV; the file list is
 *       distributed and headers are read on the executors ({@link IndexPartition}: one reader per partition, remote
 *       files staged and deleted; pixel data never decoded, never sent anywhere).
 *   <li>Instances are grouped into series in Spark SQL. {@code series.image_uri} is the folder holding exactly the
 *       series' files (the listed files of that folder, readable or not, are exactly its instances); a one-file
 *       series in a shared folder uses the file itself. Otherwise the series is quarantined
 *       ({@code INCONSISTENT_SERIES}: spread over folders, or a mixed folder), as is a series with an instance whose
 *       pixel data is truncated (that instance's reason) or whose instances differ in size.
 *   <li>Each SEG segment / RTSTRUCT ROI is linked to the series it references (indexed in this run or before) as one
 *       {@code rois} row, {@code roi_id} = first 32 hex digits of SHA-256({@code seriesUID|maskURI|selector}); a mask
 *       whose referenced series is not indexed is quarantined ({@code MASK_GRID_MISMATCH}). Manifest lines give one
 *       {@code rois} row each ({@code mask_kind} LABELMAP; selector = label) and a {@code series} row per NIfTI/NRRD
 *       image ({@code series_instance_uid} = {@code file:} + SHA-256 of its URI).
 *   <li>Everything is written with {@link TableStore#insertNew} keyed by {@code source_uri} / {@code
 *       series_instance_uid} / {@code roi_id} / ({@code source_uri, series_instance_uid, stage, reason}), with the run
 *       id in the Delta commit metadata: re-indexing an export adds nothing, a new export adds only its new studies.
 *       Delta symlink manifests are regenerated at the end.
 * </ol>
 * A bad file never fails the job: it becomes a quarantine row with a typed reason (stage {@code index}).
 */
public final class IndexJob {
  public static final String JOB = "index";
  public static final String STAGE = "index";
  /** Keys of the idempotent inserts. */
  public static final List<String> INSTANCE_KEY = List.of("source_uri");
  public static final List<String> SERIES_KEY = List.of("series_instance_uid");
  public static final List<String> ROI_KEY = List.of("roi_id");
  public static final List<String> QUARANTINE_KEY = List.of("source_uri", "series_instance_uid", "stage", "reason");

  private IndexJob() {}

  /** Runs the index job on {@code spark}, writing through {@code store}; returns the counts of new rows. */
  public static IndexSummary run(SparkSession spark, TableStore store, IndexOptions o) throws IOException {
    long t0 = System.nanoTime();
    long now = System.currentTimeMillis();
    String runId = o.runId() != null ? o.runId() : "index-" + UUID.randomUUID();
    String exportId = o.exportId() != null ? o.exportId() : defaultExportId(o);
    Pseudonymizer pseudonymizer = Pseudonymizer.fromEnvironmentOrDefault();
    HadoopFiles hf = HadoopFiles.fromSession(spark);

    // ---- driver: listing only
    List<IndexManifestPartition.Entry> manifest = o.manifest() == null ? List.of()
        : ManifestCsv.read(hf, o.manifest(), pseudonymizer);
    Set<String> excluded = new HashSet<>();
    if (o.manifest() != null) {
      for (HadoopFiles.FileEntry f : hf.list(o.manifest())) {
        excluded.add(f.uri());
      }
    }
    Map<String, HadoopFiles.FileEntry> listed = new LinkedHashMap<>();
    for (String input : o.inputs()) {
      for (HadoopFiles.FileEntry f : hf.list(input)) {
        listed.put(f.uri(), f);
      }
    }
    for (IndexManifestPartition.Entry e : manifest) {
      excluded.add(e.maskUri());
      if (e.imageDicom()) {
        for (HadoopFiles.FileEntry f : hf.list(e.imageUri())) {
          listed.put(f.uri(), f);
        }
      } else {
        excluded.add(e.imageUri());
      }
    }
    listed.keySet().removeAll(excluded);
    List<HadoopFiles.FileEntry> files = new ArrayList<>(listed.values());
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("list", (System.nanoTime() - t0) / 1e9);

    // ---- executors: headers
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4));
    JavaRDD<Row> tagged = jsc.parallelize(files, slices)
        .mapPartitions(new IndexPartition(hf, pseudonymizer, o.keepStudyDate(), exportId, now));
    Dataset<Row> t = spark.createDataFrame(tagged, IndexPartition.OUTPUT).persist(StorageLevel.MEMORY_AND_DISK());
    String suffix = runId.replaceAll("[^A-Za-z0-9]", "_");
    String v = "__index_" + suffix;
    String mv = "__index_manifest_" + suffix;
    String sv = "__index_series_" + suffix;
    String kv = "__index_known_" + suffix;
    t.createOrReplaceTempView(v);
    int mslices = Math.max(1, Math.min(manifest.size(), jsc.defaultParallelism() * 4));
    Dataset<Row> m = spark.createDataFrame(jsc.parallelize(manifest, mslices)
        .mapPartitions(new IndexManifestPartition(hf)), IndexManifestPartition.OUTPUT)
        .persist(StorageLevel.MEMORY_AND_DISK());
    m.createOrReplaceTempView(mv);
    Timestamp at = new Timestamp(now);
    try {
      long th = System.nanoTime();
      t.count(); // the headers, read once into the cache (every table below is derived from them)
      m.count();
      phases.put("headers", (System.nanoTime() - th) / 1e9);
      for (TableDef def : List.of(Tables.DICOM_INSTANCES, Tables.SERIES, Tables.ROIS, Tables.QUARANTINE)) {
        store.ensure(def);
      }
      // ---- instances
      StringBuilder instCols = new StringBuilder();
      for (String c : Tables.DICOM_INSTANCES.schema().fieldNames()) {
        instCols.append(instCols.length() == 0 ? "" : ", ").append('`').append(c).append('`');
      }
      Dataset<Row> instances = spark.sql("SELECT " + instCols + " FROM `" + v + "` WHERE kind = 'instance'");

      // ---- series (grouping in Spark SQL)
      Dataset<Row> grouped = spark.sql(seriesSql(v));
      grouped.createOrReplaceTempView(sv);
      Dataset<Row> dicomSeries = spark.sql("SELECT series_instance_uid, study_instance_uid, patient_key, modality,"
          + " image_uri, instance_count, `rows`, `columns`, frames,"
          + " CAST(`rows` AS BIGINT) * `columns` * frames AS voxel_count, manufacturer, manufacturer_model,"
          + " institution, kvp, slice_thickness, pixel_spacing_row, pixel_spacing_col, transfer_syntax_uid,"
          + " total_bytes FROM `" + sv + "` WHERE reason IS NULL");
      Dataset<Row> fileSeries = spark.sql("SELECT concat('file:', sha2(image_uri, 256)) AS series_instance_uid,"
          + " CAST(NULL AS STRING) AS study_instance_uid, first(patient_key, true) AS patient_key,"
          + " coalesce(first(modality, true), 'UNKNOWN') AS modality, image_uri, 1 AS instance_count,"
          + " first(`rows`) AS `rows`, first(`columns`) AS `columns`, first(frames) AS frames,"
          + " CAST(first(`rows`) AS BIGINT) * first(`columns`) * first(frames) AS voxel_count,"
          + " CAST(NULL AS STRING) AS manufacturer, CAST(NULL AS STRING) AS manufacturer_model,"
          + " CAST(NULL AS STRING) AS institution, CAST(NULL AS DOUBLE) AS kvp,"
          + " first(slice_thickness) AS slice_thickness, first(pixel_spacing_row) AS pixel_spacing_row,"
          + " first(pixel_spacing_col) AS pixel_spacing_col, CAST(NULL AS STRING) AS transfer_syntax_uid,"
          + " first(image_bytes) AS total_bytes"
          + " FROM `" + mv + "` WHERE kind = 'labelmap' AND NOT image_dicom GROUP BY image_uri");
      Dataset<Row> newSeries = dicomSeries.unionByName(fileSeries)
          .withColumn("export_id", lit(exportId)).withColumn("indexed_at", lit(at));

      // ---- series known for linking: already in the table, or new in this run
      Dataset<Row> known = store.read(Tables.SERIES)
          .selectExpr("series_instance_uid", "image_uri", "modality", "patient_key", "voxel_count")
          .unionByName(newSeries.selectExpr("series_instance_uid", "image_uri", "modality", "patient_key",
              "voxel_count"))
          .dropDuplicates("series_instance_uid");
      known.createOrReplaceTempView(kv);

      Dataset<Row> dicomRois = spark.sql("SELECT substr(sha2(concat_ws('|', k.series_instance_uid, r.source_uri,"
          + " coalesce(r.roi_selector, '')), 256), 1, 32) AS roi_id, k.series_instance_uid, k.patient_key,"
          + " k.modality, k.image_uri, r.source_uri AS mask_uri, r.mask_kind, r.roi_selector, r.roi_label,"
          + " k.voxel_count FROM `" + v + "` r JOIN `" + kv + "` k ON r.ref_series_uid = k.series_instance_uid"
          + " WHERE r.kind = 'maskref'");
      String manifestLinked = "SELECT m.*, coalesce(d.sid, CASE WHEN m.image_dicom THEN NULL"
          + " ELSE concat('file:', sha2(m.image_uri, 256)) END) AS sid FROM `" + mv + "` m LEFT JOIN"
          + " (SELECT image_uri AS d_uri, min(series_instance_uid) AS sid FROM `" + kv + "` GROUP BY image_uri) d"
          + " ON m.image_dicom AND m.image_uri = d.d_uri WHERE m.kind = 'labelmap'";
      Dataset<Row> fileRois = spark.sql("SELECT substr(sha2(concat_ws('|', k.series_instance_uid, x.mask_uri,"
          + " coalesce(x.label, '')), 256), 1, 32) AS roi_id, k.series_instance_uid,"
          + " coalesce(k.patient_key, x.patient_key) AS patient_key, k.modality, k.image_uri, x.mask_uri,"
          + " 'LABELMAP' AS mask_kind, x.label AS roi_selector, x.label AS roi_label, k.voxel_count"
          + " FROM (" + manifestLinked + ") x JOIN `" + kv + "` k ON x.sid = k.series_instance_uid");
      Dataset<Row> newRois = dicomRois.unionByName(fileRois).dropDuplicates("roi_id")
          .withColumn("export_id", lit(exportId)).withColumn("indexed_at", lit(at));

      // ---- quarantine: files, series, unlinked masks, manifest lines
      String q = "SELECT source_uri, series_instance_uid, reason, message FROM `" + v + "` WHERE kind = 'quarantine'"
          + " UNION ALL SELECT folder AS source_uri, series_instance_uid, reason, message FROM `" + sv + "`"
          + " WHERE reason IS NOT NULL"
          + " UNION ALL SELECT source_uri, min(ref_series_uid) AS series_instance_uid,"
          + " 'MASK_GRID_MISMATCH' AS reason, concat(source_uri, ': references series ', min(ref_series_uid),"
          + " ', which is not indexed (absent from the inputs, or quarantined)') AS message"
          + " FROM (SELECT r.source_uri, r.ref_series_uid, k.series_instance_uid AS hit FROM `" + v + "` r"
          + " LEFT JOIN `" + kv + "` k ON r.ref_series_uid = k.series_instance_uid WHERE r.kind = 'maskref')"
          + " GROUP BY source_uri HAVING count(hit) = 0"
          + " UNION ALL SELECT mask_uri AS source_uri, CAST(NULL AS STRING) AS series_instance_uid, reason, message"
          + " FROM `" + mv + "` WHERE kind = 'quarantine'"
          + " UNION ALL SELECT x.mask_uri AS source_uri, CAST(NULL AS STRING) AS series_instance_uid,"
          + " 'MASK_GRID_MISMATCH' AS reason, concat('manifest line ', x.line, ': image ', x.image_uri,"
          + " ' is not an indexed series (not a folder holding exactly one series, or quarantined)') AS message"
          + " FROM (" + manifestLinked + ") x LEFT JOIN `" + kv + "` k ON x.sid = k.series_instance_uid"
          + " WHERE k.series_instance_uid IS NULL";
      Dataset<Row> quarantine = spark.sql(q)
          .withColumn("roi_id", lit(null).cast("string"))
          .withColumn("stage", lit(STAGE))
          .withColumn("run_id", lit(runId))
          .withColumn("recorded_at", lit(at))
          .withColumn("params_hash", lit(null).cast("string"))
          .dropDuplicates(QUARANTINE_KEY.toArray(new String[0]));

      // ---- writes: series before rois (the links read the series table; this run's series are in `known`
      // either way, so the order does not change the result)
      TableStore.CommitInfo info = new TableStore.CommitInfo(runId, null, codeVersion(), JOB);
      long tw = System.nanoTime();
      long instancesNew = store.insertNew(Tables.DICOM_INSTANCES, instances, INSTANCE_KEY, info);
      long seriesNew = store.insertNew(Tables.SERIES, newSeries, SERIES_KEY, info);
      long roisNew = store.insertNew(Tables.ROIS, newRois, ROI_KEY, info);
      long quarantinedNew = store.insertNew(Tables.QUARANTINE, quarantine, QUARANTINE_KEY, info);
      phases.put("write", (System.nanoTime() - tw) / 1e9);
      long tm = System.nanoTime();
      for (TableDef def : List.of(Tables.DICOM_INSTANCES, Tables.SERIES, Tables.ROIS, Tables.QUARANTINE)) {
        store.generateManifest(def);
      }
      phases.put("manifest", (System.nanoTime() - tm) / 1e9);
      return new IndexSummary(runId, exportId, files.size(), instancesNew, seriesNew, roisNew, quarantinedNew,
          (System.nanoTime() - t0) / 1e9, phases);
    } finally {
      for (String view : List.of(v, mv, sv, kv)) {
        spark.catalog().dropTempView(view);
      }
      t.unpersist();
      m.unpersist();
    }
  }


  /** Grouping of image instances into series, with the quarantine decision (reason null = a good series). */
  static String seriesSql(String v) {
    String first = "min_by(%s, source_uri) AS %s";
    StringBuilder firsts = new StringBuilder();
    for (String c : List.of("study_instance_uid", "patient_key", "modality", "manufacturer", "manufacturer_model",
        "institution", "kvp", "slice_thickness", "pixel_spacing_row", "pixel_spacing_col", "transfer_syntax_uid")) {
      firsts.append(String.format(first, c, c)).append(", ");
    }
    return "WITH img AS (SELECT * FROM `" + v + "` WHERE kind = 'instance' AND image_storage"
        + " AND series_instance_uid IS NOT NULL),"
        + " per_folder AS (SELECT folder AS ffolder, count(DISTINCT source_uri) AS folder_files FROM `" + v + "`"
        + " WHERE kind IN ('instance', 'quarantine') GROUP BY folder),"
        + " g AS (SELECT series_instance_uid, " + firsts
        + " CAST(count(*) AS INT) AS instance_count, count(DISTINCT folder) AS folders, min(folder) AS folder,"
        + " min(source_uri) AS first_uri, max(`rows`) AS `rows`, max(`columns`) AS `columns`,"
        + " count(DISTINCT `rows`) AS n_rows, count(DISTINCT `columns`) AS n_cols,"
        + " CAST(sum(coalesce(frames, 1)) AS INT) AS frames, sum(file_size) AS total_bytes,"
        + " count(header_error) AS broken, min(header_error) AS broken_reason"
        + " FROM img GROUP BY series_instance_uid)"
        + " SELECT g.*, p.folder_files,"
        + " CASE WHEN broken > 0 THEN broken_reason"
        + "   WHEN n_rows > 1 OR n_cols > 1 THEN 'INCONSISTENT_SERIES'"
        + "   WHEN folders = 1 AND p.folder_files = instance_count THEN NULL"
        + "   WHEN instance_count = 1 THEN NULL"
        + "   ELSE 'INCONSISTENT_SERIES' END AS reason,"
        + " CASE WHEN broken > 0 THEN concat('series ', g.folder, ': ', broken, ' of ', instance_count,"
        + "     ' instances have unreadable pixel data (', broken_reason, ')')"
        + "   WHEN n_rows > 1 OR n_cols > 1 THEN concat('series ', g.folder, ': instances of different sizes')"
        + "   WHEN folders = 1 AND p.folder_files = instance_count THEN NULL"
        + "   WHEN instance_count = 1 THEN NULL"
        + "   WHEN folders > 1 THEN concat('series spread over ', folders, ' folders (first ', g.folder,"
        + "     '): no folder holds exactly its files')"
        + "   ELSE concat('mixed folder ', g.folder, ': it holds ', p.folder_files, ' files, ', instance_count,"
        + "     ' of them in this series') END AS message,"
        + " CASE WHEN folders = 1 AND p.folder_files = instance_count THEN g.folder ELSE first_uri END AS image_uri"
        + " FROM g LEFT JOIN per_folder p ON g.folder = p.ffolder";
  }

  /** {@code export-} + the first 12 hex digits of SHA-256 over the sorted inputs and manifest. */
  static String defaultExportId(IndexOptions o) {
    List<String> parts = new ArrayList<>(o.inputs());
    parts.sort(null);
    if (o.manifest() != null) {
      parts.add("manifest=" + o.manifest());
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(String.join("\n", parts)
          .getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder("export-");
      for (int i = 0; i < 6; i++) {
        sb.append(String.format("%02x", h[i]));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The spark-radiomics version of the jar (manifest Implementation-Version), else {@code dev}. */
  public static String codeVersion() {
    String v = IndexJob.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
