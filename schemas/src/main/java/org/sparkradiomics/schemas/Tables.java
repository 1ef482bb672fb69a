package org.sparkradiomics.schemas;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;

/**
 * Every table spark-radiomics writes, defined once. No column ever holds PHI: patients are identified only by
 * {@code patient_key}, an HMAC-SHA256 pseudonym of the DICOM PatientID under a site key; names, birth dates and
 * addresses are never read into any record. Tables are partitioned by coarse columns (modality, params hash),
 * never by UID.
 */
public final class Tables {
  private Tables() {}

  public static final String DATABASE = "radiomics";

  /** One row per DICOM file of an indexed export (headers only; pixel data never reaches the driver). */
  public static final TableDef DICOM_INSTANCES = TableDef.table("dicom_instances",
          "One row per DICOM instance found in an indexed export: header fields without PHI.")
      .required("source_uri", StringType, "URI of the file (file:, hdfs:, s3a:)")
      .required("file_size", LongType, "file size in bytes")
      .optional("sop_instance_uid", StringType, "SOPInstanceUID")
      .optional("series_instance_uid", StringType, "SeriesInstanceUID")
      .optional("study_instance_uid", StringType, "StudyInstanceUID")
      .optional("sop_class_uid", StringType, "SOPClassUID (image, SEG, RTSTRUCT, ...)")
      .required("modality", StringType, "Modality (CT, MR, DX, US, SEG, RTSTRUCT, ...); UNKNOWN when absent")
      .optional("transfer_syntax_uid", StringType, "TransferSyntaxUID of the file")
      .optional("patient_key", StringType, "HMAC-SHA256 pseudonym of PatientID (never the PatientID itself)")
      .optional("manufacturer", StringType, "Manufacturer (site/scanner batch effects)")
      .optional("manufacturer_model", StringType, "ManufacturerModelName")
      .optional("institution", StringType, "InstitutionName (site, for harmonisation)")
      .optional("kvp", DoubleType, "KVP")
      .optional("slice_thickness", DoubleType, "SliceThickness in mm")
      .optional("pixel_spacing_row", DoubleType, "PixelSpacing[0] in mm (row spacing)")
      .optional("pixel_spacing_col", DoubleType, "PixelSpacing[1] in mm (column spacing)")
      .optional("body_part", StringType, "BodyPartExamined")
      .optional("study_date", DateType, "StudyDate, only when the index is configured to keep dates")
      .optional("rows", IntegerType, "Rows")
      .optional("columns", IntegerType, "Columns")
      .optional("frames", IntegerType, "NumberOfFrames (1 for single-frame)")
      .optional("samples_per_pixel", IntegerType, "SamplesPerPixel")
      .optional("bits_allocated", IntegerType, "BitsAllocated")
      .optional("bits_stored", IntegerType, "BitsStored")
      .optional("pixel_representation", IntegerType, "PixelRepresentation (1 = signed)")
      .optional("photometric", StringType, "PhotometricInterpretation")
      .optional("header_error", StringType, "typed reason when the header could not be read")
      .required("export_id", StringType, "identifier of the export/batch this file was indexed from")
      .required("indexed_at", TimestampType, "when the file was indexed")
      .partitionedBy("modality")
      .build();

  /** One row per image series (DICOM series, or one NIfTI/NRRD image given by a manifest). */
  public static final TableDef SERIES = TableDef.table("series",
          "One row per image series of an indexed export, with the fields used for cost estimates and batch effects.")
      .required("series_instance_uid", StringType, "SeriesInstanceUID (for NIfTI/NRRD: 'file:' + SHA-256 of the URI)")
      .optional("study_instance_uid", StringType, "StudyInstanceUID")
      .optional("patient_key", StringType, "HMAC-SHA256 pseudonym of PatientID")
      .required("modality", StringType, "Modality of the images (CT, MR, DX, US, ...)")
      .required("image_uri", StringType,
          "what the reader opens: the folder holding exactly this series' files, or the single file")
      .required("instance_count", IntegerType, "number of image instances")
      .optional("rows", IntegerType, "Rows")
      .optional("columns", IntegerType, "Columns")
      .optional("frames", IntegerType, "total frames / slices")
      .required("voxel_count", LongType, "rows x columns x frames: the extraction cost estimate")
      .optional("manufacturer", StringType, "Manufacturer")
      .optional("manufacturer_model", StringType, "ManufacturerModelName")
      .optional("institution", StringType, "InstitutionName (site)")
      .optional("kvp", DoubleType, "KVP")
      .optional("slice_thickness", DoubleType, "SliceThickness in mm")
      .optional("pixel_spacing_row", DoubleType, "row spacing in mm")
      .optional("pixel_spacing_col", DoubleType, "column spacing in mm")
      .optional("transfer_syntax_uid", StringType, "transfer syntax of the first instance")
      .required("total_bytes", LongType, "sum of the file sizes")
      .required("export_id", StringType, "export/batch the series was first indexed from")
      .required("indexed_at", TimestampType, "when the series was indexed")
      .partitionedBy("modality")
      .build();

