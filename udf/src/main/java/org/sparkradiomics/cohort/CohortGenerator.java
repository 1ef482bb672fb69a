package org.sparkradiomics.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sparkradiomics.dicom.DicomWriter;
import org.sparkradiomics.dicom.RtStructWriter;
import org.sparkradiomics.dicom.SegWriter;

/**
 * Generates a synthetic radiomics cohort as real DICOM files plus a clinical CSV and the ground truth.
 *
 * <p>Layout under {@code out}:
 * <pre>
 *   &lt;studyId&gt;/image/IM0000.dcm ...   one file per slice (CT, MR: 3D series; DX, US: one 2D image)
 *   &lt;studyId&gt;/mask/seg.dcm           DICOM SEG (BINARY; every slice, or only slices with ROI voxels) or
 *   &lt;studyId&gt;/mask/rtstruct.dcm      RTSTRUCT with voxel-edge CLOSED_PLANAR contours
 *   clinical.csv                        patient_id (pseudonym), study_id, study_instance_uid, age, sex, bmi, site, label
 *   truth.csv                           per-study latent values, realised ROI statistics, eta, probability, label
 *   truth-rule.properties               rule coefficients and the Bayes-optimal AUC
 * </pre>
 * Study {@code i} (0-based) is {@code S%06d} of {@code i + 1}; its mask is a SEG when {@code (i + i/4)} is even and
 * an RTSTRUCT otherwise, so both kinds occur for every modality, also in MIXED cohorts. CT studies alternate between
 * RescaleIntercept -1024 (stored = HU + 1024) and stored signed HU (intercept 0): intercept -1024 when
 * {@code (i/2 + i/4)} is even. See docs/cohort-generator.md for the generative rule.
 *
 * <p>Everything derives from the seed through {@link Seeds}: no clock, no thread-order dependence; the same config
 * writes byte-identical files whatever the thread count.
 */
public final class CohortGenerator {
  private CohortGenerator() {}

  /** Which DICOM object carries the study's mask. */
  public enum MaskKind {
    SEG,
    RTSTRUCT
  }

  /** A synthetic patient (PHI-like header values included: they must never reach a table). */
  public record Patient(int index, String patientId, String patientName, String birthDate, String sex, int age,
      double bmi, String site, LocalDate firstStudyDate, int studyGapDays, int firstStudy) {}

  /** One generated study, in memory. */
  public record Study(int index, String studyId, Modality modality, MaskKind maskKind, Patient patient,
      DicomWriter.PatientStudy header, DicomWriter.ImageSeries series, boolean[] mask, double zMean, double zHet,
      double latentMean, double latentHeterogeneity, int roiVoxels, double roiMean, double roiSd, double eta,
      double probability, int label) {}

  /** What {@link #generate} did. */
  public record Summary(int studies, int patients, int positives, long bytes, double seconds, double bayesAuc) {
    public double studiesPerSecond() {
      return studies / seconds;
    }
  }

  private static final String[] SURNAMES = {
    "Quillfeather", "Marrowby", "Tannhold", "Oakridge", "Pellworth", "Brindlecombe", "Hasketh", "Vornay",
    "Calloway", "Drummet", "Fenwright", "Gorsedge", "Hollinrake", "Ixworth", "Jessop", "Kettleby"
  };
  private static final String[] GIVEN = {
    "Alba", "Bram", "Cleo", "Dorian", "Elska", "Fintan", "Greta", "Hollis", "Ines", "Jory", "Kaia", "Lorcan",
    "Mabyn", "Nils", "Orla", "Pim"
  };
  private static final String[] SITES = {"SITE_A", "SITE_B", "SITE_C", "SITE_D"};
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
  private static final LocalDate FIRST_DAY = LocalDate.of(2016, 1, 4);

  /** Index of the first study of patient {@code p}: the smallest i with {@code floor(i * P / N) == p}. */
  static int firstStudyOf(CohortConfig c, int p) {
    long n = c.studies();
    long pp = c.patients();
    return (int) ((p * n + pp - 1) / pp);
  }

  /** Patient of study {@code i}: {@code floor(i * P / N)}. */
  static int patientOf(CohortConfig c, int i) {
    return (int) ((long) i * c.patients() / c.studies());
  }

