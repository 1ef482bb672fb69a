package org.sparkradiomics.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;

/**
 * Decode throughput: PixelMed alone (parse the file, fetch the raw 16-bit words) against our validated decode
 * ({@link DicomReader#decode}: the same parse plus header checks, length validation and conversion to sign-extended
 * stored values), and in between PixelMed plus the bare widening of its short[] to the int[] that
 * {@link DecodedFrames} holds, which separates the cost of the representation from the cost of the checks. Throughput is pixel-data megabytes (2 bytes per sample, 10^6 bytes per MB) per second of wall
 * time, summing over the files the fastest of all passes for each file (robust against load bursts on a shared
 * machine); the variants run back to back on each file so that they see the same cache and JIT state.
 */
public final class DecodeBenchmark {
  private DecodeBenchmark() {}

  /** Measured throughput. */
  public static final class Result {
    private final int files;
    private final int passes;
    private final long pixelBytesPerPass;
    private final double pixelMedSeconds;
    private final double widenedSeconds;
    private final double validatedSeconds;

    Result(int files, int passes, long pixelBytesPerPass, double pixelMedSeconds, double widenedSeconds,
        double validatedSeconds) {
      this.files = files;
      this.passes = passes;
      this.pixelBytesPerPass = pixelBytesPerPass;
      this.pixelMedSeconds = pixelMedSeconds;
      this.widenedSeconds = widenedSeconds;
      this.validatedSeconds = validatedSeconds;
    }

    public int files() {
      return files;
    }

    public int passes() {
      return passes;
    }

    public long pixelBytesPerPass() {
      return pixelBytesPerPass;
    }

    /** MB/s of PixelMed alone (per-file best of the passes). */
    public double pixelMedMBps() {
      return pixelBytesPerPass / 1e6 / pixelMedSeconds;
    }

    /** MB/s of PixelMed plus widening the raw words to an int[] (no checks): the cost of the representation. */
    public double pixelMedWidenedMBps() {
      return pixelBytesPerPass / 1e6 / widenedSeconds;
    }

    /** MB/s of the validated decode (per-file best of the passes). */
    public double validatedMBps() {
      return pixelBytesPerPass / 1e6 / validatedSeconds;
    }

    /** Extra time of the validated decode relative to PixelMed alone, in percent. */
    public double overheadPercent() {
      return 100.0 * (validatedSeconds - pixelMedSeconds) / pixelMedSeconds;
    }

    /** Extra time of the checks alone: validated decode relative to PixelMed + int[] widening, in percent. */
    public double validationOverheadPercent() {
      return 100.0 * (validatedSeconds - widenedSeconds) / widenedSeconds;
    }
  }

  /**
   * Writes {@code n} uncompressed (explicit VR little endian) signed 16-bit CT slices of {@code size x size} pixels
   * with a smooth random-looking HU pattern, one series, 1 mm slices.
   */
  public static List<Path> writeCtSlices(Path dir, int n, int size, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SyntheticDicom d = new SyntheticDicom();
    d.rows = size;
    d.columns = size;
    d.pixelSpacing = new double[] {0.7, 0.7};
    d.position = new double[] {-0.35 * size, -0.35 * size, 0};
    List<Path> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      short[] w = new short[size * size];
      for (int i = 0; i < w.length; i++) {
        int x = i % size;
        int y = i / size;
        double r = Math.hypot(x - size / 2.0, y - size / 2.0) / size;
        w[i] = (short) (r > 0.45 ? -1000 : 40 + 60 * Math.sin(x * 0.05 + k) + rnd.nextInt(-20, 21));
      }
      d.words = w;
      Path p = dir.resolve(String.format("ct_%04d.dcm", k));
      d.write(p);
      out.add(p);
      d = d.next(1.0);
      d.rows = size;
      d.columns = size;
    }
    return out;
  }

  /**
   * PixelMed alone: parse and fetch the raw words (optionally widened to int[] without any check); returns a
   * checksum so the JIT cannot drop the work.
   */
  static long pixelMedOnly(Path p, boolean widen) {
    try {
      AttributeList l = new AttributeList();
      l.read(p.toFile());
      Attribute a = l.getPixelData();
      short[] s = a.getShortValues();
      if (widen) {
        int[] o = new int[s.length];
        for (int i = 0; i < o.length; i++) {
          o[i] = s[i];
        }
        return o.length + o[o.length / 2];
      }
      return s.length + s[s.length / 2];
    } catch (DicomException | IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, p + ": " + e, e);
    }
  }

  /** Runs {@code warmup} untimed and {@code passes} timed alternating passes over the files. */
  public static Result run(List<Path> files, int warmup, int passes) {
    DicomReader reader = new DicomReader(new Pseudonymizer(new byte[] {1}), false);
    long bytes = 0;
    for (Path p : files) {
      DicomMetadata m = reader.readHeader(p);
      bytes += 2L * m.rows() * m.columns() * Math.max(1, m.numberOfFrames());
    }
    long sink = 0;
    for (int w = 0; w < warmup; w++) {
      for (Path p : files) {
        sink += pixelMedOnly(p, false);
        sink += pixelMedOnly(p, true);
        sink += reader.decode(p).sampleCount();
      }
    }
    // per file and variant, the fastest of all passes; the three variants run back to back on each file so that a
    // burst of load on a shared machine hits them alike
    int n = files.size();
    long[][] best = new long[3][n];
    for (long[] b : best) {
      java.util.Arrays.fill(b, Long.MAX_VALUE);
    }
    for (int pass = 0; pass < passes; pass++) {
      for (int i = 0; i < n; i++) {
        Path p = files.get(i);
        long t0 = System.nanoTime();
        sink += pixelMedOnly(p, false);
        long t1 = System.nanoTime();
        sink += pixelMedOnly(p, true);
        long t2 = System.nanoTime();
        DecodedFrames d = reader.decode(p);
        sink += d.intValues()[d.sampleCount() / 2];
        long t3 = System.nanoTime();
        best[0][i] = Math.min(best[0][i], t1 - t0);
        best[1][i] = Math.min(best[1][i], t2 - t1);
        best[2][i] = Math.min(best[2][i], t3 - t2);
      }
    }
    double[] sec = new double[3];
    for (int v = 0; v < 3; v++) {
      for (long t : best[v]) {
        sec[v] += t / 1e9;
      }
    }
    double bestPixelMed = sec[0];
    double bestWidened = sec[1];
    double bestOurs = sec[2];
    if (sink == 42) {
      System.err.print("");
    }
    return new Result(files.size(), passes, bytes, bestPixelMed, bestWidened, bestOurs);
  }
}
