package org.sparkradiomics.features.pyradiomics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * The available image types: {@code Original} (the image itself, output prefix {@code original}) plus every
 * {@link PyImageTypeFilter} on the class path.
 */
public final class PyImageTypes {
  /** The identity image type. */
  public static final PyImageTypeFilter ORIGINAL = new PyImageTypeFilter() {
    private static final long serialVersionUID = 1L;

    @Override
    public String imageType() {
      return "Original";
    }

    @Override
    public LinkedHashMap<String, Volume> apply(Volume image, Mask mask, Map<String, Object> settings) {
      LinkedHashMap<String, Volume> m = new LinkedHashMap<>();
      m.put("original", image);
      return m;
    }
  };

  private PyImageTypes() {}

  /** The filter for an {@code imageType} key, or null when this build has none. */
  public static PyImageTypeFilter find(String imageType) {
    if (imageType.equals("Original")) {
      return ORIGINAL;
    }
    for (PyImageTypeFilter f : ServiceLoader.load(PyImageTypeFilter.class, PyImageTypes.class.getClassLoader())) {
      if (f.imageType().equals(imageType)) {
        return f;
      }
    }
    return null;
  }
}
