package org.sparkradiomics.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkradiomics.dicom.DicomMetadata;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.Pseudonymizer;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.schemas.Tables;

/**
 * The partition function of the {@code index} job: {@code files.mapPartitions(new IndexPartition(...))} over the
 * listed files ({@link HadoopFiles.FileEntry}). Per partition it builds one {@link DicomReader}; per file it stages
 * the file when remote ({@link HadoopFiles#stage}, deleted right after), reads the header only
 * ({@link DicomReader#readHeaderChecked}: no pixel data is decoded, nothing but header fields leaves the executor)
 * and emits tagged rows ({@link #OUTPUT}, one flat schema):
 * <ul>
 *   <li>{@value #KIND_INSTANCE}: the {@link Tables#DICOM_INSTANCES} columns plus {@code folder} (the URI of the
 *       folder holding the file) and {@code image_storage} (true for an image that belongs to an image series). A
 *       file whose header reads but whose pixel data is truncated is an instance with {@code header_error} set
 *       <em>and</em> a quarantine row.
 *   <li>{@value #KIND_MASKREF}: one row per (referenced series, segment / ROI) of a SEG or RTSTRUCT:
 *       {@code ref_series_uid}, {@code roi_selector} (segment number; ROI name, or its number when unnamed),
 *       {@code roi_label}, {@code mask_kind}; {@code source_uri} is the mask file.
 *   <li>{@value #KIND_QUARANTINE}: a file that is not DICOM or whose header cannot be read, a mask object without
 *       segments / ROIs or without a referenced series: {@code reason} (an {@link ErrorKind}) and {@code message}.
 * </ul>
 * Never throws for a bad file: every failure becomes a quarantine row. Messages name the source URI (never the
 * local staging path) and hold no header values, so no PHI. The function holds only the Hadoop configuration
 * snapshot, the pseudonymisation key, ids and a timestamp; it captures nothing of the driver.
 */
public final class IndexPartition implements FlatMapFunction<Iterator<HadoopFiles.FileEntry>, Row> {
  private static final long serialVersionUID = 1L;

  public static final String KIND_INSTANCE = "instance";
  public static final String KIND_MASKREF = "maskref";
  public static final String KIND_QUARANTINE = "quarantine";

  /** Tagged output: kind, the dicom_instances columns (all nullable here), then the index-only columns. */
  public static final StructType OUTPUT = outputSchema();

  private static final int N_INSTANCE = Tables.DICOM_INSTANCES.schema().fields().length;
  private static final int I_FOLDER = 1 + N_INSTANCE;
  private static final int I_IMAGE_STORAGE = I_FOLDER + 1;
  private static final int I_REF_SERIES = I_FOLDER + 2;
  private static final int I_SELECTOR = I_FOLDER + 3;
  private static final int I_LABEL = I_FOLDER + 4;
  private static final int I_MASK_KIND = I_FOLDER + 5;
  private static final int I_REASON = I_FOLDER + 6;
  private static final int I_MESSAGE = I_FOLDER + 7;
  private static final int WIDTH = I_FOLDER + 8;

  private final HadoopFiles files;
  private final Pseudonymizer pseudonymizer;
  private final boolean keepStudyDate;
  private final String exportId;
  private final long indexedAtMillis;

  /**
   * @param files file-system access for staging remote files
   * @param pseudonymizer the key that turns PatientID into patient_key (shipped from the driver, so every executor
   *     uses the same key)
   * @param keepStudyDate whether study_date is kept
   * @param exportId written to every instance row
   * @param indexedAtMillis the run's timestamp, written to every row
   */
  public IndexPartition(HadoopFiles files, Pseudonymizer pseudonymizer, boolean keepStudyDate, String exportId,
      long indexedAtMillis) {
    this.files = Objects.requireNonNull(files, "files");
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    this.keepStudyDate = keepStudyDate;
    this.exportId = Objects.requireNonNull(exportId, "exportId");
    this.indexedAtMillis = indexedAtMillis;
  }

