package org.sparkradiomics.jobs.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.Presets;
import org.sparkradiomics.features.preprocess.Preprocessed;
import org.sparkradiomics.features.preprocess.Preprocessor;
import org.sparkradiomics.filters.FilterSpec;
import org.sparkradiomics.features.profile.IbsiProfile;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.jobs.Args;
import org.sparkradiomics.jobs.Command;

/**
 * {@code radiomics bench filters [--nx N --ny N --nz N] [--radius MM] [--seed S]}: the issue-4 benchmark. A
 * synthetic CT (default 256 x 256 x 100 voxels of 0.8 x 0.8 x 2 mm: air, a body ellipse of soft tissue with fat
 * and bone structures, Gaussian noise of 15 HU) with a spherical-ish lesion ROI of about 40,000 voxels (an
 * ellipsoid of 24 x 24 x 16.6 voxel radii, textured); the IBSI profile with the CT preset (resegmentation [-1000,
 * 3000] HU, FBS 25 HU, 3D texture), every feature family, image types original + LoG sigma 1, 2, 3 mm + the 8
 * level-1 coif1 wavelet sub-bands, mirror boundary, in the calling thread (single thread). Prints the wall time of
 * every image type (the shared preprocessing is timed separately), the total, the voxels each filter ran on (the
 * padded ROI box), and the peak heap: the sum of the peak usages of the heap memory pools, reset before each image
 * type after a GC (an upper bound of the true peak, since pools peak at different times), next to the image's own
 * size and the JVM's -Xmx. Wall and thread CPU time are both printed: on a loaded machine they differ.
 */
public final class FiltersBench implements Command {
  private final PrintStream out;

  public FiltersBench() {
    this(System.out);
  }

  FiltersBench(PrintStream out) {
    this.out = out;
  }

  @Override
  public String usage() {
    return "filters [--nx N] [--ny N] [--nz N] [--radius VOXELS] [--seed S]";
  }

  /** The filters of the benchmark: LoG at 1, 2, 3 mm and the 8 level-1 coif1 sub-bands. */
  static List<FilterSpec> filters() {
    List<FilterSpec> f = new ArrayList<>();
    for (int s = 1; s <= 3; s++) {
      f.add(FilterSpec.parse("log:sigma=" + s + ",truncate=4,mode=mirror"));
    }
    for (String band : new String[] {"LLL", "LLH", "LHL", "LHH", "HLL", "HLH", "HHL", "HHH"}) {
      f.add(FilterSpec.parse("wavelet:family=coif1,level=1,mode=mirror,band=" + band));
    }
    return f;
  }

