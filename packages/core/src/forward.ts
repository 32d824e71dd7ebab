import { assertFloatArray, assertMask, type FloatArray, outputLike } from './arrays.js';
import { gainFor } from './gain.js';
import { type SparseoutParams, validateParams } from './params.js';

/**
 * S2 with an explicit keep-mask: y = x * (1 + n * g), n = m / (1 - rate) - 1 (S2.1),
 * g = (|x| + epsilon)^((q - 2) / 2) (S2.2). `mask[i] !== 0` keeps element i.
 * Returns an array of x's type (S2.8); with `out` given it writes there and allocates nothing.
 * rate = 0 is the identity (S2.4). Throws SparseoutError (S1.4) before writing anything.
 */
export function sparseoutForward<T extends FloatArray>(
  x: T,
  mask: Uint8Array,
  params: SparseoutParams,
  out?: T,
): T {
  assertFloatArray(x, 'x');
  const { rate, q, epsilon } = validateParams(params);
  assertMask(mask, x.length);
  const y = outputLike(x, out);
  if (rate === 0) {
    if (y !== x) y.set(x);
    return y;
  }
  forwardKernel(x, mask, rate, q, epsilon, y);
  return y;
}

/**
 * The unchecked S2.3 loop: one pass, no allocation. Exposed for adapters that validated already
 * and for benchmarks. `y` may alias `x`.
 */
export function forwardKernel(
  x: FloatArray,
  mask: Uint8Array,
  rate: number,
  q: number,
  epsilon: number,
  y: FloatArray,
): void {
  const n = x.length;
  const keptNoise = rate / (1 - rate);
  if (q === 2) {
    // S2.5: inverted Dropout. x * 0 (not a literal 0) keeps NaN where x is NaN (S2.7).
    const keptScale = 1 / (1 - rate);
    for (let i = 0; i < n; i++) y[i] = x[i] * (mask[i] !== 0 ? keptScale : 0);
    return;
  }
  const gain = gainFor(q);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const g = gain((v < 0 ? -v : v) + epsilon);
    y[i] = v * (1 + (mask[i] !== 0 ? keptNoise : -1) * g);
  }
}
