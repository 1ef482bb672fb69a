package org.sparkradiomics.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.sparkradiomics.dicom.DicomMetadata;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.Presets;
import org.sparkradiomics.features.profile.ExtractionProfile;
import org.sparkradiomics.features.profile.IbsiProfile;
import org.sparkradiomics.features.profile.ProfileResult;
import org.sparkradiomics.features.profile.Profiles;
import org.sparkradiomics.io.RoiLoader;
import org.sparkradiomics.schemas.Tables;

/**
 * The partition-level extraction function: {@code tasks.mapPartitions(new ExtractPartition(...))}.
 *
 * <p>Per partition it builds the heavy objects once (a {@link DicomReader}, a {@link RoiLoader}, the IBSI preset
 * profile per modality), then for each {@link ExtractionTask} loads image and mask, runs
 * {@link ExtractionProfile#extract} and emits rows lazily, one task at a time. The function object holds only the
 * run id, code version, optional profile, a {@link HadoopFiles} snapshot and an optional progress accumulator (all
 * serializable); it captures nothing of the driver.
 *
 * <p>Inputs on a remote file system ({@code hdfs:}, {@code s3a:}, ...) are staged with {@link HadoopFiles#stage} into
 * a local temporary folder for the duration of one task and deleted after it; local paths and {@code file:} URIs
 * are read in place. The progress accumulator, when given, is incremented once per task (ROI) processed.
 *
 * <p><b>Output: one tagged row per task</b> ({@link #OUTPUT}): {@code kind} is {@link #KIND_FEATURE} or
 * {@link #KIND_QUARANTINE}; exactly one of the struct columns {@code roi} ({@link #ROI_FEATURES}: the ROI's columns
 * once, its image types, feature names, values and undefined reasons as four parallel arrays) or {@code quarantine}
 * ({@link Tables#QUARANTINE} schema) is set. One compact row per ROI (not one per feature) keeps the rows Spark
 * converts, caches and counts few (~280 values ride in one row for a DX study); {@link #split} turns them into the
 * long {@link Tables#FEATURES} rows with a generated {@code inline(arrays_zip(...))}, and into quarantine rows.
 * Persist the tagged RDD before using both outputs, as {@link #run} does, or the extraction runs once per output.
 *
 * <p>A task that fails never kills the partition: it yields one quarantine row instead of feature rows.
 * <ul>
 *   <li>{@link RadiomicsException} while loading: its {@link ErrorKind}; stage {@code mask} when the mask path does
 *       not exist or the kind is mask-specific ({@code ROI_NOT_FOUND}, {@code MASK_GRID_MISMATCH}), otherwise
 *       {@code read} (the image is loaded before the mask).
 *   <li>{@link RadiomicsException} from extraction, or an {@code EMPTY_ROI} result: its kind, stage {@code extract}.
 *   <li>Any other exception (or stack overflow) in any stage: {@code INTERNAL_ERROR} with the exception text.
 * </ul>
 * Feature rows: one per image type and feature of the {@link ProfileResult} (diagnostics included),
 * {@code profile} = {@link ExtractionProfile#name()}, {@code value} null with {@code undefined_reason} when
 * undefined, {@code params_hash} = {@link ExtractionProfile#paramsHash()} of the profile used.
 */
public final class ExtractPartition implements FlatMapFunction<Iterator<ExtractionTask>, Row> {
  private static final long serialVersionUID = 1L;

  public static final String KIND_FEATURE = "feature";
  public static final String KIND_QUARANTINE = "quarantine";