  /** The synthetic CT: body ellipse, fat, two bone bars, a textured lesion; Gaussian noise; seeded. */
  static Volume syntheticCt(int nx, int ny, int nz, long seed) {
    Random r = new Random(seed);
    float[] v = new float[nx * ny * nz];
    double cx = nx / 2.0;
    double cy = ny / 2.0;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          double ex = (x - cx) / (0.45 * nx);
          double ey = (y - cy) / (0.35 * ny);
          double e = ex * ex + ey * ey;
          double hu;
          if (e > 1) {
            hu = -1000;
          } else if (e > 0.8) {
            hu = -90; // subcutaneous fat
          } else {
            hu = 40 + 10 * Math.sin(x * 0.05) * Math.cos(z * 0.1);
          }
          if (Math.abs(y - cy - 0.2 * ny) < 6 && Math.abs(x - cx) < 0.3 * nx) {
            hu = 700; // a bone bar
          }
          v[x + nx * (y + ny * z)] = (float) Math.rint(hu + 15 * r.nextGaussian());
        }
      }
    }
    return new Volume(nx, ny, nz, v, new double[] {0.8, 0.8, 2.0}, new double[3], Volume.identity());
  }

  /** Lesion ellipsoid (radii rxy, rxy, rz voxels) left of centre, textured; written into {@code img}. */
  static Mask lesion(Volume img, double rxy, double rz) {
    int nx = img.nx();
    int ny = img.ny();
    int nz = img.nz();
    double lx = nx * 0.35;
    double ly = ny * 0.5;
    double lz = nz * 0.5;
    boolean[] m = new boolean[nx * ny * nz];
    float[] d = img.data();
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          double e = Math.pow((x - lx) / rxy, 2) + Math.pow((y - ly) / rxy, 2) + Math.pow((z - lz) / rz, 2);
          if (e <= 1) {
            int i = x + nx * (y + ny * z);
            m[i] = true;
            d[i] += (float) Math.rint(30 + 25 * Math.sin(x * 0.6) * Math.sin(y * 0.45) + 20 * Math.cos(z * 0.9));
          }
        }
      }
    }
    return Mask.onGridOf(img, m);
  }

  @Override
  public int run(String[] args) {
    Args a = new Args(args, Set.of("nx", "ny", "nz", "radius", "seed"), Set.of());
    int nx = a.getInt("nx", 256);
    int ny = a.getInt("ny", 256);
    int nz = a.getInt("nz", 100);
    double rxy = a.get("radius") == null ? 24 : Double.parseDouble(a.get("radius"));
    if (nx < 8 || ny < 8 || nz < 4 || !(rxy > 0)) {
      throw new IllegalArgumentException("--nx/--ny >= 8, --nz >= 4, --radius > 0");
    }
    Volume img = syntheticCt(nx, ny, nz, a.getLong("seed", 7));
    Mask mask = lesion(img, rxy, rxy * 16.6 / 24); // default: 4/3 pi 24^2 16.6 = 40,050 voxels
    FeatureSettings s = Presets.forModality("CT");
    IbsiProfile profile = new IbsiProfile(s, filters());
    long imageBytes = 5L * img.voxelCount(); // float image + boolean mask
    out.printf("bench filters: synthetic CT %dx%dx%d (%.1f MB image + mask), ROI %d voxels, all %d families, "
        + "%d image types, single thread, -Xmx %d MB%n", nx, ny, nz, imageBytes / 1e6, mask.count(),
        FeatureSettings.ALL_FAMILIES.size(), profile.imageTypes().size(),
        Runtime.getRuntime().maxMemory() >> 20);

    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    resetPeaks();
    long t0 = System.nanoTime();
    long c0 = threads.getCurrentThreadCpuTime();
    Preprocessed p = Preprocessor.run(img, mask, s);
    double prepMs = (System.nanoTime() - t0) / 1e6;
    double prepCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
    out.printf("  %-62s %9.1f ms  cpu %9.1f ms  peak heap %7.1f MB%n", "preprocessing (shared)", prepMs, prepCpu,
        peakMb());
    double total = prepMs;
    double totalCpu = prepCpu;
    double maxPeak = 0;
    List<String> types = profile.imageTypes();
    for (int i = 0; i < types.size(); i++) {
      resetPeaks();
      long t = System.nanoTime();
      long c = threads.getCurrentThreadCpuTime();
      FeatureExtractor.Result r = i == 0 ? FeatureExtractor.extract(p, s)
          : FeatureExtractor.extractFiltered(img, p, s, profile.filters().get(i - 1));
      double ms = (System.nanoTime() - t) / 1e6;
      double cpu = (threads.getCurrentThreadCpuTime() - c) / 1e6;
      totalCpu += cpu;
      double peak = peakMb();
      maxPeak = Math.max(maxPeak, peak);
      total += ms;
      Double box = r.features().get("diag_filter_box_voxels");
      out.printf("  %-62s %9.1f ms  cpu %9.1f ms  peak heap %7.1f MB  %s%n", types.get(i), ms, cpu, peak,
          (r.ok() ? "" : "FAILED " + r.message() + " ") + (box == null ? "" : String.format("box %.0f voxels",
              box)));
    }
    out.printf("  %-62s %9.1f ms  cpu %9.1f ms  max peak heap %7.1f MB%n", "total", total, totalCpu, maxPeak);
    return 0;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static double peakMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / 1e6;
  }
}
