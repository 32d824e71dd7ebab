import { backwardKernel, forwardKernel } from '@sparseout/core';
import type { SparseoutAttrs } from '../kernel_names.js';
import { fillKernelMask } from './kernel_mask.js';

/**
 * The fused forward pass over a backend's own buffers (S2, S4): one mask fill, one call of core's
 * `forwardKernel`, writing `y` and `mask` in place. Shared by the cpu and wasm kernels.
 */
export function sparseoutImpl(
  x: Float32Array,
  shape: ReadonlyArray<number>,
  attrs: SparseoutAttrs,
  cells: Uint8Array | undefined,
  y: Float32Array,
  mask: Uint8Array,
): void {
  fillKernelMask(mask, shape, attrs, cells);
  forwardKernel(x, mask, attrs.rate, attrs.q, attrs.epsilon, y);
}

/** The backward pass (S3.1 'reference' or S3.2 'exact') via core's `backwardKernel`, writing `dx`. */
export function sparseoutGradImpl(
  dy: Float32Array,
  x: Float32Array,
  mask: Uint8Array,
  attrs: SparseoutAttrs,
  dx: Float32Array,
): void {
  const slope = attrs.gradient === 'exact' ? attrs.q / 2 : 1;
  backwardKernel(dy, x, mask, attrs.rate, attrs.q, attrs.epsilon, slope, dx);
}
