package org.sparkradiomics.modeling;

import java.util.Locale;

/** Which feature sources a model uses: clinical columns, radiomics feature columns, or both. */
public enum ModelType {
  CLINICAL(true, false),
  RADIOMICS(false, true),
  CLINICAL_RADIOMICS(true, true);

  public final boolean clinical;
  public final boolean radiomics;

  ModelType(boolean clinical, boolean radiomics) {
    this.clinical = clinical;
    this.radiomics = radiomics;
  }

  /** Parses {@code clinical | radiomics | clinical-radiomics} (case-insensitive, '_' accepted for '-'). */
  public static ModelType parse(String s) {
    switch (s.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "clinical":
        return CLINICAL;
      case "radiomics":
        return RADIOMICS;
      case "clinical-radiomics":
      case "combined":
        return CLINICAL_RADIOMICS;
      default:
        throw new IllegalArgumentException("model type must be clinical, radiomics or clinical-radiomics, got " + s);
    }
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