  private static StructType outputSchema() {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("kind", DataTypes.StringType, false));
    for (StructField s : Tables.DICOM_INSTANCES.schema().fields()) {
      f.add(DataTypes.createStructField(s.name(), s.dataType(), true));
    }
    f.add(DataTypes.createStructField("folder", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("image_storage", DataTypes.BooleanType, true));
    f.add(DataTypes.createStructField("ref_series_uid", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("roi_selector", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("roi_label", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("mask_kind", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("reason", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("message", DataTypes.StringType, true));
    return DataTypes.createStructType(f);
  }

  /** The folder part of a file URI (everything before the last '/'). */
  public static String folderOf(String uri) {
    int slash = uri.lastIndexOf('/');
    return slash > 0 ? uri.substring(0, slash) : uri;
  }

  @Override
  public Iterator<Row> call(Iterator<HadoopFiles.FileEntry> entries) {
    DicomReader reader = new DicomReader(pseudonymizer, keepStudyDate);
    Timestamp at = new Timestamp(indexedAtMillis);
    return new Iterator<Row>() {
      private final ArrayDeque<Row> pending = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && entries.hasNext()) {
          pending.addAll(process(reader, entries.next(), at));
        }
        return !pending.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }
    };
  }

  /** The rows of one file; never throws (except errors such as OutOfMemoryError). */
  List<Row> process(DicomReader reader, HadoopFiles.FileEntry e, Timestamp at) {
    String uri = e.uri();
    List<Row> out = new ArrayList<>();
    try (HadoopFiles.Staged st = files.stage(uri)) {
      Path local = st.path();
      DicomMetadata m;
      RadiomicsException pixelError = null;
      try {
        m = reader.readHeaderChecked(local);
      } catch (RadiomicsException ex) {
        if (ex.kind() != ErrorKind.CORRUPT_PIXEL_DATA) {
          out.add(quarantine(e, at, ex.kind(), clean(ex.getMessage(), local, uri)));
          return out;
        }
        pixelError = ex;
        m = reader.readHeader(local);
      }
      Object[] inst = instance(e, m, at);
      if (pixelError != null) {
        inst[1 + col("header_error")] = pixelError.kind().name();
        Object[] q = base(KIND_QUARANTINE, e, at);
        q[1 + col("series_instance_uid")] = m.seriesInstanceUid();
        q[I_REASON] = pixelError.kind().name();
        q[I_MESSAGE] = clean(pixelError.getMessage(), local, uri);
        out.add(RowFactory.create(inst));
        out.add(RowFactory.create(q));
        return out;
      }
      out.add(RowFactory.create(inst));
      String kind = m.maskKind();
      if (kind != null) {
        if (m.maskItems().isEmpty()) {
          out.add(quarantine(e, at, ErrorKind.ROI_NOT_FOUND, uri + ": " + kind + " without segments / ROIs"));
        } else if (m.referencedSeriesUids().isEmpty()) {
          out.add(quarantine(e, at, ErrorKind.MISSING_ATTRIBUTE, uri + ": " + kind
              + " names no referenced series (ReferencedSeriesSequence / RT Referenced Series)"));
        } else {
          for (String ref : m.referencedSeriesUids()) {
            for (DicomMetadata.MaskItem it : m.maskItems()) {
              Object[] r = base(KIND_MASKREF, e, at);
              r[1 + col("series_instance_uid")] = m.seriesInstanceUid();
              r[1 + col("modality")] = m.modality() == null ? kind : m.modality();
              r[I_REF_SERIES] = ref;
              r[I_SELECTOR] = kind.equals("SEG") || it.label() == null ? Integer.toString(it.number()) : it.label();
              r[I_LABEL] = it.label();
              r[I_MASK_KIND] = kind;
              out.add(RowFactory.create(r));
            }
          }
        }
      }
      return out;
    } catch (IOException ex) {
      out.clear();
      out.add(quarantine(e, at, ErrorKind.UNREADABLE_FILE, uri + ": cannot read: " + ex.getClass().getSimpleName()
          + ": " + ex.getMessage()));
      return out;
    } catch (RuntimeException | StackOverflowError ex) {
      out.clear();
      out.add(quarantine(e, at, ErrorKind.INTERNAL_ERROR, uri + ": " + ex));
      return out;
    }
  }

  private static int col(String name) {
    return Tables.DICOM_INSTANCES.schema().fieldIndex(name);
  }

  private static String clean(String message, Path local, String uri) {
    String m = message == null ? "" : message;
    m = m.replace(local.toString(), uri);
    return m.startsWith(uri) ? m : uri + ": " + m;
  }

  private Object[] base(String kind, HadoopFiles.FileEntry e, Timestamp at) {
    Object[] r = new Object[WIDTH];
    r[0] = kind;
    r[1 + col("source_uri")] = e.uri();
    r[1 + col("file_size")] = e.size();
    r[1 + col("modality")] = "UNKNOWN";
    r[1 + col("export_id")] = exportId;
    r[1 + col("indexed_at")] = at;
    r[I_FOLDER] = folderOf(e.uri());
    return r;
  }

  private Row quarantine(HadoopFiles.FileEntry e, Timestamp at, ErrorKind kind, String message) {
    Object[] r = base(KIND_QUARANTINE, e, at);
    r[I_REASON] = kind.name();
    r[I_MESSAGE] = message;
    return RowFactory.create(r);
  }

  private Object[] instance(HadoopFiles.FileEntry e, DicomMetadata m, Timestamp at) {
    Object[] r = base(KIND_INSTANCE, e, at);
    r[1 + col("sop_instance_uid")] = m.sopInstanceUid();
    r[1 + col("series_instance_uid")] = m.seriesInstanceUid();
    r[1 + col("study_instance_uid")] = m.studyInstanceUid();
    r[1 + col("sop_class_uid")] = m.sopClassUid();
    r[1 + col("modality")] = m.modality() == null ? "UNKNOWN" : m.modality();
    r[1 + col("transfer_syntax_uid")] = m.transferSyntaxUid();
    r[1 + col("patient_key")] = m.pseudonymousPatientId();
    r[1 + col("manufacturer")] = m.manufacturer();
    r[1 + col("manufacturer_model")] = m.manufacturerModelName();
    r[1 + col("institution")] = m.institutionName();
    r[1 + col("kvp")] = m.kvp();
    r[1 + col("slice_thickness")] = m.sliceThickness();
    double[] ps = m.pixelSpacing();
    if (ps != null && ps.length == 2) {
      r[1 + col("pixel_spacing_row")] = ps[0];
      r[1 + col("pixel_spacing_col")] = ps[1];
    }
    r[1 + col("body_part")] = m.bodyPartExamined();
    r[1 + col("study_date")] = studyDate(m.studyDate());
    if (m.isImage()) {
      r[1 + col("rows")] = m.rows();
      r[1 + col("columns")] = m.columns();
      r[1 + col("frames")] = Math.max(1, m.numberOfFrames());
      r[1 + col("samples_per_pixel")] = m.samplesPerPixel();
      r[1 + col("bits_allocated")] = m.bitsAllocated();
      r[1 + col("bits_stored")] = m.bitsStored();
      r[1 + col("pixel_representation")] = m.pixelRepresentation();
      r[1 + col("photometric")] = m.photometricInterpretation();
    }
    r[I_IMAGE_STORAGE] = m.isImageStorage();
    return r;
  }

  /** YYYYMMDD to a date, or null (absent, not kept, or malformed). */
  static java.sql.Date studyDate(String da) {
    if (da == null || da.length() < 8) {
      return null;
    }
    try {
      return java.sql.Date.valueOf(java.time.LocalDate.parse(da.substring(0, 8),
          java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
    } catch (RuntimeException ex) {
      return null;
    }
  }
}
