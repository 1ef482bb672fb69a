package org.sparkradiomics.modeling;

import org.apache.spark.sql.SparkSession;

/** Public access to {@link TestSpark} for tests in other packages (TrainCommandTest). */
public final class TestSparkAccess {
  private TestSparkAccess() {}

  public static SparkSession session() {
    return TestSpark.get();
  }
}
