package org.sparkradiomics.jobs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code radiomics bench NAME [ARGS...]}: dispatches to one benchmark. Benchmarks are {@link Command} classes
 * registered by name in {@link #BENCHES} (loaded lazily, like the top-level commands), so a new one (e.g.
 * {@code bench features}) is one line here plus its class in {@code org.sparkradiomics.jobs.bench}.
 */
public final class BenchCommand implements Command {
  /** Benchmark name to implementing class. */
  static final Map<String, String> BENCHES = new LinkedHashMap<>();

  static {
    BENCHES.put("decode", "org.sparkradiomics.jobs.bench.DecodeBench");
    BENCHES.put("features", "org.sparkradiomics.jobs.bench.FeaturesBench");
    BENCHES.put("modeling", "org.sparkradiomics.jobs.bench.ModelingBench");
    BENCHES.put("filters", "org.sparkradiomics.jobs.bench.FiltersBench");
    BENCHES.put("scale", "org.sparkradiomics.jobs.bench.ScaleBench");
  }

  @Override
  public String usage() {
    return "bench NAME [ARGS...]   benchmarks: " + String.join(", ", available());
  }

  static Command lookup(String name) {
    return RadiomicsCli.instantiate(BENCHES.get(name));
  }

  static java.util.List<String> available() {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (String n : BENCHES.keySet()) {
      if (lookup(n) != null) {
        names.add(n);
      }
    }
    return names;
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("name a benchmark: " + String.join(", ", available()));
    }
    Command b = lookup(args[0]);
    if (b == null) {
      throw new IllegalArgumentException("unknown benchmark '" + args[0] + "'; available: "
          + String.join(", ", available()));
    }
    try {
      return b.run(Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (usage: radiomics bench " + b.usage() + ")", e);
    }
  }
}
