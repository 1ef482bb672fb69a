package org.sparkradiomics.jobs.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.dicom.DicomMetadata;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.schemas.Tables;

/**
 * {@code rois} rows for a cohort in the generator's layout ({@code DIR/S000001/image/*.dcm},
 * {@code DIR/S000001/mask/seg.dcm | rtstruct.dcm}; see docs/cohort-generator.md), read on the driver from the DICOM
 * headers (no pixel data): the stand-in for the {@code index} job in the demo and the extract tests, for small
 * cohorts only. One ROI per study: the first segment / ROI of its mask ({@code roi_selector} null).
 * {@code roi_id} follows the {@code rois} definition: the first 32 hex digits of SHA-256 of
 * {@code series UID + '|' + mask URI + '|' + selector}.
 */
public final class CohortRois {
  private CohortRois() {}

  /** The studies of {@code cohort} (folders holding {@code image/} and {@code mask/}), sorted. */
  public static List<Path> studies(Path cohort) throws IOException {
    try (Stream<Path> s = Files.list(cohort)) {
      return s.filter(p -> Files.isDirectory(p.resolve("image")) && Files.isDirectory(p.resolve("mask"))).sorted()
          .collect(Collectors.toList());
    }
  }

  /** One {@code rois} row per study of {@code cohort} (see the class comment). */
  public static Dataset<Row> rows(SparkSession spark, Path cohort, String exportId) throws IOException {
    DicomReader reader = new DicomReader();
    List<Row> rows = new ArrayList<>();
    Timestamp now = new Timestamp(System.currentTimeMillis());
    for (Path study : studies(cohort)) {
      rows.add(row(reader, study.resolve("image"), single(study.resolve("mask")), exportId, now));
    }
    return spark.createDataFrame(rows, Tables.ROIS.schema());
  }

  /** The {@code rois} row of one image folder and mask file. */
  public static Row row(DicomReader reader, Path imageDir, Path maskFile, String exportId, Timestamp indexedAt)
      throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(imageDir)) {
      files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    DicomMetadata first = reader.readHeader(files.get(0));
    DicomMetadata mask = reader.readHeader(maskFile);
    String maskUri = maskFile.toUri().toString();
    String series = first.seriesInstanceUid();
    long frames = Math.max(1, first.numberOfFrames());
    long voxels = (long) first.rows() * first.columns() * frames * files.size();
    return RowFactory.create(roiId(series, maskUri, null), series, first.pseudonymousPatientId(), first.modality(),
        imageDir.toUri().toString(), maskUri, mask.modality(), null, null, voxels, exportId, indexedAt);
  }

  static Path single(Path maskDir) throws IOException {
    try (Stream<Path> s = Files.list(maskDir)) {
      List<Path> f = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
      if (f.size() != 1) {
        throw new IOException("expected one mask file in " + maskDir + ", found " + f.size());
      }
      return f.get(0);
    }
  }

  /** First 32 hex digits of SHA-256 of {@code seriesUid|maskUri|selector}. */
  public static String roiId(String seriesUid, String maskUri, String selector) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((seriesUid + "|" + maskUri + "|"
          + (selector == null ? "" : selector)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
