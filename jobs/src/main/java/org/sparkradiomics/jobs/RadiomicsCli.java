package org.sparkradiomics.jobs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of {@code bin/radiomics} and of {@code spark-submit --class org.sparkradiomics.jobs.RadiomicsCli}:
 * {@code radiomics COMMAND [ARGS...]}. Commands are small classes (one per tool) that delegate to engine classes.
 */
public final class RadiomicsCli {
  /** Command name to implementing class; loaded lazily so that a command's dependencies load only when used. */
  static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("inspect", "org.sparkradiomics.jobs.InspectCommand");
    COMMANDS.put("generate-cohort", "org.sparkradiomics.jobs.GenerateCohortCommand");
    COMMANDS.put("ibsi", "org.sparkradiomics.jobs.IbsiCommand");
    COMMANDS.put("bench", "org.sparkradiomics.jobs.BenchCommand");
    COMMANDS.put("train", "org.sparkradiomics.jobs.TrainCommand");
    COMMANDS.put("score", "org.sparkradiomics.jobs.ScoreCommand");
    COMMANDS.put("demo", "org.sparkradiomics.jobs.DemoCommand");
    COMMANDS.put("extract", "org.sparkradiomics.jobs.ExtractCommand");
    COMMANDS.put("index", "org.sparkradiomics.jobs.IndexCommand");
    COMMANDS.put("sql", "org.sparkradiomics.jobs.SqlCommand");
  }

  private RadiomicsCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
      printUsage();
      return args.length == 0 ? 2 : 0;
    }
    Command cmd = lookup(args[0]);
    if (cmd == null) {
      System.err.println("radiomics: unknown command '" + args[0] + "'");
      printUsage();
      return 2;
    }
    try {
      return cmd.run(Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      System.err.println("radiomics " + args[0] + ": " + e.getMessage());
      System.err.println("usage: radiomics " + cmd.usage());
      return 2;
    } catch (Exception e) {
      System.err.println("radiomics " + args[0] + ": " + e);
      e.printStackTrace(System.err);
      return 1;
    }
  }

  static Command lookup(String name) {
    return instantiate(COMMANDS.get(name));
  }

  /** A command by class name, or null when the name is null or the class is absent. */
  static Command instantiate(String cls) {
    if (cls == null) {
      return null;
    }
    try {
      return (Command) Class.forName(cls).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create command " + cls, e);
    }
  }

  static void printUsage() {
    System.err.println("usage: radiomics COMMAND [ARGS...]");
    for (String name : COMMANDS.keySet()) {
      Command c = lookup(name);
      if (c != null) {
        System.err.println("  " + c.usage());
      }
    }
  }
}
