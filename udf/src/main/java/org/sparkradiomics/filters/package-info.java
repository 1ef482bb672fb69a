/**
 * IBSI-2 convolutional filters producing response maps on the input grid: {@link
 * org.sparkradiomics.filters.MeanFilter}, {@link org.sparkradiomics.filters.LogFilter}, {@link
 * org.sparkradiomics.filters.LawsFilter}, {@link org.sparkradiomics.filters.GaborFilter}, {@link
 * org.sparkradiomics.filters.WaveletFilter} (undecimated separable wavelets), {@link
 * org.sparkradiomics.filters.SimoncelliFilter} and {@link org.sparkradiomics.filters.RieszFilter}, built from a
 * compact {@link org.sparkradiomics.filters.FilterSpec} such as {@code log:sigma=1.5,mode=mirror}.
 *
 * <p>Conventions (all confirmed against the IBSI-2 phase-1 consensus response maps, see docs/ibsi2-phase1.md):
 * kernels are applied by true convolution with the centre at {@code floor(L/2)}; axes are x (fastest), y, z of
 * the flat array; "2D" means in-plane (x, y) per slice; boundary modes are {@link
 * org.sparkradiomics.filters.BoundaryMode}; rotation invariance pools over the 24 right-angle 3D rotations (4
 * in-plane in 2D), computed by rotating the image and rotating the response back. Physical parameters (LoG and
 * Gabor sigma, Gabor lambda) are in mm and converted per axis with the voxel spacing; window sizes, Laws kernels,
 * wavelets and the Simoncelli/Riesz frequency grids are in voxels. Memory is a small multiple of the input box.
 */
package org.sparkradiomics.filters;
