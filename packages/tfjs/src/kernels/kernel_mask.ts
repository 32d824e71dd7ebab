import { fillMask, keepThreshold } from '@sparseout/core';
import type { SparseoutAttrs } from '../kernel_names.js';
import { sizeOf } from '../noise_shape.js';

/**
 * S4.1: copies mask cells drawn in `noiseShape` into the full-size `out` of `shape`, repeating
 * each cell along the dims where the noise shape is 1.
 */
export function broadcastCells(
  cells: Uint8Array,
  noiseShape: ReadonlyArray<number>,
  shape: ReadonlyArray<number>,
  out: Uint8Array,
): void {
  const n = out.length;
  if (n === 0) return;
  if (cells.length === n) {
    out.set(cells);
    return;
  }
  const rank = shape.length;
  const strides = new Array<number>(rank);
  for (let d = rank - 1, s = 1; d >= 0; d--) {
    strides[d] = noiseShape[d] === 1 ? 0 : s;
    s *= noiseShape[d];
  }
  const inner = shape[rank - 1];
  const innerStride = strides[rank - 1];
  const index = new Array<number>(rank).fill(0);
  let base = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0; j < inner; j++) out[o + j] = cells[base + j * innerStride];
    for (let d = rank - 2; d >= 0; d--) {
      index[d]++;
      base += strides[d];
      if (index[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      index[d] = 0;
    }
  }
}

/**
 * S4.2: the seeded keep-mask cells of the noise shape, drawn by core's Philox stream (cell i is
 * element i of the stream), into `out` when it has the right length.
 */
export function drawCells(attrs: SparseoutAttrs, out?: Uint8Array): Uint8Array {
  const cells = out ?? new Uint8Array(sizeOf(attrs.noiseShape));
  fillMask(cells, keepThreshold(attrs.rate), attrs.seedLo, attrs.seedHi, attrs.stepLo, attrs.stepHi, 0);
  return cells;
}

/**
 * Fills the full-size keep-mask `mask` of `shape`: from the explicit `cells` when given, else
 * drawn from the seed (S4.2), broadcast over the noise shape (S4.1). Draws straight into `mask`
 * when there is no broadcasting.
 */
export function fillKernelMask(
  mask: Uint8Array,
  shape: ReadonlyArray<number>,
  attrs: SparseoutAttrs,
  cells?: Uint8Array,
): void {
  if (cells === undefined && sizeOf(attrs.noiseShape) === mask.length) {
    drawCells(attrs, mask);
    return;
  }
  broadcastCells(cells ?? drawCells(attrs), attrs.noiseShape, shape, mask);
}
