package org.sparkradiomics.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.sparkradiomics.io.ReferenceData;

/**
 * Test access to ../shared/reference-data: a test skips with a clear message when the data is absent, unless the
 * build sets {@code -Dradiomics.requireReferenceData=true} (as .ci/run does), in which case it fails.
 */
public final class RefData {
  private RefData() {}

  public static Path require(String relative) {
    Path p = ReferenceData.find(relative);
    if (p == null) {
      String msg = "reference data '" + relative + "' not found (looked in -Dradiomics.referenceData, "
          + "$RADIOMICS_REFERENCE_DATA and ../shared/reference-data)";
      if (ReferenceData.required()) {
        fail(msg + " but -Dradiomics.requireReferenceData=true");
      }
      assumeTrue(false, "SKIPPED: " + msg);
    }
    return p;
  }
}