  /** Draws patient {@code p}. */
  public static Patient patient(CohortConfig c, int p) {
    SplittableRandom rng = Seeds.stream(c.seed(), "patient", p, 0);
    int age = GenerativeRule.sampleAge(rng);
    String sex = rng.nextBoolean() ? "F" : "M";
    double bmi = Math.max(16, Math.min(50, 27 + 4.5 * rng.nextGaussian()));
    bmi = Math.round(bmi * 10) / 10.0;
    String site = SITES[rng.nextInt(SITES.length)];
    String name = SURNAMES[rng.nextInt(SURNAMES.length)].toUpperCase(Locale.ROOT) + "^"
        + GIVEN[rng.nextInt(GIVEN.length)].toUpperCase(Locale.ROOT);
    int first = firstStudyOf(c, p);
    int count = firstStudyOf(c, p + 1) - first;
    int gap = count > 1 ? Math.max(1, Math.min(14, 300 / (count - 1))) : 0;
    LocalDate firstDate = FIRST_DAY.plusDays(rng.nextInt(2900));
    // All studies of the patient fall in the same year of age: the age-th birthday is d days before the first
    // study and the last study is gap*(count-1) <= 300 days after it.
    int d = rng.nextInt(Math.max(1, 364 - gap * (count - 1)));
    LocalDate birthday = firstDate.minusDays(d);
    if (birthday.getMonth() == Month.FEBRUARY && birthday.getDayOfMonth() == 29) {
      birthday = birthday.minusDays(1);
    }
    LocalDate birth = birthday.minusYears(age);
    String hex = Long.toHexString(Seeds.streamSeed(c.seed(), "patient-id", 0, 0) & 0xFFFF);
    String id = String.format(Locale.ROOT, "SYN-%4s-%07d", hex, p).replace(' ', '0');
    return new Patient(p, id, name, birth.format(DA), sex, age, bmi, site, firstDate, gap, first);
  }

