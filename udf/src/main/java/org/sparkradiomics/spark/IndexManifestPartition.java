package org.sparkradiomics.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;

/**
 * The partition function of the {@code index} job for label-map masks given by a manifest CSV
 * ({@code image,mask[,label][,patient_key][,modality]}): one {@link Entry} per manifest line. On the executor it
 * reads the <em>headers</em> of the NIfTI-1 / NRRD image and mask (staged when remote; the voxel data is never read),
 * checks that the mask has the image's grid size, and emits one {@value #KIND_LABELMAP} row (image size and spacing
 * for the {@code series} row, mask and label for the {@code rois} row) or one {@value #KIND_QUARANTINE} row with a
 * typed reason. When the image is a DICOM series folder only the mask header is read; the job links the mask to the
 * indexed series whose {@code image_uri} is that folder.
 */
public final class IndexManifestPartition implements FlatMapFunction<Iterator<IndexManifestPartition.Entry>, Row> {
  private static final long serialVersionUID = 1L;

  public static final String KIND_LABELMAP = "labelmap";
  public static final String KIND_QUARANTINE = "quarantine";

  public static final StructType OUTPUT = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("line", DataTypes.IntegerType, false)
      .add("image_uri", DataTypes.StringType, false)
      .add("mask_uri", DataTypes.StringType, false)
      .add("label", DataTypes.StringType, true)
      .add("patient_key", DataTypes.StringType, true)
      .add("modality", DataTypes.StringType, true)
      .add("image_dicom", DataTypes.BooleanType, false)
      .add("rows", DataTypes.IntegerType, true)
      .add("columns", DataTypes.IntegerType, true)
      .add("frames", DataTypes.IntegerType, true)
      .add("pixel_spacing_row", DataTypes.DoubleType, true)
      .add("pixel_spacing_col", DataTypes.DoubleType, true)
      .add("slice_thickness", DataTypes.DoubleType, true)
      .add("image_bytes", DataTypes.LongType, true)
      .add("reason", DataTypes.StringType, true)
      .add("message", DataTypes.StringType, true);

  private final HadoopFiles files;

  public IndexManifestPartition(HadoopFiles files) {
    this.files = Objects.requireNonNull(files, "files");
  }

  /** One manifest line, with fully qualified URIs (registered in {@link KryoRegistration}). */
  public static final class Entry implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final String imageUri;
    private final String maskUri;
    private final String label;
    private final String patientKey;
    private final String modality;
    private final boolean imageDicom;

    /**
     * @param line 1-based line number in the manifest (for messages)
     * @param imageUri NIfTI / NRRD file, or DICOM series folder
     * @param maskUri NIfTI / NRRD label map
     * @param label label value selecting the ROI, or null for every non-zero voxel
     * @param patientKey pseudonymous patient key (already pseudonymised), or null
     * @param modality image modality, or null
     * @param imageDicom true when the image is a DICOM series folder
     */
    public Entry(int line, String imageUri, String maskUri, String label, String patientKey, String modality,
        boolean imageDicom) {
      this.line = line;
      this.imageUri = Objects.requireNonNull(imageUri, "imageUri");
      this.maskUri = Objects.requireNonNull(maskUri, "maskUri");
      this.label = label;
      this.patientKey = patientKey;
      this.modality = modality;
      this.imageDicom = imageDicom;
    }

    public int line() {
      return line;
    }

    public String imageUri() {
      return imageUri;
    }

    public String maskUri() {
      return maskUri;
    }

