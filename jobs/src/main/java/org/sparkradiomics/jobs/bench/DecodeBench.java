package org.sparkradiomics.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.sparkradiomics.dicom.DecodeBenchmark;
import org.sparkradiomics.jobs.Args;
import org.sparkradiomics.jobs.Command;

/**
 * {@code radiomics bench decode [--slices N] [--size PX] [--passes P] [--warmup W]}: writes N uncompressed 16-bit CT
 * slices (default 100 of 512x512) into a temporary folder, decodes them repeatedly, and prints MB/s of pixel data
 * for PixelMed alone, PixelMed plus widening to int[], and our validated decode, with the overheads.
 */
public final class DecodeBench implements Command {
  private final PrintStream out;

  public DecodeBench() {
    this(System.out);
  }

  DecodeBench(PrintStream out) {
    this.out = out;
  }

  @Override
  public String usage() {
    return "decode [--slices N] [--size PX] [--passes P] [--warmup W]";
  }

  @Override
  public int run(String[] args) throws IOException {
    Args a = new Args(args, Set.of("slices", "size", "passes", "warmup"), Set.of());
    int slices = a.getInt("slices", 100);
    int size = a.getInt("size", 512);
    int passes = a.getInt("passes", 10);
    int warmup = a.getInt("warmup", 3);
    if (slices < 1 || size < 1 || passes < 1 || warmup < 0) {
      throw new IllegalArgumentException("--slices, --size and --passes must be positive");
    }
    Path dir = Files.createTempDirectory("radiomics-bench-decode");
    try {
      List<Path> files = DecodeBenchmark.writeCtSlices(dir, slices, size, 20240101L);
      DecodeBenchmark.Result r = DecodeBenchmark.run(files, warmup, passes);
      out.printf("bench decode: %d uncompressed %dx%d 16-bit CT slices, %.1f MB pixel data per pass, per-file best of %d passes%n",
          slices, size, size, r.pixelBytesPerPass() / 1e6, passes);
      out.printf("  PixelMed alone (parse + raw short[])      %8.1f MB/s%n", r.pixelMedMBps());
      out.printf("  PixelMed + widening to int[] (no checks)  %8.1f MB/s%n", r.pixelMedWidenedMBps());
      out.printf("  validated decode (DicomReader.decode)     %8.1f MB/s%n", r.validatedMBps());
      out.printf("  overhead vs PixelMed alone: %.1f%%; of the checks alone (vs widened): %.1f%%%n",
          r.overheadPercent(), r.validationOverheadPercent());
      return 0;
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
