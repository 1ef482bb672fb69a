/**
 * PyRadiomics (v3.x) image types as pure-Java filters, named as PyRadiomics names its feature columns: {@link
 * org.sparkradiomics.filters.pyradiomics.PyRadiomicsImageType} (prefixes), {@link
 * org.sparkradiomics.filters.pyradiomics.PyRadiomicsImages} (one entry point per type, whole image or ROI box), and
 * the filters {@link org.sparkradiomics.filters.pyradiomics.PyRadiomicsLog}, {@link
 * org.sparkradiomics.filters.pyradiomics.PyRadiomicsWavelet}, {@link
 * org.sparkradiomics.filters.pyradiomics.PyRadiomicsIntensity} (square, squareroot, logarithm, exponential), {@link
 * org.sparkradiomics.filters.pyradiomics.PyRadiomicsGradient}, {@link
 * org.sparkradiomics.filters.pyradiomics.PyRadiomicsLbp2D} and {@link
 * org.sparkradiomics.filters.pyradiomics.PyRadiomicsLbp3D}. {@link org.sparkradiomics.filters.pyradiomics.RoiCrop}
 * cuts the ROI box padded by a filter's margin. Axes: volume x, y, z (PyRadiomics' numpy arrays are z, y, x); each
 * class states the exact PyRadiomics / SimpleITK / PyWavelets / scikit-image / scipy convention it reproduces and
 * any deviation. See docs/pyradiomics-filters.md.
 */
package org.sparkradiomics.filters.pyradiomics;
