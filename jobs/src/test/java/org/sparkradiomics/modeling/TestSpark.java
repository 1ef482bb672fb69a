package org.sparkradiomics.modeling;

import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.spark.KryoRegistration;
import org.sparkradiomics.spark.SharedSpark;

/**
 * The test session for the modelling tests: SharedSpark's settings (local[2], Kryo with our registrator), with one
 * deliberate difference; SharedSpark.get() afterwards returns this same session.
 * <ul>
 *   <li>{@code spark.kryo.registrationRequired=false}. Spark MLlib itself ships unregistered internals through Kryo
 *       (task results of Summarizer/StandardScaler/LogisticRegression: {@code SummarizerBuffer} and its
 *       {@code SummaryBuilderImpl$ComputeMean$}... metric objects; {@code mllib.linalg.Vector[]} in
 *       {@code Correlation.corr}; {@code Row[]} in the evaluator path), so a required-registration session cannot run
 *       MLlib. None of our modelling classes crosses a shuffle: fitted state is held in Params on the driver and the
 *       ComBat UDF closure is Java-serialised.
 * </ul>
 */
final class TestSpark {
  private TestSpark() {}

  static synchronized SparkSession get() {
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
