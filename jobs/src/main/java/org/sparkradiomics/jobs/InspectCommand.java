package org.sparkradiomics.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparkradiomics.dicom.DicomInspector;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.Pseudonymizer;
import org.sparkradiomics.dicom.TransferSyntaxSupport;

/**
 * {@code radiomics inspect PATH...}: one JSON line per file, or per series (and per unreadable file) for a folder,
 * with {@code source}, the PHI-free {@code metadata}, {@code status} ({@code decoded} or {@code error}), and either
 * {@code stats} (min, max, mean, count of the rescaled values) plus {@code sha256} of the decoded stored values, or
 * {@code error} ({@code type}, {@code message}). A bad file never stops the others; the exit code is 1 when any
 * source failed. {@code --syntaxes} prints the supported transfer-syntax table instead. Pseudonyms use the key in
 * {@code RADIOMICS_PSEUDONYM_KEY}.
 */
public final class InspectCommand implements Command {
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(SerializationFeature.INDENT_OUTPUT)
      .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private final PrintStream out;

  public InspectCommand() {
    this(System.out);
  }

  InspectCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String usage() {
    return "inspect [--keep-study-date] [--syntaxes] PATH...   one JSON line per DICOM file (per series for a folder)";
  }

  @Override
  public int run(String[] args) throws Exception {
    Args a = new Args(args, Set.of(), Set.of("keep-study-date", "syntaxes"));
    if (a.flag("syntaxes")) {
      for (TransferSyntaxSupport.Entry e : TransferSyntaxSupport.table()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uid", e.uid());
        m.put("name", e.name());
        m.put("decoded", e.decoded());
        m.put("why", e.why());
        println(m);
      }
      return 0;
    }
    if (a.positional().isEmpty()) {
      throw new IllegalArgumentException("give at least one file or folder");
    }
    DicomReader reader = new DicomReader(Pseudonymizer.fromEnvironmentOrDefault(), a.flag("keep-study-date"));
    DicomInspector inspector = new DicomInspector(reader);
    boolean anyError = false;
    for (String p : a.positional()) {
      Path path = Paths.get(p);
      List<DicomInspector.Result> results = inspector.inspect(path);
      for (DicomInspector.Result r : results) {
        anyError |= !r.decoded();
        println(clean(r.toMap()));
      }
    }
    out.flush();
    return anyError ? 1 : 0;
  }

  /** JSON has no NaN/Infinity: write them as null. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> clean(Map<String, Object> m) {
    Map<String, Object> c = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Double && !Double.isFinite((Double) v)) {
        v = null;
      } else if (v instanceof Map) {
        v = clean((Map<String, Object>) v);
      }
      c.put(e.getKey(), v);
    }
    return c;
  }

  private void println(Map<String, Object> m) throws Exception {
    out.write(JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }
}
