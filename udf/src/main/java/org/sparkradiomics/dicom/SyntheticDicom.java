package org.sparkradiomics.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.UUID;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;

/**
 * Package-private: writes small synthetic image instances with PixelMed, for the decode benchmark and for tests of
 * the reader (signed data, MONOCHROME1, multi-frame, unsupported encodings). Not a general DICOM writer.
 */
final class SyntheticDicom {
  int rows = 4;
  int columns = 4;
  int frames = 1;
  int bitsAllocated = 16;
  int bitsStored = 16;
  int pixelRepresentation = 1;
  String photometric = "MONOCHROME2";
  String modality = "CT";
  String sopClassUid = "1.2.840.10008.5.1.4.1.1.2";
  String transferSyntax = TransferSyntaxSupport.EXPLICIT_LE;
  double rescaleSlope = 1;
  double rescaleIntercept;
  double[] position = {0, 0, 0};
  double[] orientation = {1, 0, 0, 0, 1, 0};
  double[] pixelSpacing = {1, 1};
  double sliceThickness = 1;
  String studyUid = newUid();
  String seriesUid = newUid();
  String frameOfReferenceUid = newUid();
  String sopInstanceUid = newUid();
  String patientId = "PAT-001";
  String patientName = "Doe^Jane";
  String patientBirthDate = "19700101";
  String studyDate = "20240102";
  int instanceNumber = 1;
  /** 16-bit stored words (BitsAllocated 16), or null. */
  short[] words;
  /** 8-bit or 1-bit packed bytes, or null. */
  byte[] bytes;
  /** Encapsulated frames (written as is, no codec involved), or null. */
  byte[][] encapsulated;
  /** Optional per-frame positions for an enhanced-style multi-frame instance (frames x 3). */
  double[][] perFramePositions;
  /** Optional per-frame rescale (frames x 2: slope, intercept). */
  double[][] perFrameRescale;

