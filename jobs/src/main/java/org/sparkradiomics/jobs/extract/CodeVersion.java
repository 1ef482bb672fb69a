package org.sparkradiomics.jobs.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The spark-radiomics version written to {@code features.code_version}, {@code extraction_runs} and every commit's
 * {@code userMetadata}: the jar manifest's Implementation-Version, else the Maven {@code pom.properties} packaged
 * in the jar, else {@code dev} (running from class folders, e.g. in tests).
 */
public final class CodeVersion {
  private static final String POM = "/META-INF/maven/org.sparkradiomics/spark-radiomics-jobs/pom.properties";
  private static volatile String cached;

  private CodeVersion() {}

  public static String get() {
    String v = cached;
    if (v == null) {
      v = CodeVersion.class.getPackage().getImplementationVersion();
      if (v == null) {
        try (InputStream in = CodeVersion.class.getResourceAsStream(POM)) {
          if (in != null) {
            Properties p = new Properties();
            p.load(in);
            v = p.getProperty("version");
          }
        } catch (IOException e) {
          v = null;
        }
      }
      cached = v = v == null ? "dev" : v;
    }
    return v;
  }
}
