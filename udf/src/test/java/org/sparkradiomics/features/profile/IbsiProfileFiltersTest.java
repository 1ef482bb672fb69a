package org.sparkradiomics.features.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.Presets;
import org.sparkradiomics.filters.FilterSpec;
import org.sparkradiomics.filters.FilterSupport;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

class IbsiProfileFiltersTest {

  @Test
  void canonicalNamesFillDefaultsAndNormaliseSpelling() {
    assertEquals("log:dim=3D,mode=zero,sigma=1.5,truncate=4",
        FilterSupport.canonical(FilterSpec.parse("log:sigma=1.50")).toString());
    assertEquals(FilterSupport.canonical(FilterSpec.parse("LOG:sigma=1.5,mode=symmetric,truncate=4.0,dim=3d")),
        FilterSupport.canonical(FilterSpec.parse("log:sigma=1.5,mode=mirror")));
    assertEquals("wavelet:band=LLH,dim=3D,family=haar,level=1,mode=zero,rotinv=none",
        FilterSupport.canonical(FilterSpec.parse("wavelet:family=db1,band=llh")).toString());
    assertEquals("gabor:dim=2D,gamma=1.5,lambda=2,mode=mirror,pooling=mean,sigma=5,step=22.5,theta=0,truncate=4",
        FilterSupport.canonical(FilterSpec.parse("gabor:sigma=5,lambda=2,gamma=1.5,step=22.5,mode=mirror"))
            .toString());
  }

  @Test
  void supportRadii() {
    double[] sp = {0.5, 1, 2};
    // LoG: ceil(4 * 1.5 / spacing) = 12, 6, 3
    assertEquals(List.of(12, 6, 3), box(FilterSupport.radius(FilterSpec.parse("log:sigma=1.5"), sp)));
    // 2D LoG: z unfiltered
    assertEquals(List.of(12, 6, 0), box(FilterSupport.radius(FilterSpec.parse("log:sigma=1.5,dim=2D"), sp)));
    // mean M=5: 2 voxels
    assertEquals(List.of(2, 2, 2), box(FilterSupport.radius(FilterSpec.parse("mean:support=5"), sp)));
    // Laws 5-tap kernels (2) + energy delta 7 = 9
    assertEquals(List.of(9, 9, 9), box(FilterSupport.radius(FilterSpec.parse("laws:kernel=L5E5E5,energy=7"), sp)));
    // db3 (L = 6): level 1: 3; level 2: 3 + floor(12 / 2) = 9
    assertEquals(List.of(9, 9, 9),
        box(FilterSupport.radius(FilterSpec.parse("wavelet:family=db3,band=HHH,level=2"), sp)));
    // Gabor: 4 * 5 * max(1, 1/0.5) = 40 mm -> 80, 40 (2D: z 0)
    assertEquals(List.of(80, 40, 0),
        box(FilterSupport.radius(FilterSpec.parse("gabor:sigma=5,lambda=2,gamma=0.5"), sp)));
  }

  private static List<Integer> box(int[] r) {
    return List.of(r[0], r[1], r[2]);
  }

  @Test
  void parseAndTextFormRoundTrip() {
    IbsiProfile p = IbsiProfile.parse("ibsi:ct;filters=log:sigma=1,mode=mirror|log:sigma=3,mode=mirror"
        + "|wavelet:family=coif1,band=LLH,mode=mirror");
    assertEquals(Presets.forModality("CT").canonicalString(), p.settings().canonicalString());
    assertEquals(List.of("original", "log:dim=3D,mode=mirror,sigma=1,truncate=4",
        "log:dim=3D,mode=mirror,sigma=3,truncate=4",
        "wavelet:band=LLH,dim=3D,family=coif1,level=1,mode=mirror,rotinv=none"), p.imageTypes());
    IbsiProfile again = IbsiProfile.parse(p.toString());
    assertEquals(p.toString(), again.toString());
    assertEquals(p.canonicalParams(), again.canonicalParams());
    assertEquals(p.paramsHash(), again.paramsHash());
    IbsiProfile noOriginal = IbsiProfile.parse("ibsi;original=false;filters=mean:support=3");
    assertEquals(List.of("mean:dim=3D,mode=zero,support=3"), noOriginal.imageTypes());
    assertEquals(noOriginal.toString(), IbsiProfile.parse(noOriginal.toString()).toString());
  }