  /** One row per region of interest: an image series paired with one mask object and one segment/ROI/label. */
  public static final TableDef ROIS = TableDef.table("rois",
          "Regions of interest: image series x mask object (SEG segment, RTSTRUCT ROI, label-map value).")
      .required("roi_id", StringType,
          "stable id: SHA-256 (first 32 hex digits) of series UID + mask URI + selector; never a patient id")
      .required("series_instance_uid", StringType, "the image series")
      .optional("patient_key", StringType, "HMAC-SHA256 pseudonym of PatientID")
      .required("modality", StringType, "image modality")
      .required("image_uri", StringType, "image series folder or file (as in series.image_uri)")
      .required("mask_uri", StringType, "DICOM SEG / RTSTRUCT file, or NIfTI / NRRD label map")
      .required("mask_kind", StringType, "SEG | RTSTRUCT | LABELMAP")
      .optional("roi_selector", StringType, "segment number, RTSTRUCT ROI name or label value; null = first / non-zero")
      .optional("roi_label", StringType, "segment label or ROI name as written in the mask object")
      .required("voxel_count", LongType, "voxels of the image series: the extraction cost estimate")
      .required("export_id", StringType, "export/batch the ROI was first indexed from")
      .required("indexed_at", TimestampType, "when the ROI was indexed")
      .partitionedBy("modality")
      .build();

  /** Failures as data: a study, series or file that could not be processed, with a typed reason. */
  public static final TableDef QUARANTINE = TableDef.table("quarantine",
          "Inputs that could not be processed, with the stage and a typed reason; never silently dropped.")
      .optional("source_uri", StringType, "file or folder URI, when the failure concerns one input")
      .optional("series_instance_uid", StringType, "series, when known")
      .optional("roi_id", StringType, "ROI, when the failure happened during extraction")
      .required("stage", StringType, "index | read | mask | preprocess | extract")
      .required("reason", StringType, "typed reason: a value of org.sparkradiomics.error.ErrorKind")
      .required("message", StringType, "human-readable explanation")
      .required("run_id", StringType, "run that recorded the failure")
      .required("recorded_at", TimestampType, "when it was recorded")
      .optional("params_hash", StringType, "params hash the ROI was extracted under (extraction stages); null for index")
      .partitionedBy("stage")
      .build();

  /** Feature values in long form: one row per ROI x image type x feature. */
  public static final TableDef FEATURES = TableDef.table("features",
          "Radiomics features in long form: one row per (ROI, image type, feature) and params set.")
      .required("roi_id", StringType, "ROI identifier (series + mask object + segment/ROI number)")
      .optional("patient_key", StringType, "HMAC-SHA256 pseudonym of PatientID")
      .required("series_instance_uid", StringType, "image series")
      .required("modality", StringType, "image modality")
      .required("image_type", StringType, "original, or the filter (e.g. log-sigma-1-0-mm-3D, wavelet-LLH)")
      .required("feature", StringType, "feature name: IBSI tag (ibsi profile) or PyRadiomics name")
      .optional("value", DoubleType, "feature value; null when undefined for this ROI")
      .optional("undefined_reason", StringType, "why the value is null (e.g. single grey level)")
      .required("profile", StringType, "ibsi | pyradiomics")
      .required("params_hash", StringType, "SHA-256 of the canonical extraction settings")
      .required("run_id", StringType, "extraction run that wrote the row")
      .required("code_version", StringType, "spark-radiomics version that computed the value")
      .partitionedBy("modality", "params_hash")
      // file statistics (data skipping) only where they can skip files: the writer copies every string of every row
      // to keep min/max, which for all nine string columns cost ~10% of the extract job's executor time, and still
      // ~15% of the long-row write for roi_id, image_type, feature (2.2 M rows: 7.5 s vs 6.4 s on one core). Those
      // three skip nothing: every file of a run holds every (image type, feature) and, cost-balanced partitions
      // taking ROIs in turn, ROI ids from the whole range
      .deltaProperty("delta.dataSkippingStatsColumns", "value")
      .build();

  /** One row per extraction run. */
  public static final TableDef EXTRACTION_RUNS = TableDef.table("extraction_runs",
          "One row per extraction run: parameters, code version, counts and timings.")
      .required("run_id", StringType, "run identifier")
      .required("params_hash", StringType, "SHA-256 of the canonical settings")
      .required("params", StringType, "canonical settings text")
      .required("code_version", StringType, "spark-radiomics version")
      .required("started_at", TimestampType, "start time")
      .optional("finished_at", TimestampType, "end time (null while running or after a crash)")
      .optional("rois_selected", LongType, "ROIs selected for extraction (not yet extracted under params)")
      .optional("rois_extracted", LongType, "ROIs extracted successfully")
      .optional("rois_quarantined", LongType, "ROIs sent to quarantine")
      .optional("feature_rows", LongType, "feature rows merged")
      .optional("wall_seconds", DoubleType, "wall-clock duration")
      .optional("completed", BooleanType, "true when the run finished")
      .build();

  public static final List<TableDef> ALL = List.of(DICOM_INSTANCES, SERIES, ROIS, FEATURES, EXTRACTION_RUNS, QUARANTINE);
}