    public boolean imageDicom() {
      return imageDicom;
    }
  }

  /** Size and spacing from a NIfTI-1 or NRRD header; spacing entries may be null. */
  public record ImageHeader(int nx, int ny, int nz, Double sx, Double sy, Double sz) {}

  /** True for the label-map file names we read ({@code .nii}, {@code .nii.gz}, {@code .nrrd}, {@code .nhdr}). */
  public static boolean isLabelMapName(String uri) {
    String u = uri.toLowerCase(Locale.ROOT);
    return u.endsWith(".nii") || u.endsWith(".nii.gz") || u.endsWith(".nrrd") || u.endsWith(".nhdr");
  }

  @Override
  public Iterator<Row> call(Iterator<Entry> entries) {
    List<Row> out = new ArrayList<>();
    while (entries.hasNext()) {
      out.add(process(entries.next()));
    }
    return out.iterator();
  }

  Row process(Entry e) {
    try {
      ImageHeader mask;
      try (HadoopFiles.Staged m = files.stage(e.maskUri)) {
        mask = header(m.path(), e.maskUri);
      } catch (IOException ex) {
        return quarantine(e, ErrorKind.UNREADABLE_FILE, "manifest line " + e.line + ": mask " + e.maskUri
            + " cannot be read: " + ex.getClass().getSimpleName());
      }
      if (e.imageDicom) {
        return RowFactory.create(KIND_LABELMAP, e.line, e.imageUri, e.maskUri, e.label, e.patientKey, e.modality,
            true, mask.ny(), mask.nx(), mask.nz(), null, null, null, null, null, null);
      }
      ImageHeader img;
      long bytes;
      try (HadoopFiles.Staged i = files.stage(e.imageUri)) {
        img = header(i.path(), e.imageUri);
        bytes = Files.size(i.path());
      } catch (IOException ex) {
        return quarantine(e, ErrorKind.UNREADABLE_FILE, "manifest line " + e.line + ": image " + e.imageUri
            + " cannot be read: " + ex.getClass().getSimpleName());
      }
      if (img.nx() != mask.nx() || img.ny() != mask.ny() || img.nz() != mask.nz()) {
        return quarantine(e, ErrorKind.MASK_GRID_MISMATCH, "manifest line " + e.line + ": mask " + e.maskUri + " is "
            + mask.nx() + "x" + mask.ny() + "x" + mask.nz() + ", image " + img.nx() + "x" + img.ny() + "x"
            + img.nz());
      }
      return RowFactory.create(KIND_LABELMAP, e.line, e.imageUri, e.maskUri, e.label, e.patientKey, e.modality,
          false, img.ny(), img.nx(), img.nz(), img.sy(), img.sx(), img.sz(), bytes, null, null);
    } catch (RadiomicsException ex) {
      return quarantine(e, ex.kind(), "manifest line " + e.line + ": " + ex.getMessage());
    } catch (RuntimeException | StackOverflowError ex) {
      return quarantine(e, ErrorKind.INTERNAL_ERROR, "manifest line " + e.line + ": " + ex);
    }
  }

  private static Row quarantine(Entry e, ErrorKind kind, String message) {
    return RowFactory.create(KIND_QUARANTINE, e.line, e.imageUri, e.maskUri, e.label, e.patientKey, e.modality,
        e.imageDicom, null, null, null, null, null, null, null, kind.name(), message);
  }

  /** The header of a NIfTI-1 ({@code .nii[.gz]}) or NRRD file; {@link ErrorKind#UNREADABLE_FILE} otherwise. */
  public static ImageHeader header(Path p, String uri) throws IOException {
    String name = uri.toLowerCase(Locale.ROOT);
    if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
      return nifti(p, name.endsWith(".gz"), uri);
    }
    if (name.endsWith(".nrrd") || name.endsWith(".nhdr")) {
      return nrrd(p, uri);
    }
    throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, uri + ": not a NIfTI (.nii, .nii.gz) or NRRD file");
  }

  /** NIfTI-1: sizeof_hdr 348 at 0 (either byte order), dim[0..7] as int16 at 40, pixdim[0..7] as float32 at 76. */
  static ImageHeader nifti(Path p, boolean gz, String uri) throws IOException {
    byte[] h = new byte[348];
    try (InputStream raw = Files.newInputStream(p); InputStream in = gz ? new GZIPInputStream(raw) : raw) {
      int n = in.readNBytes(h, 0, h.length);
      if (n < h.length) {
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, uri + ": too short for a NIfTI-1 header");
      }
    } catch (java.util.zip.ZipException ex) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, uri + ": not gzip data: " + ex.getMessage());
    }
    ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 348) {
      b.order(ByteOrder.BIG_ENDIAN);
      if (b.getInt(0) != 348) {
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, uri + ": not a NIfTI-1 file (sizeof_hdr != 348)");
      }
    }
    int rank = b.getShort(40);
    if (rank < 1 || rank > 7) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, uri + ": NIfTI dim[0] = " + rank);
    }
    int[] d = {1, 1, 1};
    Double[] s = new Double[3];
    for (int k = 0; k < Math.min(3, rank); k++) {
      d[k] = b.getShort(42 + 2 * k);
      float px = b.getFloat(80 + 4 * k);
      s[k] = px > 0 ? (double) px : null;
    }
    for (int k = 3; k < rank; k++) {
      if (b.getShort(42 + 2 * k) > 1) {
        throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, uri + ": NIfTI with more than 3 dimensions");
      }
    }
    if (d[0] < 1 || d[1] < 1 || d[2] < 1) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, uri + ": NIfTI dimensions " + d[0] + "x" + d[1] + "x"
          + d[2]);
    }
    return new ImageHeader(d[0], d[1], d[2], s[0], s[1], s[2]);
  }

  /** NRRD: the magic line, then {@code field: value} lines up to the first empty line; sizes and spacing. */
  static ImageHeader nrrd(Path p, String uri) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(p),
        StandardCharsets.ISO_8859_1))) {
      String magic = r.readLine();
      if (magic == null || !magic.startsWith("NRRD")) {
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, uri + ": not a NRRD file");
      }
      int[] sizes = null;
      Double[] sp = new Double[3];
      String line;
      int lines = 0;
      while ((line = r.readLine()) != null && !line.isEmpty() && lines++ < 1000) {
        if (line.startsWith("#")) {
          continue;
        }
        int c = line.indexOf(':');
        if (c < 0) {
          continue;
        }
        String key = line.substring(0, c).trim().toLowerCase(Locale.ROOT);
        String val = line.substring(c + 1).replaceFirst("^=", "").trim();
        if (key.equals("sizes")) {
          String[] t = val.split("\\s+");
          sizes = new int[] {1, 1, 1};
          if (t.length > 3) {
            throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, uri + ": NRRD with " + t.length
                + " dimensions");
          }
          for (int k = 0; k < t.length; k++) {
            sizes[k] = Integer.parseInt(t[k]);
          }
        } else if (key.equals("spacings")) {
          String[] t = val.split("\\s+");
          for (int k = 0; k < Math.min(3, t.length); k++) {
            sp[k] = parseOrNull(t[k]);
          }
        } else if (key.equals("space directions")) {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([^)]*)\\)").matcher(val);
          int k = 0;
          while (m.find() && k < 3) {
            double sum = 0;
            for (String x : m.group(1).split(",")) {
              double v = Double.parseDouble(x.trim());
              sum += v * v;
            }
            sp[k++] = Math.sqrt(sum);
          }
        }
      }
      if (sizes == null) {
        throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, uri + ": NRRD header without sizes");
      }
      return new ImageHeader(sizes[0], sizes[1], sizes[2], sp[0], sp[1], sp[2]);
    } catch (NumberFormatException ex) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, uri + ": malformed NRRD header: " + ex.getMessage());
    }
  }

  private static Double parseOrNull(String s) {
    try {
      double v = Double.parseDouble(s);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