  /** Draws study {@code i} completely (pixels, mask, headers, latent values, label) without writing it. */
  public static Study buildStudy(CohortConfig c, int i) {
    Modality m = c.modalityOf(i);
    MaskKind kind = (i + i / 4) % 2 == 0 ? MaskKind.SEG : MaskKind.RTSTRUCT;
    boolean ctIntercept = ((i / 2) + (i / 4)) % 2 == 0;
    Patient pt = patient(c, patientOf(c, i));
    SplittableRandom rng = Seeds.stream(c.seed(), "study", i, 0);
    double zMean = rng.nextGaussian();
    double zHet = rng.nextGaussian();
    double mu = m.roiMean(zMean);
    double sigma = m.roiHeterogeneity(zHet);
    int nx = Math.max(8, m.nx / c.shrink());
    int ny = Math.max(8, m.ny / c.shrink());
    int nz = m.nz == 1 ? 1 : Math.max(3, m.nz / c.shrink());
    int table = rng.nextInt(41) - 20;
    int minutes = rng.nextInt(10 * 60);
    StudySynthesizer.Result px = StudySynthesizer.synthesize(m, nx, ny, nz, rng, mu, sigma, ctIntercept);

    double eta = c.rule().eta(zMean, zHet, pt.age());
    double prob = GenerativeRule.sigmoid(eta);
    int label = Seeds.stream(c.seed(), "label", i, 0).nextDouble() < prob ? 1 : 0;

    String studyId = String.format(Locale.ROOT, "S%06d", i + 1);
    LocalDate date = pt.firstStudyDate().plusDays((long) pt.studyGapDays() * (i - pt.firstStudy()));
    int years = Period.between(LocalDate.parse(pt.birthDate(), DA), date).getYears();
    if (years != pt.age()) {
      throw new IllegalStateException("age bookkeeping broke for " + studyId + ": " + years + " != " + pt.age());
    }
    String time = String.format(Locale.ROOT, "%02d%02d%02d", 8 + minutes / 60, minutes % 60, (i * 7) % 60);
    String accession = String.format(Locale.ROOT, "A%09d",
        Math.floorMod(Seeds.streamSeed(c.seed(), "accession", i, 0), 1_000_000_000L));
    DicomWriter.PatientStudy header = new DicomWriter.PatientStudy(pt.patientId(), pt.patientName(),
        pt.birthDate(), pt.sex(), String.format(Locale.ROOT, "%03dY", pt.age()),
        Seeds.uid(c.seed(), "study", i, 0), studyId, date.format(DA), time, accession,
        "Synthetic " + m.dicomModality + " study");

    String[] sops = new String[nz];
    for (int z = 0; z < nz; z++) {
      sops[z] = Seeds.uid(c.seed(), "sop", i, z);
    }
    double[] spacing = {m.sx, m.sy, m.sz};
    double[] origin = {-(nx - 1) / 2.0 * m.sx, -(ny - 1) / 2.0 * m.sy,
        nz > 1 ? -(nz - 1) / 2.0 * m.sz + table * m.sz : 0};
    for (int k = 0; k < 3; k++) {
      // snap to the decimal string written as ImagePositionPatient, so the origin read back is this very double
      origin[k] = Double.parseDouble(DicomWriter.ds(origin[k]));
    }
    DicomWriter.PixelFormat fmt = switch (m) {
      case CT -> DicomWriter.PixelFormat.INT16;
      case US -> DicomWriter.PixelFormat.RGB8;
      default -> DicomWriter.PixelFormat.UINT16;
    };
    double slope = (m == Modality.CT || m == Modality.DX) ? 1 : Double.NaN;
    String rescaleType = m == Modality.CT ? "HU" : m == Modality.DX ? "US" : null;
    double wc = switch (m) {
      case CT -> 40;
      case DX -> 30000;
      case MR -> 500;
      default -> Double.NaN;
    };
    double ww = switch (m) {
      case CT -> 400;
      case DX -> 40000;
      case MR -> 1000;
      default -> Double.NaN;
    };
    DicomWriter.ImageSeries series = new DicomWriter.ImageSeries(m.dicomModality, m.sopClassUid,
        Seeds.uid(c.seed(), "series", i, 0), Seeds.uid(c.seed(), "frame-of-reference", i, 0), sops, 1,
        "Synthetic " + m.dicomModality + " image", nx, ny, nz, spacing, origin, org.sparkradiomics.image.Volume
            .identity(), fmt, px.stored16(), px.rgb(), fmt == DicomWriter.PixelFormat.RGB8 ? 8 : 16, slope,
        px.rescaleIntercept(), rescaleType, wc, ww,
        m == Modality.DX ? "HIP" : m == Modality.US ? "ABDOMEN" : "CHEST");
    return new Study(i, studyId, m, kind, pt, header, series, px.mask(), zMean, zHet, mu, sigma, px.roiVoxels(),
        px.roiMean(), px.roiSd(), eta, prob, label);
  }

  /**
   * Whether the SEG of study {@code i} leaves out frames without ROI voxels (as highdicom and dcmqi do) instead of
   * encoding every slice: decided per study by a bit of the seed stream, so cohorts hold both forms.
   */
  public static boolean sparseSeg(long seed, int i) {
    return (Seeds.streamSeed(seed, "seg-sparse", i, 0) & 1) == 1;
  }

  /** Writes the DICOM files of one study under {@code out/<studyId>/}; returns the bytes written. */
  public static long writeStudy(Path out, Study s, long seed) throws IOException {
    Path dir = out.resolve(s.studyId());
    long bytes = 0;
    for (Path f : DicomWriter.writeSeries(dir.resolve("image"), "IM", s.header(), s.series())) {
      bytes += Files.size(f);
    }
    Path maskFile;
    if (s.maskKind() == MaskKind.SEG) {
      maskFile = SegWriter.write(dir.resolve("mask").resolve("seg.dcm"), s.header(), s.series(),
          new SegWriter.SegSpec(Seeds.uid(seed, "mask-series", s.index(), 0),
              Seeds.uid(seed, "mask-sop", s.index(), 0), Seeds.uid(seed, "dimension-organization", s.index(), 0),
              100, "lesion", sparseSeg(seed, s.index())),
          s.mask());
    } else {
      maskFile = RtStructWriter.write(dir.resolve("mask").resolve("rtstruct.dcm"), s.header(), s.series(),
          new RtStructWriter.RtSpec(Seeds.uid(seed, "mask-series", s.index(), 0),
              Seeds.uid(seed, "mask-sop", s.index(), 0), 100, "lesion"),
          s.mask());
    }
    return bytes + Files.size(maskFile);
  }

