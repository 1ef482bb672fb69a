package org.sparkradiomics.modeling.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code model.json}, written by {@code train} next to the saved PipelineModel: what {@code score} needs to rebuild
 * the pipeline's input columns and to label predictions. Clinical indicator columns are named {@code column=level}
 * and are rebuilt from the raw clinical column by that name, so the level list needs no separate storage.
 */
public final class ModelMetadata {
  public String modelId;
  public int version;
  public String modelType;
  public String classifier;
  public String patientCol;
  public String labelCol;
  public String siteCol;
  public List<String> clinicalCols = new ArrayList<>();
  public List<String> radiomicsCols = new ArrayList<>();
  /** Youden threshold of the nested-CV out-of-fold predictions. */
  public double threshold;
  /** Saved PipelineModel, relative to the directory of model.json or absolute. */
  public String pipelinePath = "model";
  public String radScoreSql;
  public String codeVersion;

  public static final String FILE = "model.json";

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(FILE),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this));
  }

  public static ModelMetadata read(Path dir) throws IOException {
    Path f = Files.isDirectory(dir) ? dir.resolve(FILE) : dir;
    if (!Files.exists(f)) {
      throw new IllegalArgumentException("no " + FILE + " in " + dir + " (is it a train output directory?)");
    }
    return new ObjectMapper().readValue(f.toFile(), ModelMetadata.class);
  }

  /** Absolute pipeline location for a model.json in {@code dir}. */
  public String pipelineLocation(Path dir) {
    if (pipelinePath.contains(":") || pipelinePath.startsWith("/")) {
      return pipelinePath;
    }
    return dir.resolve(pipelinePath).toAbsolutePath().toString();
  }
}
