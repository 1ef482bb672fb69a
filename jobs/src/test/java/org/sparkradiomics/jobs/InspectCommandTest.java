package org.sparkradiomics.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.dicom.DecodeBenchmark;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.Pseudonymizer;
import org.sparkradiomics.io.ReferenceData;

class InspectCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static List<JsonNode> run(int expectedExit, String... args) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = new InspectCommand(new PrintStream(buf, true, StandardCharsets.UTF_8)).run(args);
    assertEquals(expectedExit, rc);
    List<JsonNode> lines = new ArrayList<>();
    for (String l : buf.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!l.isBlank()) {
        lines.add(JSON.readTree(l));
      }
    }
    return lines;
  }

  private static Path corpus(String rel) {
    Path p = ReferenceData.find("dicom-corpus/" + rel);
    if (p == null && ReferenceData.required()) {
      throw new AssertionError("reference data missing: " + rel);
    }
    assumeTrue(p != null, "reference data not found");
    return p;
  }

  @Test
  void oneLinePerFileAndBadFilesDoNotStopTheOthers() throws Exception {
    Path good = corpus("pydicom/MR_small.dcm");
    Path truncated = corpus("pydicom/MR_truncated.dcm");
    Path text = tmp.resolve("readme.txt");
    Files.writeString(text, "not dicom\n".repeat(50));
    List<JsonNode> lines = run(1, truncated.toString(), text.toString(), good.toString());
    assertEquals(3, lines.size());

    JsonNode t = lines.get(0);
    assertEquals("error", t.get("status").asText());
    assertEquals("CORRUPT_PIXEL_DATA", t.get("error").get("type").asText());
    assertEquals("MR", t.get("metadata").get("modality").asText());

    assertEquals("UNREADABLE_FILE", lines.get(1).get("error").get("type").asText());

    JsonNode g = lines.get(2);
    assertEquals(good.toString(), g.get("source").asText());
    assertEquals("decoded", g.get("status").asText());
    assertEquals(64 * 64, g.get("stats").get("count").asLong());
    assertTrue(g.get("stats").get("min").asDouble() <= g.get("stats").get("mean").asDouble());
    String sha = new DicomReader(Pseudonymizer.fromEnvironmentOrDefault(), false).decode(good).sha256();
    assertEquals(sha, g.get("sha256").asText());
    assertEquals(64, g.get("metadata").get("rows").asInt());
    assertTrue(g.get("metadata").get("pseudonymousPatientId").asText().matches("[0-9a-f]{64}"));
    assertTrue(g.get("metadata").get("studyDate").isNull());
    assertNull(g.get("metadata").get("patientName"));
  }

  @Test
  void folderGivesOneLinePerSeries() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("series"));
    DecodeBenchmark.writeCtSlices(dir, 3, 8, 1L);
    List<JsonNode> lines = run(0, dir.toString());
    assertEquals(1, lines.size());
    JsonNode s = lines.get(0);
    assertEquals("decoded", s.get("status").asText());
    assertEquals(3, s.get("files").asInt());
    assertEquals(8 * 8 * 3, s.get("stats").get("count").asLong());
    assertEquals(-1000.0, s.get("stats").get("min").asDouble(), 0.0);
    assertEquals(64, s.get("sha256").asText().length());
  }

  @Test
  void syntaxTableListsDecodedAndRejected() throws Exception {
    List<JsonNode> lines = run(0, "--syntaxes");
    boolean rle = false;
    boolean jls = false;
    for (JsonNode l : lines) {
      if (l.get("uid").asText().equals("1.2.840.10008.1.2.5")) {
        rle = l.get("decoded").asBoolean();
      }
      if (l.get("uid").asText().equals("1.2.840.10008.1.2.4.80")) {
        jls = !l.get("decoded").asBoolean();
      }
    }
    assertTrue(rle && jls);
  }
}
