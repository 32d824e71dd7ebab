import {
  backwardKernel,
  sparseout as coreSparseout,
  forwardKernel,
  gradientSlope,
  type Seed,
} from '@sparseout/core';
import type { SparseoutAttrs } from '../kernel_names.js';
import { sizeOf } from '../noise_shape.js';
import { fillKernelMask } from './kernel_mask.js';

const TWO_32 = 2 ** 32;

/** S4.2: a seed or step back from its two 32-bit words (a bigint beyond the safe integers). */
function fromWords(lo: number, hi: number): Seed {
  return hi < 2 ** 21 ? hi * TWO_32 + lo : (BigInt(hi) << 32n) | BigInt(lo);
}

/**
 * The fused forward pass over a backend's own buffers (S2, S4), writing `y` and `mask` in place.
 * A seeded mask without broadcasting goes through core's one-call `sparseout`, which draws the
 * mask and applies S2.3 chunk by chunk in one pass; explicit or noise-shaped masks are filled
 * first, then core's `forwardKernel` runs. Shared by the cpu and wasm kernels.
 */
export function sparseoutImpl(
  x: Float32Array,
  shape: ReadonlyArray<number>,
  attrs: SparseoutAttrs,
  cells: Uint8Array | undefined,
  y: Float32Array,
  mask: Uint8Array,
): void {
  if (cells === undefined && sizeOf(attrs.noiseShape) === mask.length) {
    const { rate, q, epsilon, seedLo, seedHi, stepLo, stepHi } = attrs;
    const seed = fromWords(seedLo, seedHi);
    coreSparseout(x, { rate, q, epsilon, seed, step: fromWords(stepLo, stepHi), maskOut: mask }, y);
    return;
  }
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
  backwardKernel(dy, x, mask, attrs.rate, attrs.q, attrs.epsilon, gradientSlope(attrs.gradient, attrs.q), dx);
}