  @Test
  void hashesCoverFiltersAndKeepThePlainProfileHash() {
    FeatureSettings s = Presets.forModality("CT");
    assertEquals(s.hash(), new IbsiProfile(s).paramsHash());
    assertEquals(s.hash(), IbsiProfile.parse("ibsi:CT").paramsHash());
    String h1 = new IbsiProfile(s, List.of(FilterSpec.parse("log:sigma=1"))).paramsHash();
    String h2 = new IbsiProfile(s, List.of(FilterSpec.parse("log:sigma=2"))).paramsHash();
    String h3 = new IbsiProfile(s, List.of(FilterSpec.parse("log:sigma=1")), false).paramsHash();
    assertNotEquals(s.hash(), h1);
    assertNotEquals(h1, h2);
    assertNotEquals(h1, h3);
    assertEquals(h1, new IbsiProfile(s, List.of(FilterSpec.parse("log:sigma=1.0,truncate=4"))).paramsHash());
    assertTrue(new IbsiProfile(s, List.of(FilterSpec.parse("log:sigma=1"))).canonicalParams()
        .endsWith(";original=true;filters=log:dim=3D,mode=zero,sigma=1,truncate=4"));
  }

  /** Profiles travel to executors by Java serialization (KryoRegistration.JAVA_SERIALIZED). */
  @Test
  void javaSerializationRoundTrip() throws Exception {
    IbsiProfile p = IbsiProfile.parse("ibsi:MR;filters=log:sigma=2,mode=mirror|wavelet:family=db2,band=HLH");
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(buf)) {
      o.writeObject(p);
    }
    IbsiProfile back;
    try (java.io.ObjectInputStream i = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(buf.toByteArray()))) {
      back = (IbsiProfile) i.readObject();
    }
    assertEquals(p.canonicalParams(), back.canonicalParams());
    assertEquals(p.imageTypes(), back.imageTypes());
    assertEquals(p.toString(), back.toString());
  }

  @Test
  void invalidTextIsAClearError() {
    assertThrows(IllegalArgumentException.class, () -> IbsiProfile.parse("pyradiomics"));
    assertThrows(IllegalArgumentException.class, () -> IbsiProfile.parse("ibsi:XX"));
    assertThrows(IllegalArgumentException.class, () -> IbsiProfile.parse("ibsi;colour=red"));
    assertThrows(IllegalArgumentException.class, () -> IbsiProfile.parse("ibsi;original=false"));
    assertThrows(IllegalArgumentException.class, () -> IbsiProfile.parse("ibsi;filters=log:sigma=1|log:sigma=1.0"));
    assertThrows(IllegalArgumentException.class, () -> IbsiProfile.parse("ibsi;filters=log:sigma=1||mean:support=3"));
    assertThrows(IllegalArgumentException.class, () -> IbsiProfile.parse("ibsi;filters=log:radius=1"));
  }

  @Test
  void extractGivesOneVectorPerImageTypeSharingThePreprocessing() {
    Volume img = org.sparkradiomics.features.FilteredExtractionTest.image();
    Mask m = org.sparkradiomics.features.FilteredExtractionTest.mask(img);
    FeatureSettings s = FeatureSettings.builder().families("stat", "cm").noResampling().build();
    FilterSpec f = FilterSpec.parse("mean:support=3,mode=mirror");
    ProfileResult r = new IbsiProfile(s, List.of(f)).extract(img, m);
    assertTrue(r.ok());
    assertEquals(List.of("original", "mean:dim=3D,mode=mirror,support=3"), List.copyOf(r.byImageType().keySet()));
    assertEquals(FeatureExtractor.extract(img, m, s).features().values(),
        r.byImageType().get("original").values());
    assertEquals(FeatureExtractor.extractFiltered(img, m, s, f).features().values(),
        r.byImageType().get("mean:dim=3D,mode=mirror,support=3").values());
    // empty ROI: typed failure, as for the original alone
    ProfileResult empty = new IbsiProfile(s, List.of(f)).extract(img, Mask.emptyLike(img));
    assertEquals(org.sparkradiomics.error.ErrorKind.EMPTY_ROI, empty.error());
  }
}
