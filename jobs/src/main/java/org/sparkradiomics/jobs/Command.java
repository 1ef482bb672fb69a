package org.sparkradiomics.jobs;

/** One subcommand of {@code bin/radiomics}. Implementations have a public no-argument constructor. */
public interface Command {
  /** Runs the command; returns the process exit code (0 success, 1 failure, 2 usage error). */
  int run(String[] args) throws Exception;

  /** One-line usage text. */
  String usage();
}
