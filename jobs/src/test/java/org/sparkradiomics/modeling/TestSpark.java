package org.sparkradiomics.modeling;

import org.apache.spark.sql.SparkSession;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.sparkradiomics.spark.SharedSpark;

/**
 * The shared test session, started after removing the JUL-to-SLF4J bridge. On this machine the Debian PixelMed
 * jar's manifest Class-Path puts /usr/share/java/slf4j-api (1.7) and slf4j-jdk14 (SLF4J to JUL) on the classpath
 * right after PixelMed, ahead of Spark's SLF4J 2 + log4j2; Spark's Logging object installs jul-to-slf4j (JUL to
 * SLF4J), so Spark's first log line loops JUL -&gt; SLF4J -&gt; JUL until StackOverflowError. Initialising Spark's
 * Logging object first and then uninstalling the bridge breaks the loop (JUL records then go to JUL only).
 */
final class TestSpark {
  private TestSpark() {}

  static synchronized SparkSession get() {
    org.apache.spark.internal.Logging$.MODULE$.hashCode();
    if (SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.uninstall();
    }
    return SharedSpark.get();
  }
}