  static String newUid() {
    UUID u = UUID.randomUUID();
    BigInteger b = new BigInteger(1, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits()).array());
    return "2.25." + b;
  }

  SyntheticDicom next(double dz) {
    SyntheticDicom n = new SyntheticDicom();
    n.rows = rows;
    n.columns = columns;
    n.frames = frames;
    n.bitsAllocated = bitsAllocated;
    n.bitsStored = bitsStored;
    n.pixelRepresentation = pixelRepresentation;
    n.photometric = photometric;
    n.modality = modality;
    n.sopClassUid = sopClassUid;
    n.transferSyntax = transferSyntax;
    n.rescaleSlope = rescaleSlope;
    n.rescaleIntercept = rescaleIntercept;
    n.position = new double[] {position[0], position[1], position[2] + dz};
    n.orientation = orientation.clone();
    n.pixelSpacing = pixelSpacing.clone();
    n.sliceThickness = sliceThickness;
    n.studyUid = studyUid;
    n.seriesUid = seriesUid;
    n.frameOfReferenceUid = frameOfReferenceUid;
    n.patientId = patientId;
    n.patientName = patientName;
    n.patientBirthDate = patientBirthDate;
    n.studyDate = studyDate;
    n.instanceNumber = instanceNumber + 1;
    return n;
  }

  private static void put(AttributeList l, AttributeTag t, String... values) throws DicomException {
    Attribute a = l.putNewAttribute(t);
    for (String v : values) {
      a.addValue(v);
    }
  }

  private static String[] ds(double... v) {
    String[] s = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = Double.toString(v[i]);
    }
    return s;
  }

  void write(Path path) {
    try {
      AttributeList l = new AttributeList();
      put(l, TagFromName.SOPClassUID, sopClassUid);
      put(l, TagFromName.SOPInstanceUID, sopInstanceUid);
      put(l, TagFromName.StudyInstanceUID, studyUid);
      put(l, TagFromName.SeriesInstanceUID, seriesUid);
      put(l, TagFromName.FrameOfReferenceUID, frameOfReferenceUid);
      put(l, TagFromName.Modality, modality);
      put(l, TagFromName.Manufacturer, "spark-radiomics synthetic");
      put(l, TagFromName.PatientID, patientId);
      put(l, TagFromName.PatientName, patientName);
      put(l, TagFromName.PatientBirthDate, patientBirthDate);
      put(l, TagFromName.PatientAddress, "1 Example Road");
      put(l, TagFromName.StudyDate, studyDate);
      put(l, TagFromName.InstanceNumber, Integer.toString(instanceNumber));
      put(l, TagFromName.Rows, Integer.toString(rows));
      put(l, TagFromName.Columns, Integer.toString(columns));
      if (frames != 1 || perFramePositions != null) {
        put(l, TagFromName.NumberOfFrames, Integer.toString(frames));
      }
      int spp = photometric.equals("RGB") ? 3 : 1;
      put(l, TagFromName.SamplesPerPixel, Integer.toString(spp));
      if (spp == 3) {
        put(l, TagFromName.PlanarConfiguration, "0");
      }
      put(l, TagFromName.PhotometricInterpretation, photometric);
      put(l, TagFromName.BitsAllocated, Integer.toString(bitsAllocated));
      put(l, TagFromName.BitsStored, Integer.toString(bitsStored));
      put(l, TagFromName.HighBit, Integer.toString(bitsStored - 1));
      put(l, TagFromName.PixelRepresentation, Integer.toString(pixelRepresentation));
      put(l, TagFromName.PixelSpacing, ds(pixelSpacing));
      put(l, TagFromName.SliceThickness, Double.toString(sliceThickness));
      if (perFramePositions == null) {
        put(l, TagFromName.ImagePositionPatient, ds(position));
        put(l, TagFromName.ImageOrientationPatient, ds(orientation));
        if (rescaleSlope != 1 || rescaleIntercept != 0 || modality.equals("CT")) {
          put(l, TagFromName.RescaleSlope, Double.toString(rescaleSlope));
          put(l, TagFromName.RescaleIntercept, Double.toString(rescaleIntercept));
        }
      } else {
        SequenceAttribute shared = new SequenceAttribute(TagFromName.SharedFunctionalGroupsSequence);
        AttributeList sh = new AttributeList();
        SequenceAttribute ori = new SequenceAttribute(TagFromName.PlaneOrientationSequence);
        AttributeList o = new AttributeList();
        put(o, TagFromName.ImageOrientationPatient, ds(orientation));
        ori.addItem(o);
        sh.put(ori);
        SequenceAttribute meas = new SequenceAttribute(TagFromName.PixelMeasuresSequence);
        AttributeList m = new AttributeList();
        put(m, TagFromName.PixelSpacing, ds(pixelSpacing));
        put(m, TagFromName.SliceThickness, Double.toString(sliceThickness));
        meas.addItem(m);
        sh.put(meas);
        shared.addItem(sh);
        l.put(shared);
        SequenceAttribute per = new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
        for (int f = 0; f < frames; f++) {
          AttributeList it = new AttributeList();
          SequenceAttribute pos = new SequenceAttribute(TagFromName.PlanePositionSequence);
          AttributeList p = new AttributeList();
          put(p, TagFromName.ImagePositionPatient, ds(perFramePositions[f]));
          pos.addItem(p);
          it.put(pos);
          if (perFrameRescale != null) {
            SequenceAttribute pvt = new SequenceAttribute(TagFromName.PixelValueTransformationSequence);
            AttributeList r = new AttributeList();
            put(r, TagFromName.RescaleSlope, Double.toString(perFrameRescale[f][0]));
            put(r, TagFromName.RescaleIntercept, Double.toString(perFrameRescale[f][1]));
            put(r, TagFromName.RescaleType, "HU");
            pvt.addItem(r);
            it.put(pvt);
          }
          per.addItem(it);
        }
        l.put(per);
      }
      if (encapsulated != null) {
        l.put(new OtherByteAttributeMultipleCompressedFrames(TagFromName.PixelData, encapsulated));
      } else if (words != null) {
        OtherWordAttribute a = new OtherWordAttribute(TagFromName.PixelData);
        a.setValues(words);
        l.put(a);
      } else if (bytes != null) {
        OtherByteAttribute a = new OtherByteAttribute(TagFromName.PixelData);
        a.setValues(bytes);
        l.put(a);
      }
      FileMetaInformation.addFileMetaInformation(l, transferSyntax, "SPARKRAD");
      l.write(path.toFile(), transferSyntax, true, true);
    } catch (DicomException | IOException e) {
      throw new RadiomicsException(ErrorKind.INTERNAL_ERROR, "cannot write synthetic DICOM " + path + ": " + e, e);
    }
  }
}
