package org.sparkradiomics.modeling;

import org.apache.spark.sql.SparkSession;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.sparkradiomics.spark.KryoRegistration;
import org.sparkradiomics.spark.SharedSpark;

/**
 * The test session for the modelling tests: SharedSpark's settings (local[2], Kryo with our registrator), with two
 * deliberate differences; SharedSpark.get() afterwards returns this same session.
 * <ul>
 *   <li>{@code spark.kryo.registrationRequired=false}. Spark MLlib itself ships unregistered internals through Kryo
 *       (task results of Summarizer/StandardScaler/LogisticRegression: {@code SummarizerBuffer} and its
 *       {@code SummaryBuilderImpl$ComputeMean$}... metric objects; {@code mllib.linalg.Vector[]} in
 *       {@code Correlation.corr}; {@code Row[]} in the evaluator path), so a required-registration session cannot run
 *       MLlib. None of our modelling classes crosses a shuffle: fitted state is held in Params on the driver and the
 *       ComBat UDF closure is Java-serialised.
 *   <li>the JUL-to-SLF4J bridge is removed before Spark starts. On this machine the Debian PixelMed jar's manifest
 *       Class-Path puts /usr/share/java/slf4j-api (1.7) and slf4j-jdk14 (SLF4J to JUL) on the classpath right after
 *       PixelMed, ahead of Spark's SLF4J 2 + log4j2; Spark's Logging object installs jul-to-slf4j (JUL to SLF4J), so
 *       Spark's first log line loops JUL -&gt; SLF4J -&gt; JUL until StackOverflowError.
 * </ul>
 */
final class TestSpark {
  private TestSpark() {}

  static synchronized SparkSession get() {
    org.apache.spark.internal.Logging$.MODULE$.hashCode();
    if (SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.uninstall();
    }
    SparkSession.builder()
        .master("local[2]")
        .appName("spark-radiomics-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrationRequired", "false")
        .config("spark.kryo.registrator", KryoRegistration.class.getName())
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    return SharedSpark.get();
  }
}
