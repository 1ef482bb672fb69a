package org.sparkradiomics.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.dicom.Pseudonymizer;

class CohortGeneratorTest {
  @TempDir Path tmp;

  static final Pseudonymizer KEY = new Pseudonymizer("test-key".getBytes(StandardCharsets.UTF_8));

  static CohortConfig small(Path out, int studies, Modality m, long seed) {
    return new CohortConfig(out, studies, m, seed, 1.0, GenerativeRule.DEFAULT, 1, 4, KEY);
  }

  static TreeMap<String, byte[]> allFiles(Path dir) throws IOException {
    TreeMap<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
        out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void sameSeedGivesByteIdenticalCohortWhateverTheThreadCount() throws Exception {
    CohortConfig c = small(tmp.resolve("a"), 8, null, 99);
    CohortGenerator.generate(c);
    CohortGenerator.generate(c.withOut(tmp.resolve("b")).withThreads(3));
    TreeMap<String, byte[]> a = allFiles(tmp.resolve("a"));
    TreeMap<String, byte[]> b = allFiles(tmp.resolve("b"));
    assertEquals(a.keySet(), b.keySet());
    for (String k : a.keySet()) {
      assertArrayEquals(a.get(k), b.get(k), k);
    }
    // 8 studies: 4 modalities x (image files + 1 mask) + 3 top-level files
    assertTrue(a.containsKey("clinical.csv") && a.containsKey("truth.csv") && a.containsKey("truth-rule.properties"));
    CohortGenerator.generate(small(tmp.resolve("c"), 8, null, 100));
    assertNotEquals(new String(a.get("clinical.csv"), StandardCharsets.UTF_8),
        Files.readString(tmp.resolve("c").resolve("clinical.csv")));
  }

  @Test
  void imagesCarryTheLatentRoiMeanAndHeterogeneity() {
    CohortConfig c = small(tmp, 16, null, 5);
    for (int i = 0; i < 16; i++) {
      CohortGenerator.Study s = CohortGenerator.buildStudy(c, i);
      assertTrue(s.roiVoxels() > 0);
      // ROI values are mu + sigma * t with t standardised exactly over the ROI, then rounded to integers:
      // rounding moves every value by at most 0.5, so mean and SD move by at most 0.5.
      assertEquals(s.latentMean(), s.roiMean(), 0.5, s.studyId());
      assertEquals(s.latentHeterogeneity(), s.roiSd(), 0.5, s.studyId());
      assertEquals(s.modality().roiMean(s.zMean()), s.latentMean(), 1e-9);
      assertEquals(s.zHet(), s.modality().zOfHeterogeneity(s.latentHeterogeneity()), 1e-9);
      assertEquals(GenerativeRule.sigmoid(c.rule().eta(s.zMean(), s.zHet(), s.patient().age())), s.probability(),
          1e-15);
      int count = 0;
      for (boolean b : s.mask()) {
        count += b ? 1 : 0;
      }
      assertEquals(s.roiVoxels(), count);
    }
  }

  @Test
  void bothMaskKindsAndBothCtEncodingsOccur() {
    CohortConfig c = small(tmp, 8, Modality.CT, 1);
    Set<CohortGenerator.MaskKind> kinds = EnumSet.noneOf(CohortGenerator.MaskKind.class);
    Set<Double> intercepts = new java.util.HashSet<>();
    for (int i = 0; i < 8; i++) {
      CohortGenerator.Study s = CohortGenerator.buildStudy(c, i);
      kinds.add(s.maskKind());
      intercepts.add(s.series().rescaleIntercept());
    }
    assertEquals(EnumSet.allOf(CohortGenerator.MaskKind.class), kinds);
    assertEquals(Set.of(-1024.0, 0.0), intercepts);
    CohortConfig mixed = small(tmp, 8, null, 1);
    for (Modality m : Modality.values()) {
      Set<CohortGenerator.MaskKind> k = EnumSet.noneOf(CohortGenerator.MaskKind.class);
      for (int i = 0; i < 8; i++) {
        if (mixed.modalityOf(i) == m) {
          k.add(CohortGenerator.buildStudy(mixed, i).maskKind());
        }
      }
      assertEquals(EnumSet.allOf(CohortGenerator.MaskKind.class), k, m.name());
    }
  }

  @Test
  void clinicalCsvHasPseudonymsAgesAndLabelsConsistentWithHeadersAndTruth() throws Exception {
    CohortConfig c = small(tmp, 6, Modality.DX, 17).withPatientsPerStudy(0.5);
    CohortGenerator.Summary sum = CohortGenerator.generate(c);
    assertEquals(3, sum.patients());
    List<String> clinical = Files.readAllLines(tmp.resolve("clinical.csv"));
    List<String> truth = Files.readAllLines(tmp.resolve("truth.csv"));
    assertEquals(CohortGenerator.CLINICAL_HEADER, clinical.get(0));
    assertEquals(CohortGenerator.TRUTH_HEADER, truth.get(0));
    assertEquals(7, clinical.size());
    assertEquals(7, truth.size());
    List<String> pids = new ArrayList<>();
    int positives = 0;
    DateTimeFormatter da = DateTimeFormatter.BASIC_ISO_DATE;
    for (int i = 0; i < 6; i++) {
      CohortGenerator.Study s = CohortGenerator.buildStudy(c, i);
      String[] row = clinical.get(i + 1).split(",");
      String[] t = truth.get(i + 1).split(",");
      assertEquals(KEY.pseudonym(s.header().patientId()), row[0]);
      assertEquals(64, row[0].length());
      // no PHI from the DICOM headers in either table
      for (String line : new String[] {clinical.get(i + 1), truth.get(i + 1)}) {
        assertTrue(!line.contains(s.header().patientId()) && !line.contains(s.header().patientName())
            && !line.contains(s.header().accessionNumber()), line);
        assertTrue(List.of(line.split(",")).stream().noneMatch(
            v -> v.equals(s.header().birthDate()) || v.equals(s.header().studyDate())), line);
      }
      assertEquals(s.studyId(), row[1]);
      assertEquals(s.header().studyInstanceUid(), row[2]);
      int age = Integer.parseInt(row[3]);
      // age in the CSV is the age on the study date computed from the DICOM birth date
      assertEquals(Period.between(LocalDate.parse(s.header().birthDate(), da),
          LocalDate.parse(s.header().studyDate(), da)).getYears(), age);
      assertEquals(String.format("%03dY", age), s.header().patientAge());
      assertEquals(s.label(), Integer.parseInt(row[7]));
      assertEquals(row[7], t[16]);
      assertEquals(row[0], t[2]);
      assertTrue(Files.isRegularFile(tmp.resolve(s.studyId()).resolve("image").resolve("IM0000.dcm")));
      assertTrue(Files.isRegularFile(tmp.resolve(s.studyId()).resolve("mask")
          .resolve(s.maskKind() == CohortGenerator.MaskKind.SEG ? "seg.dcm" : "rtstruct.dcm")));
      pids.add(row[0]);
      positives += s.label();
    }
    assertEquals(positives, sum.positives());
    // two consecutive studies per patient, different dates, same age
    assertEquals(pids.get(0), pids.get(1));
    assertEquals(pids.get(2), pids.get(3));
    assertNotEquals(pids.get(1), pids.get(2));
    assertNotEquals(CohortGenerator.buildStudy(c, 0).header().studyDate(),
        CohortGenerator.buildStudy(c, 1).header().studyDate());
  }

  /** Mann-Whitney AUC of scores against 0/1 labels (ties count one half); O(n^2), fine for a few hundred. */
  static double empiricalAuc(double[] score, int[] label) {
    double num = 0;
    long pairs = 0;
    for (int i = 0; i < score.length; i++) {
      for (int j = 0; j < score.length; j++) {
        if (label[i] == 1 && label[j] == 0) {
          num += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
          pairs++;
        }
      }
    }
    return num / pairs;
  }

  @Test
  void truthIsRecoverableFromTheImagesAndAge() {
    // 400 small DX studies: the rule evaluated on what the image and the CSV carry (ROI mean and SD measured on the
    // written pixels, age) ranks the labels as well as the latent eta, and both land near the Bayes AUC.
    int n = 400;
    CohortConfig c = small(tmp, n, Modality.DX, 2025).withShrink(8);
    double[] eta = new double[n];
    double[] etaFromImage = new double[n];
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      CohortGenerator.Study s = CohortGenerator.buildStudy(c, i);
      eta[i] = s.eta();
      etaFromImage[i] = c.rule().eta(s.modality().zOfMean(s.roiMean()),
          s.modality().zOfHeterogeneity(s.roiSd()), s.patient().age());
      label[i] = s.label();
    }
    double bayes = c.rule().bayesAuc();
    double aucLatent = empiricalAuc(eta, label);
    double aucImage = empiricalAuc(etaFromImage, label);
    assertEquals(aucLatent, aucImage, 0.005);
    // the empirical AUC of n = 400 has a standard error of about 0.02
    assertEquals(bayes, aucLatent, 0.06);
  }

  @Test
  void uidsAreValidAndDistinct() {
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      String u = Seeds.uid(42, "sop", i, 0);
      assertTrue(u.matches("2\\.25\\.[1-9][0-9]*") && u.length() <= 64, u);
      assertTrue(seen.add(u));
    }
    assertEquals(Seeds.uid(42, "sop", 3, 0), Seeds.uid(42, "sop", 3, 0));
    assertNotEquals(Seeds.uid(42, "sop", 3, 0), Seeds.uid(43, "sop", 3, 0));
  }
}
