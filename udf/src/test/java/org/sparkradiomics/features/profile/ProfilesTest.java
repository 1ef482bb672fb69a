package org.sparkradiomics.features.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.features.Presets;

class ProfilesTest {
  @Test
  void ibsiIsThePerModalityModeWithOneHashPerPreset() {
    assertNull(Profiles.load("ibsi"));
    assertNull(Profiles.load(" IBSI "));
    assertNull(Profiles.load(null));
    Set<String> hashes = new HashSet<>();
    for (String m : new String[] {"CT", "MR", "DX", "US"}) {
      assertEquals(Presets.forModality(m).hash(), Profiles.paramsHash(null, m), m);
      assertEquals(Presets.forModality(m).hash(), Profiles.paramsHash(null, m.toLowerCase()), m);
      hashes.add(Profiles.paramsHash(null, m));
    }
    assertEquals(4, hashes.size(), "every preset has its own hash");
    // DX, CR and MG share a preset
    assertEquals(Profiles.paramsHash(null, "DX"), Profiles.paramsHash(null, "MG"));
    // the run-level hash is SHA-256 of the listing of every preset hash, and differs from each of them
    String run = Profiles.runParamsHash(null);
    assertEquals(64, run.length());
    assertTrue(!hashes.contains(run));
    assertTrue(Profiles.canonicalParams(null).contains("CT=" + Presets.forModality("CT").hash()));
  }

  @Test
  void fixedPresetsAndErrors() {
    ExtractionProfile ct = Profiles.load("ibsi:ct");
    assertEquals("ibsi", ct.name());
    assertEquals(Presets.forModality("CT").hash(), ct.paramsHash());
    assertEquals(ct.paramsHash(), Profiles.paramsHash(ct, "DX"), "a fixed profile ignores the modality");
    assertEquals(ct.paramsHash(), Profiles.runParamsHash(ct));
    assertNotEquals(ct.paramsHash(), Profiles.load("ibsi:US").paramsHash());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profiles.load("ibsi:PET"));
    assertTrue(e.getMessage().contains("PET"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Profiles.load("params.json"));
    assertThrows(IllegalArgumentException.class, () -> Profiles.load("/no/such/params.yaml"));
  }

  @Test
  void yamlGoesToThePyRadiomicsProfile(@TempDir Path tmp) throws Exception {
    Path yaml = tmp.resolve("params.yaml");
    Files.writeString(yaml, "setting:\n  binWidth: 25\nimageType:\n  Original: {}\n");
    boolean present;
    try {
      Class.forName(Profiles.PYRADIOMICS_CLASS);
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    if (present) {
      ExtractionProfile p = Profiles.load(yaml.toString());
      assertNotNull(p);
      assertEquals("pyradiomics", p.name());
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Profiles.load(yaml.toString()));
      assertTrue(e.getMessage().contains(Profiles.PYRADIOMICS_CLASS), e.getMessage());
    }
  }
}
