package org.sparkradiomics.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sparkradiomics.dicom.DicomMetadata;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.DicomSeries;
import org.sparkradiomics.dicom.RtStructReader;
import org.sparkradiomics.dicom.SegReader;
import org.sparkradiomics.dicom.SegmentSelector;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * Loads an image and its ROI mask from any supported pair of sources, with typed errors:
 *
 * <ul>
 *   <li>image: a DICOM series folder (exactly one series), a DICOM file, a NIfTI ({@code .nii}, {@code .nii.gz}) or
 *       NRRD ({@code .nrrd}, {@code .nhdr}) file;
 *   <li>mask: a DICOM SEG (segment by number or label; default: the first segment), a DICOM RTSTRUCT (ROI by name
 *       or number; default: the first ROI), or a NIfTI/NRRD label image (label number; default: any non-zero);
 *       a folder holding exactly one such file is accepted too.
 * </ul>
 * The mask must lie on the image grid ({@link ErrorKind#MASK_GRID_MISMATCH} otherwise).
 */
public final class RoiLoader {
  /** An image with its mask and, for DICOM images, the series metadata. */
  public static final class Loaded {
    private final Volume image;
    private final Mask mask;
    private final DicomSeries series;

    Loaded(Volume image, Mask mask, DicomSeries series) {
      this.image = image;
      this.mask = mask;
      this.series = series;
    }

    public Volume image() {
      return image;
    }

    public Mask mask() {
      return mask;
    }

    /** The DICOM series of the image, or null for NIfTI/NRRD images. */
    public DicomSeries series() {
      return series;
    }

    /** Header of the first instance of a DICOM image, or null. */
    public DicomMetadata firstInstance() {
      return series == null || series.metadata().isEmpty() ? null : series.metadata().get(0);
    }
  }

  private final DicomReader reader;

  public RoiLoader(DicomReader reader) {
    this.reader = reader;
  }

  /**
   * @param roi segment number/label, RTSTRUCT ROI name/number, or label value; null selects the first / non-zero
   */
  public Loaded load(Path image, Path mask, String roi) {
    DicomSeries series = null;
    Volume vol;
    if (isNiftiOrNrrd(image)) {
      vol = readVolume(image);
    } else {
      series = readSeries(image);
      vol = series.volume();
    }
    Mask m = readMask(single(mask), series, vol, roi);
    if (!m.onGridOf(vol, 1e-3 * minSpacing(vol) + 1e-4)) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH,
          "mask " + mask + " (" + m + ") does not lie on the grid of image " + image + " (" + vol + ")");
    }
    return new Loaded(vol, m, series);
  }

  private static double minSpacing(Volume v) {
    return Math.min(v.spacing(0), Math.min(v.spacing(1), v.spacing(2)));
  }

  private DicomSeries readSeries(Path image) {
    if (Files.isDirectory(image)) {
      Map<String, DicomSeries> all = reader.readFolder(image);
      if (all.size() != 1) {
        throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES,
            "expected exactly one image series in " + image + ", found " + all.size());
      }
      return all.values().iterator().next();
    }
    return reader.readSeries(List.of(image));
  }

  private Mask readMask(Path mask, DicomSeries series, Volume vol, String roi) {
    if (isNiftiOrNrrd(mask)) {
      Integer label = null;
      if (roi != null) {
        try {
          label = Integer.valueOf(roi.trim());
        } catch (NumberFormatException e) {
          throw new RadiomicsException(ErrorKind.ROI_NOT_FOUND, "a label image needs a numeric label, got '" + roi
              + "'");
        }
      }
      return isNifti(mask) ? NiftiIO.readMask(mask, label) : NrrdIO.readMask(mask, label);
    }
    if (series == null) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH,
          "a DICOM SEG/RTSTRUCT mask (" + mask + ") needs a DICOM image series, not a NIfTI/NRRD image");
    }
    String modality = reader.readHeader(mask).modality();
    if ("SEG".equalsIgnoreCase(modality)) {
      SegmentSelector sel = roi == null
          ? SegmentSelector.byNumber(SegReader.segments(mask).keySet().stream().sorted().findFirst()
              .orElseThrow(() -> new RadiomicsException(ErrorKind.ROI_NOT_FOUND, "SEG " + mask + " has no segments")))
          : SegmentSelector.parse(roi);
      return SegReader.read(mask, series, sel);
    }
    if ("RTSTRUCT".equalsIgnoreCase(modality)) {
      String name = roi;
      if (name == null) {
        List<String> names = RtStructReader.roiNames(mask);
        if (names.isEmpty()) {
          throw new RadiomicsException(ErrorKind.ROI_NOT_FOUND, "RTSTRUCT " + mask + " has no ROI");
        }
        name = names.get(0);
      }
      return RtStructReader.read(mask, series, name);
    }
    throw new RadiomicsException(ErrorKind.UNREADABLE_FILE,
        mask + " is neither a DICOM SEG nor an RTSTRUCT (Modality " + modality + ") nor a NIfTI/NRRD label image");
  }

  private static Path single(Path p) {
    if (!Files.isDirectory(p)) {
      return p;
    }
    try (Stream<Path> s = Files.list(p)) {
      List<Path> files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
      if (files.size() != 1) {
        throw new RadiomicsException(ErrorKind.ROI_NOT_FOUND,
            "mask folder " + p + " must hold exactly one mask file, found " + files.size());
      }
      return files.get(0);
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "cannot list " + p + ": " + e.getMessage(), e);
    }
  }

  private static Volume readVolume(Path p) {
    return isNifti(p) ? NiftiIO.readVolume(p) : NrrdIO.readVolume(p);
  }

  static boolean isNifti(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".nii") || n.endsWith(".nii.gz");
  }

  static boolean isNiftiOrNrrd(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return isNifti(p) || n.endsWith(".nrrd") || n.endsWith(".nhdr");
  }
}
