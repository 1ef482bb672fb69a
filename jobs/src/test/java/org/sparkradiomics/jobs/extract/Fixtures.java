package org.sparkradiomics.jobs.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.CohortGenerator;
import org.sparkradiomics.cohort.GenerativeRule;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.Pseudonymizer;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.profile.ProfileResult;
import org.sparkradiomics.features.profile.Profiles;
import org.sparkradiomics.io.RoiLoader;
import org.sparkradiomics.schemas.Tables;
import org.sparkradiomics.spark.HadoopFiles;

/** Tiny generated cohorts and their {@code rois} rows for the extract tests. */
final class Fixtures {
  static final Pseudonymizer KEY = new Pseudonymizer("extract-test-key".getBytes(StandardCharsets.UTF_8));

  private Fixtures() {}

  /** Mixed cohort config (study i: [CT, DX, MR, US][i % 4]), shrink 4 (CT/MR 32x32x4, DX/US 64x64). */
  static CohortConfig config(Path out, int studies, long seed) {
    return new CohortConfig(out, studies, null, seed, 1.0, GenerativeRule.DEFAULT, 1, 4, KEY);
  }

  /** Writes studies {@code from..to-1}; returns them. */
  static List<CohortGenerator.Study> write(CohortConfig c, int from, int to) throws IOException {
    List<CohortGenerator.Study> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      CohortGenerator.Study s = CohortGenerator.buildStudy(c, i);
      CohortGenerator.writeStudy(c.out(), s, c.seed());
      out.add(s);
    }
    return out;
  }

  /** {@code rois} rows of the given study folders (via {@link CohortRois#row}). */
  static Dataset<Row> rois(SparkSession spark, List<Path> studyDirs) throws IOException {
    DicomReader reader = new DicomReader(KEY, false);
    List<Row> rows = new ArrayList<>();
    for (Path d : studyDirs) {
      rows.add(CohortRois.row(reader, d.resolve("image"), CohortRois.single(d.resolve("mask")), "test",
          new Timestamp(0)));
    }
    return spark.createDataFrame(rows, Tables.ROIS.schema());
  }

  /** A {@code rois} row with an explicit id (for broken inputs that reuse another study's series). */
  static Row roi(String roiId, String modality, Path image, Path mask) {
    return RowFactory.create(roiId, "series-of-" + roiId, "pk-" + roiId, modality, image.toUri().toString(),
        mask.toUri().toString(), "SEG", null, null, 4096L, "test", new Timestamp(0));
  }

  /** Features of one ROI extracted in the test JVM (per-modality preset), by image type + "/" + feature. */
  static Map<String, Double> expected(String imageUri, String maskUri, String modality) {
    RoiLoader.Loaded l = new RoiLoader(new DicomReader(KEY, false)).load(HadoopFiles.localPath(imageUri),
        HadoopFiles.localPath(maskUri), null);
    ProfileResult r = Profiles.forRoi(null, modality).extract(l.image(), l.mask());
    if (!r.ok()) {
      throw new IllegalStateException(imageUri + ": " + r.message());
    }
    Map<String, Double> out = new HashMap<>();
    for (Map.Entry<String, FeatureVector> e : r.byImageType().entrySet()) {
      for (Map.Entry<String, Double> f : e.getValue().values().entrySet()) {
        out.put(e.getKey() + "/" + f.getKey(), f.getValue());
      }
    }
    return out;
  }
}
