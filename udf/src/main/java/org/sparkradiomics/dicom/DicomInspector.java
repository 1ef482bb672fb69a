package org.sparkradiomics.dicom;

import com.pixelmed.dicom.AttributeList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Volume;

/**
 * What {@code radiomics inspect} reports for a file or a folder. For a file: its metadata, and either the decode
 * status with statistics of the real-world values (rescaled per frame, MONOCHROME1 inverted, luminance for colour:
 * the values a {@link Volume} would hold) and the SHA-256 of the stored values ({@link DecodedFrames#sha256()}), or
 * the typed error. For a folder: one result per image series (statistics over the assembled volume, SHA-256 over the
 * stored values of its files in slice order, each file's frames in file order) and one per unreadable file. A
 * failure never stops the other files or series.
 */
public final class DicomInspector {
  private final DicomReader reader;

  public DicomInspector(DicomReader reader) {
    this.reader = reader;
  }

  /** One inspected source. */
  public static final class Result {
    private final String source;
    private final DicomMetadata metadata;
    private final int files;
    private final String sha256;
    private final double[] stats;
    private final long count;
    private final ErrorKind errorKind;
    private final String errorMessage;

    Result(String source, DicomMetadata metadata, int files, String sha256, double[] stats, long count,
        ErrorKind errorKind, String errorMessage) {
      this.source = source;
      this.metadata = metadata;
      this.files = files;
      this.sha256 = sha256;
      this.stats = stats;
      this.count = count;
      this.errorKind = errorKind;
      this.errorMessage = errorMessage;
    }

    public String source() {
      return source;
    }

    public DicomMetadata metadata() {
      return metadata;
    }

    public boolean decoded() {
      return errorKind == null;
    }

    public ErrorKind errorKind() {
      return errorKind;
    }

    public String errorMessage() {
      return errorMessage;
    }

    public String sha256() {
      return sha256;
    }

    /** min, max, mean of the real-world values, or null on error. */
    public double[] stats() {
      return stats == null ? null : stats.clone();
    }

    public long count() {
      return count;
    }

    /** Ordered, JSON-friendly view: source, files, metadata, status, stats + sha256 or error {type, message}. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", source);
      if (files > 1) {
        m.put("files", files);
      }
      m.put("metadata", metadata == null ? null : metadata.toMap());
      m.put("status", decoded() ? "decoded" : "error");
      if (decoded()) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("min", stats[0]);
        s.put("max", stats[1]);
        s.put("mean", stats[2]);
        s.put("count", count);
        m.put("stats", s);
        m.put("sha256", sha256);
      } else {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", errorKind.name());
        e.put("message", errorMessage);
        m.put("error", e);
      }
      return m;
    }
  }

  private static Result error(String source, DicomMetadata m, int files, Throwable t) {
    if (t instanceof RadiomicsException) {
      RadiomicsException r = (RadiomicsException) t;
      return new Result(source, m, files, null, null, 0, r.kind(), r.getMessage());
    }
    return new Result(source, m, files, null, null, 0, ErrorKind.INTERNAL_ERROR, String.valueOf(t));
  }

  /** Inspects a file, or every series and unreadable file of a folder. */
  public List<Result> inspect(Path path) {
    if (Files.isDirectory(path)) {
      return inspectFolder(path);
    }
    List<Result> r = new ArrayList<>();
    r.add(inspectFile(path));
    return r;
  }

  public Result inspectFile(Path path) {
    String source = path.toString();
    DicomMetadata m = null;
    try {
      AttributeList l = DicomReader.readList(path, false);
      m = reader.metadata(l);
      DecodedFrames d = DicomReader.decode(l, source);
      List<FrameGeometry> geo = FrameGeometry.of(l, d.frames());
      double[] acc = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0};
      long n = 0;
      for (int f = 0; f < d.frames(); f++) {
        float[][] ch = DicomReader.toChannels(d, f);
        float[] vals = ch == null ? DicomReader.toScalar(d, f, geo.get(f)) : DicomReader.luminance(ch);
        n += accumulate(acc, vals);
      }
      return new Result(source, m, 1, d.sha256(), finish(acc, n), n, null, null);
    } catch (RuntimeException | StackOverflowError e) {
      return error(source, m, 1, e);
    }
  }

  private static long accumulate(double[] acc, float[] vals) {
    for (float v : vals) {
      acc[0] = Math.min(acc[0], v);
      acc[1] = Math.max(acc[1], v);
      acc[2] += v;
    }
    return vals.length;
  }

  private static double[] finish(double[] acc, long n) {
    return new double[] {acc[0], acc[1], n == 0 ? Double.NaN : acc[2] / n};
  }

  public List<Result> inspectFolder(Path dir) {
    List<Result> out = new ArrayList<>();
    DicomReader.FolderScan scan;
    try {
      scan = reader.scanFolder(dir);
    } catch (RuntimeException e) {
      out.add(error(dir.toString(), null, 0, e));
      return out;
    }
    for (Map.Entry<String, List<Path>> e : scan.series().entrySet()) {
      List<Path> files = e.getValue();
      String source = dir + " series " + e.getKey();
      DicomMetadata first = null;
      try {
        first = reader.readHeader(files.get(0));
        DicomSeries s = reader.readSeries(files);
        first = s.metadata().get(0);
        Map<String, Path> bySop = new HashMap<>();
        for (Path p : files) {
          bySop.put(reader.readHeader(p).sopInstanceUid(), p);
        }
        MessageDigest md = DecodedFrames.newSha256();
        for (DicomMetadata m : s.metadata()) {
          reader.decode(bySop.get(m.sopInstanceUid())).updateDigest(md);
        }
        double[] acc = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0};
        long n = accumulate(acc, s.volume().data());
        out.add(new Result(source, first, files.size(), DecodedFrames.hex(md.digest()), finish(acc, n), n, null,
            null));
      } catch (RuntimeException | StackOverflowError ex) {
        out.add(error(source, first, files.size(), ex));
      }
    }
    for (Map.Entry<Path, RadiomicsException> e : scan.failures().entrySet()) {
      out.add(error(e.getKey().toString(), null, 1, e.getValue()));
    }
    return out;
  }
}
