package org.sparkradiomics.ibsi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.DicomSeries;
import org.sparkradiomics.dicom.RtStructReader;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.io.NiftiIO;

/**
 * Loads the image and ROI mask of an IBSI-1 reference data set from the reference-data directory
 * ({@code <root>/ibsi1/...} or the data-set directory itself). The CT phantom is read as IBSI-1 ships it for
 * conformance: the DICOM series ({@code ct-phantom/dicom/image}) and the RTSTRUCT ROI {@code GTV-1}
 * ({@code ct-phantom/dicom/mask}) through our own reader, so reading and rasterisation are under test too.
 */
public final class IbsiInputs {
  private final Volume image;
  private final Mask mask;

  public IbsiInputs(Volume image, Mask mask) {
    this.image = image;
    this.mask = mask;
  }

  public Volume image() {
    return image;
  }

  public Mask mask() {
    return mask;
  }

  /** The digital phantom: {@code digital-phantom/nifti/image/phantom.nii.gz} and its mask. */
  public static IbsiInputs digitalPhantom(Path dataRoot) {
    Path dir = dataSet(dataRoot, "digital-phantom");
    return new IbsiInputs(NiftiIO.readVolume(dir.resolve("nifti/image/phantom.nii.gz")),
        NiftiIO.readMask(dir.resolve("nifti/mask/mask.nii.gz"), null));
  }

  /** The CT phantom (DICOM series) with its RTSTRUCT ROI GTV-1 rasterised onto the series grid. */
  public static IbsiInputs ctPhantom(Path dataRoot) {
    Path dir = dataSet(dataRoot, "ct-phantom");
    Map<String, DicomSeries> series = new DicomReader().readFolder(dir.resolve("dicom/image"));
    if (series.size() != 1) {
      throw new RadiomicsException(ErrorKind.INCONSISTENT_SERIES,
          "expected one image series in " + dir.resolve("dicom/image") + ", found " + series.size());
    }
    DicomSeries s = series.values().iterator().next();
    Path rtstruct;
    try (Stream<Path> files = Files.list(dir.resolve("dicom/mask"))) {
      rtstruct = files.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst()
          .orElseThrow(() -> new RadiomicsException(ErrorKind.ROI_NOT_FOUND, "no RTSTRUCT in " + dir));
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "cannot list " + dir.resolve("dicom/mask"), e);
    }
    return new IbsiInputs(s.volume(), RtStructReader.read(rtstruct, s, "GTV-1"));
  }

  /**
   * The directory of data set {@code name}: {@code root/ibsi1/name}, {@code root/name}, or root itself when it is
   * that directory.
   */
  public static Path dataSet(Path root, String name) {
    if (root == null) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE,
          "no reference-data directory: pass --data or set -Dradiomics.referenceData / $RADIOMICS_REFERENCE_DATA");
    }
    for (Path p : new Path[] {root.resolve("ibsi1").resolve(name), root.resolve(name), root}) {
      if (Files.isDirectory(p.resolve("nifti")) || Files.isDirectory(p.resolve("dicom"))) {
        if (p.equals(root) && !root.getFileName().toString().equals(name)) {
          continue;
        }
        return p;
      }
    }
    throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "IBSI data set '" + name + "' not found under " + root);
  }
}