  /**
   * The features of one ROI: the {@link Tables#FEATURES} columns that are the same for all its rows, then
   * {@code image_type}, {@code feature}, {@code value}, {@code undefined_reason} as parallel arrays (element i is
   * one long row).
   */
  public static final StructType ROI_FEATURES = new StructType()
      .add("roi_id", DataTypes.StringType, false)
      .add("patient_key", DataTypes.StringType, true)
      .add("series_instance_uid", DataTypes.StringType, false)
      .add("modality", DataTypes.StringType, false)
      .add("profile", DataTypes.StringType, false)
      .add("params_hash", DataTypes.StringType, false)
      .add("run_id", DataTypes.StringType, false)
      .add("code_version", DataTypes.StringType, false)
      .add("image_type", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("feature", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("value", DataTypes.createArrayType(DataTypes.DoubleType, true), false)
      .add("undefined_reason", DataTypes.createArrayType(DataTypes.StringType, true), false);

  /** Tagged output: kind, ROI features ({@link #ROI_FEATURES}) or null, quarantine row (QUARANTINE schema) or null. */
  public static final StructType OUTPUT = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("roi", ROI_FEATURES, true)
      .add("quarantine", Tables.QUARANTINE.schema(), true);

  private final String runId;
  private final String codeVersion;
  private final ExtractionProfile profile;
  private final HadoopFiles files;
  private final LongAccumulator done;

  /**
   * @param runId written to every row
   * @param codeVersion written to every feature row
   * @param profile profile for every task, or null for the IBSI profile of {@link Presets#forModality} of each
   *     task's modality
   */
  public ExtractPartition(String runId, String codeVersion, ExtractionProfile profile) {
    this(runId, codeVersion, profile, HadoopFiles.local(), null);
  }

  /**
   * @param files file-system access for staging remote inputs ({@link HadoopFiles#fromSession} on the driver)
   * @param done accumulator incremented once per processed task, or null
   */
  public ExtractPartition(String runId, String codeVersion, ExtractionProfile profile, HadoopFiles files,
      LongAccumulator done) {
    this.runId = Objects.requireNonNull(runId, "runId");
    this.codeVersion = Objects.requireNonNull(codeVersion, "codeVersion");
    this.profile = profile;
    this.files = Objects.requireNonNull(files, "files");
    this.done = done;
  }

  /** The two outputs of one extraction pass, with exactly the schemas of the tables. */
  public static final class Output {
    private final Dataset<Row> features;
    private final Dataset<Row> quarantine;

    Output(Dataset<Row> features, Dataset<Row> quarantine) {
      this.features = features;
      this.quarantine = quarantine;
    }

    /** Rows of {@link Tables#FEATURES}. */
    public Dataset<Row> features() {
      return features;
    }

    /** Rows of {@link Tables#QUARANTINE}. */
    public Dataset<Row> quarantine() {
      return quarantine;
    }
  }

  /**
   * Runs {@code fn} over {@code tasks}, persists the tagged rows serialized (Kryo; memory and disk) so the
   * extraction runs once for both outputs, and splits them. The caller may {@code unpersist} the result's parent
   * when both outputs are written.
   */
  public static Output run(SparkSession spark, JavaRDD<ExtractionTask> tasks, ExtractPartition fn) {
    JavaRDD<Row> tagged = tasks.mapPartitions(fn).persist(StorageLevel.MEMORY_AND_DISK_SER());
    return split(spark, tagged);
  }

  /** Splits tagged rows ({@link #OUTPUT}) into the features and quarantine DataFrames. */
  public static Output split(SparkSession spark, JavaRDD<Row> tagged) {
    JavaRDD<Row> f = tagged.filter(r -> KIND_FEATURE.equals(r.getString(0))).map(r -> r.getStruct(1));
    JavaRDD<Row> q = tagged.filter(r -> KIND_QUARANTINE.equals(r.getString(0))).map(r -> r.getStruct(2));
    return new Output(longForm(spark.createDataFrame(f, ROI_FEATURES)),
        spark.createDataFrame(q, Tables.QUARANTINE.schema()));
  }

  /**
   * {@link #ROI_FEATURES} rows to {@link Tables#FEATURES} rows: one per array element, the table's columns and types
   * in its order (nullability aside: exploded columns are nullable).
   */
  public static Dataset<Row> longForm(Dataset<Row> roiFeatures) {
    Dataset<Row> exploded = roiFeatures.selectExpr("roi_id", "patient_key", "series_instance_uid", "modality",
        "profile", "params_hash", "run_id", "code_version",
        "inline(arrays_zip(image_type, feature, value, undefined_reason))");
    // the table's column order; generated columns are nullable where the table says NOT NULL (the writers check)
    return exploded.selectExpr(Tables.FEATURES.schema().fieldNames());
  }

  @Override
  public Iterator<Row> call(Iterator<ExtractionTask> tasks) {
    Worker w = new Worker(runId, codeVersion, profile, files);
    LongAccumulator counter = done;
    return new Iterator<Row>() {
      private final ArrayDeque<Row> pending = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && tasks.hasNext()) {
          pending.addAll(w.process(tasks.next()));
          if (counter != null) {
            counter.add(1);
          }
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

  /** Per-partition state: built once on the executor, never serialized. */
  static final class Worker {
    private final String runId;
    private final String codeVersion;
    private final ExtractionProfile override;
    private final HadoopFiles files;
    private final DicomReader reader = new DicomReader();
    private final RoiLoader loader = new RoiLoader(reader);
    private final Map<String, ExtractionProfile> presets = new HashMap<>();
    private final Map<String, String> presetHashes = new HashMap<>();

    Worker(String runId, String codeVersion, ExtractionProfile override, HadoopFiles files) {
      this.runId = runId;
      this.codeVersion = codeVersion;
      this.override = override;
      this.files = files;
    }

    /** Params hash of the task before its header is read: the fixed profile's, or its modality preset's. */
    private String expectedHash(ExtractionTask t) {
      if (override != null) {
        return override.paramsHash();
      }
      return t.modality() == null ? null
          : presetHashes.computeIfAbsent(t.modality(), m -> Profiles.paramsHash(null, m));
    }

    /** Feature rows of one task, or a single quarantine row; never throws (except OutOfMemoryError). */
    List<Row> process(ExtractionTask t) {
      String stage = "read";
      String seriesUid = null;
      String hash = expectedHash(t);
      HadoopFiles.Staged stagedImage = null;
      HadoopFiles.Staged stagedMask = null;
      try {
        Path image;
        Path mask;
        try {
          stagedImage = files.stage(t.imageUri());
          image = stagedImage.path();
        } catch (java.io.IOException e) {
          return List.of(quarantine(t, null, "read", ErrorKind.UNREADABLE_FILE,
              "cannot stage image " + t.imageUri() + ": " + e, hash));
        }
        try {
          stagedMask = files.stage(t.maskUri());
          mask = stagedMask.path();
        } catch (java.io.IOException e) {
          return List.of(quarantine(t, null, "mask", ErrorKind.UNREADABLE_FILE,
              "cannot stage mask " + t.maskUri() + ": " + e, hash));
        }
        RoiLoader.Loaded loaded;
        try {
          loaded = loader.load(image, mask, t.roiSelector());
        } catch (RadiomicsException e) {
          boolean maskStage = !Files.exists(mask) || e.kind() == ErrorKind.ROI_NOT_FOUND
              || e.kind() == ErrorKind.MASK_GRID_MISMATCH;
          return List.of(quarantine(t, null, maskStage ? "mask" : "read", e.kind(), e.getMessage(), hash));
        }
        stage = "extract";
        DicomMetadata first = loaded.firstInstance();
        if (loaded.series() != null) {
          seriesUid = loaded.series().seriesInstanceUid();
        }
        String modality = t.modality() != null ? t.modality()
            : first != null && first.modality() != null ? first.modality() : "UNKNOWN";
        String patientKey = t.patientKey() != null ? t.patientKey()
            : first != null ? first.pseudonymousPatientId() : null;
        ExtractionProfile p = override != null ? override
            : presets.computeIfAbsent(modality.toUpperCase(Locale.ROOT),
                m -> new IbsiProfile(Presets.forModality(m)));
        hash = p.paramsHash();
        ProfileResult r = p.extract(loaded.image(), loaded.mask());
        if (!r.ok()) {
          return List.of(quarantine(t, seriesUid, stage, r.error(), r.message(), hash));
        }
        String series = seriesUid != null ? seriesUid : t.imageUri();
        int n = r.size();
        String[] types = new String[n];
        String[] names = new String[n];
        Double[] values = new Double[n];
        String[] reasons = new String[n];
        int i = 0;
        for (Map.Entry<String, FeatureVector> it : r.byImageType().entrySet()) {
          FeatureVector fv = it.getValue();
          for (Map.Entry<String, Double> e : fv.values().entrySet()) {
            types[i] = it.getKey();
            names[i] = e.getKey();
            values[i] = e.getValue();
            reasons[i] = e.getValue() == null ? fv.undefinedReason(e.getKey()) : null;
            i++;
          }
        }
        if (i != n) {
          throw new IllegalStateException("profile result size " + n + " but " + i + " values");
        }
        Row roi = RowFactory.create(t.roiId(), patientKey, series, modality, p.name(), hash, runId, codeVersion,
            types, names, values, reasons);
        return List.of(RowFactory.create(KIND_FEATURE, roi, null));
      } catch (RadiomicsException e) {
        return List.of(quarantine(t, seriesUid, stage, e.kind(), e.getMessage(), hash));
      } catch (RuntimeException | StackOverflowError e) {
        return List.of(quarantine(t, seriesUid, stage, ErrorKind.INTERNAL_ERROR, String.valueOf(e), hash));
      } finally {
        if (stagedMask != null) {
          stagedMask.close();
        }
        if (stagedImage != null) {
          stagedImage.close();
        }
      }
    }

    private Row quarantine(ExtractionTask t, String seriesUid, String stage, ErrorKind kind, String message,
        String paramsHash) {
      Row q = RowFactory.create(t.imageUri(), seriesUid, t.roiId(), stage, kind.name(),
          message == null ? kind.name() : message, runId, new Timestamp(System.currentTimeMillis()), paramsHash);
      return RowFactory.create(KIND_QUARANTINE, null, q);
    }
  }
}