  static final String CLINICAL_HEADER = "patient_id,study_id,study_instance_uid,age,sex,bmi,site,label";
  static final String TRUTH_HEADER = "study_id,study_instance_uid,patient_id,modality,mask_kind,rescale_intercept,"
      + "z_mean,z_heterogeneity,z_age,latent_mean,latent_heterogeneity,roi_voxels,roi_mean,roi_sd,eta,probability,"
      + "label";

  private record Rows(String clinical, String truth, int label, long bytes) {}

  /** Generates and writes the whole cohort. */
  public static Summary generate(CohortConfig c) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Files.createDirectories(c.out());
    ExecutorService pool = Executors.newFixedThreadPool(c.threads(), r -> {
      Thread t = new Thread(r, "cohort-worker");
      t.setDaemon(true);
      return t;
    });
    List<Future<Rows>> futures = new ArrayList<>(c.studies());
    try {
      for (int i = 0; i < c.studies(); i++) {
        final int idx = i;
        futures.add(pool.submit(() -> {
          Study s = buildStudy(c, idx);
          long bytes = writeStudy(c.out(), s, c.seed());
          return rows(c, s, bytes);
        }));
      }
      StringBuilder clinical = new StringBuilder(CLINICAL_HEADER).append('\n');
      StringBuilder truth = new StringBuilder(TRUTH_HEADER).append('\n');
      int positives = 0;
      long bytes = 0;
      for (Future<Rows> f : futures) {
        Rows r;
        try {
          r = f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof IOException io) {
            throw io;
          }
          if (cause instanceof UncheckedIOException uio) {
            throw uio.getCause();
          }
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(cause);
        }
        clinical.append(r.clinical()).append('\n');
        truth.append(r.truth()).append('\n');
        positives += r.label();
        bytes += r.bytes();
      }
      Files.writeString(c.out().resolve("clinical.csv"), clinical, StandardCharsets.UTF_8);
      Files.writeString(c.out().resolve("truth.csv"), truth, StandardCharsets.UTF_8);
      double auc = c.rule().bayesAuc();
      GenerativeRule r = c.rule();
      String props = "# Generative rule of this cohort (see docs/cohort-generator.md)\n"
          + "# eta = b0 + b1*z(mean) + b2*z(heterogeneity) + b3*z(age); label ~ Bernoulli(sigmoid(eta))\n"
          + "b0=" + r.b0() + "\nb1=" + r.b1() + "\nb2=" + r.b2() + "\nb3=" + r.b3() + "\nseed=" + c.seed()
          + "\nstudies=" + c.studies() + "\npatients=" + c.patients()
          + "\nbayes_auc=" + String.format(Locale.ROOT, "%.6f", auc) + "\nbayes_auc_method=monte-carlo 1000000 draws\n";
      Files.writeString(c.out().resolve("truth-rule.properties"), props, StandardCharsets.UTF_8);
      double secs = (System.nanoTime() - t0) / 1e9;
      return new Summary(c.studies(), c.patients(), positives, bytes, secs, auc);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Rows rows(CohortConfig c, Study s, long bytes) {
    String pid = c.pseudonyms().pseudonym(s.patient().patientId());
    String clinical = String.join(",", pid, s.studyId(), s.header().studyInstanceUid(),
        Integer.toString(s.patient().age()), s.patient().sex(),
        String.format(Locale.ROOT, "%.1f", s.patient().bmi()), s.patient().site(), Integer.toString(s.label()));
    String truth = String.join(",", s.studyId(), s.header().studyInstanceUid(), pid, s.modality().name(),
        s.maskKind().name(), fmt(Double.isNaN(s.series().rescaleSlope()) ? 0
            : s.series().rescaleIntercept()), fmt(s.zMean()), fmt(s.zHet()),
        fmt(GenerativeRule.zAge(s.patient().age())), fmt(s.latentMean()), fmt(s.latentHeterogeneity()),
        Integer.toString(s.roiVoxels()), fmt(s.roiMean()), fmt(s.roiSd()), fmt(s.eta()), fmt(s.probability()),
        Integer.toString(s.label()));
    return new Rows(clinical, truth, s.label(), bytes);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
