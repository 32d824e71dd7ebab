import {
  assertFloatArray,
  assertMask,
  assertNoPartialOverlap,
  type FloatArray,
  outputLike,
} from './arrays.js';
import { fastPow } from './fast-pow.js';
import { noiseTable } from './noise-table.js';
import { EPSILON, Q, RATE, readParams, type SparseoutParams, validateTraining } from './params.js';
import { wasmApply, wasmApplyScalars } from './wasm/drivers.js';

/** Forward parameters: S1 plus the S2.4 inference switch, as sparseoutBackward takes them. */
export interface ForwardParams extends SparseoutParams {
  /** false: inference, y = x whatever the mask (S2.4). Default true; anything but a boolean is refused. */
  training?: boolean;
}

/**
 * S2 with an explicit keep-mask: y = x * (1 + n * g), n = m / (1 - rate) - 1 (S2.1),
 * g = (|x| + epsilon)^((q - 2) / 2) (S2.2). `mask[i] !== 0` keeps element i.
 * Returns an array of x's type (S2.8); with `out` given it writes there and allocates nothing.
 * `out` may be x itself, but no other view sharing x's or the mask's bytes (SPARSEOUT_INVALID_INPUT).
 * rate = 0 and `training: false` are the identity (S2.4). Throws SparseoutError (S1.4) before
 * writing anything.
 */
export function sparseoutForward<T extends FloatArray>(
  x: T,
  mask: Uint8Array,
  params: ForwardParams,
  out?: T,
): T {
  assertFloatArray(x, 'x');
  const scalars = FORWARD_SCALARS;
  readParams(params, scalars);
  const training = validateTraining(params.training);
  assertMask(mask, x.length);
  const y = outputLike(x, out);
  if (out !== undefined) {
    assertNoPartialOverlap(y, x, 'out', 'x');
    assertNoPartialOverlap(y, mask, 'out', 'mask');
  }
  if (!training || scalars[RATE] === 0) {
    if (y !== x) y.set(x);
    return y;
  }
  if (!wasmApplyScalars(x, x, mask, scalars, y)) {
    forwardLoops(x, mask, scalars[RATE], scalars[Q], scalars[EPSILON], y);
  }
  return y;
}

/** sparseoutForward's [rate, q, epsilon, slope = 1] (README, "Allocation"). */
const FORWARD_SCALARS = Float64Array.of(0, 0, 0, 1);

const NOISE = new Float64Array(256);

/**
 * The unchecked S2.3 loop: one pass, no allocation. Exposed for adapters that validated already
 * and for benchmarks. `y` may alias `x`. The mask byte selects n from a table (no branch); q = 0,
 * 1, 2, 3, 4 have their own loops, any other q uses fastPow (relative error <= 2e-13). Float32
 * arrays run in WebAssembly SIMD when the 'wasm' backend is selected (the default where available).
 */
export function forwardKernel(
  x: FloatArray,
  mask: Uint8Array,
  rate: number,
  q: number,
  epsilon: number,
  y: FloatArray,
): void {
  if (!wasmApply(x, x, mask, rate, q, epsilon, 1, y)) forwardLoops(x, mask, rate, q, epsilon, y);
}

/** forwardKernel's JavaScript loops (float64 arithmetic), for the 'js' backend and float64. */
function forwardLoops(
  x: FloatArray,
  mask: Uint8Array,
  rate: number,
  q: number,
  epsilon: number,
  y: FloatArray,
): void {
  const n = x.length;
  if (q === 2) {
    // S2.5: inverted Dropout. x * 0 (not a literal 0) keeps NaN where x is NaN (S2.7).
    const scale = noiseTable(NOISE, 1 / (1 - rate), 0);
    for (let i = 0; i < n; i++) y[i] = x[i] * scale[mask[i]];
    return;
  }
  const noise = noiseTable(NOISE, rate / (1 - rate), -1);
  switch (q) {
    case 1:
      for (let i = 0; i < n; i++) {
        const v = x[i];
        y[i] = v * (1 + noise[mask[i]] / Math.sqrt((v < 0 ? -v : v) + epsilon));
      }
      return;
    case 3:
      for (let i = 0; i < n; i++) {
        const v = x[i];
        y[i] = v * (1 + noise[mask[i]] * Math.sqrt((v < 0 ? -v : v) + epsilon));
      }
      return;
    case 0:
      for (let i = 0; i < n; i++) {
        const v = x[i];
        y[i] = v * (1 + noise[mask[i]] / ((v < 0 ? -v : v) + epsilon));
      }
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        const v = x[i];
        y[i] = v * (1 + noise[mask[i]] * ((v < 0 ? -v : v) + epsilon));
      }
      return;
    default: {
      const power = (q - 2) / 2;
      for (let i = 0; i < n; i++) {
        const v = x[i];
        y[i] = v * (1 + noise[mask[i]] * fastPow((v < 0 ? -v : v) + epsilon, power));
      }
    }
  }
}
