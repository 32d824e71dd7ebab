import {
  assertFloatArray,
  assertMask,
  assertNoPartialOverlap,
  type FloatArray,
  outputLike,
} from './arrays.js';
import { SparseoutError } from './errors.js';
import { fastPow } from './fast-pow.js';
import { noiseTable } from './noise-table.js';
import {
  EPSILON,
  type GradientMode,
  Q,
  RATE,
  readParams,
  type SparseoutParams,
  validateGradient,
  validateTraining,
} from './params.js';
import { SLOPE, wasmApply, wasmApplyScalars } from './wasm/drivers.js';

/** Backward parameters: S1 plus the S3 gradient mode and the S2.4/S3.3 inference switch. */
export interface BackwardParams extends SparseoutParams {
  /** S3.1 `'reference'` (default, the published implementation) or S3.2 `'exact'`. */
  gradient?: GradientMode;
  /** false: inference, dx = dy (S3.3). Default true; anything but a boolean is refused. */
  training?: boolean;
}

/**
 * S3: the gradient of S2.3 with respect to x, given the upstream gradient dy, the same x and the
 * same mask as the forward pass. 'reference': dx = dy * (1 + n * g) (S3.1); 'exact':
 * dx = dy * (1 + n * (q / 2) * g) (S3.2). Returns an array of dy's type; with `out` given it writes
 * there and allocates nothing; `out` may be dy or x itself, but no other view sharing their or the
 * mask's bytes (SPARSEOUT_INVALID_INPUT). Throws SparseoutError (S1.4) before writing anything.
 */
export function sparseoutBackward<T extends FloatArray>(
  dy: T,
  x: FloatArray,
  mask: Uint8Array,
  params: BackwardParams,
  out?: T,
): T {
  assertFloatArray(dy, 'dy');
  const scalars = BACKWARD_SCALARS;
  readParams(params, scalars);
  const gradient = validateGradient(params.gradient);
  const training = validateTraining(params.training);
  assertFloatArray(x, 'x');
  if (x.length !== dy.length) {
    // x may be the other float type (same length); another length is a shape error either way.
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `x must have length ${dy.length} (dy's), got ${x.length}`,
    );
  }
  assertMask(mask, dy.length);
  const dx = outputLike(dy, out, 'out');
  if (out !== undefined) {
    assertNoPartialOverlap(dx, dy, 'out', 'dy');
    assertNoPartialOverlap(dx, x, 'out', 'x');
    assertNoPartialOverlap(dx, mask, 'out', 'mask');
  }
  if (!training || scalars[RATE] === 0) {
    if (dx !== dy) dx.set(dy);
    return dx;
  }
  scalars[SLOPE] = gradientSlope(gradient, scalars[Q]);
  if (!wasmApplyScalars(x, dy, mask, scalars, dx)) {
    backwardLoops(dy, x, mask, scalars[RATE], scalars[Q], scalars[EPSILON], scalars[SLOPE], dx);
  }
  return dx;
}

/**
 * S3: the slope s in dx = dy * (1 + n * s * g), `backwardKernel`'s `slope`: 1 for 'reference'
 * (S3.1), q / 2 for 'exact' (S3.2).
 */
export function gradientSlope(gradient: GradientMode, q: number): number {
  return gradient === 'exact' ? q / 2 : 1;
}

/** sparseoutBackward's [rate, q, epsilon, slope] (README, "Allocation"). */
const BACKWARD_SCALARS = new Float64Array(4);

const NOISE = new Float64Array(256);

/**
 * The unchecked S3 loop: dx = dy * (1 + n * slope * g), slope = 1 (reference) or q / 2 (exact).
 * One pass, no allocation; `dx` may alias `dy`. The mask byte selects n * slope from a table;
 * q = 0, 1, 2, 3, 4 have their own loops, any other q uses fastPow (relative error <= 2e-13).
 * Float32 arrays run in WebAssembly SIMD with the 'wasm' backend (slope 1, or q = 2).
 */
export function backwardKernel(
  dy: FloatArray,
  x: FloatArray,
  mask: Uint8Array,
  rate: number,
  q: number,
  epsilon: number,
  slope: number,
  dx: FloatArray,
): void {
  if (!wasmApply(x, dy, mask, rate, q, epsilon, slope, dx)) {
    backwardLoops(dy, x, mask, rate, q, epsilon, slope, dx);
  }
}

/** backwardKernel's JavaScript loops (float64 arithmetic), for the 'js' backend and float64. */
function backwardLoops(
  dy: FloatArray,
  x: FloatArray,
  mask: Uint8Array,
  rate: number,
  q: number,
  epsilon: number,
  slope: number,
  dx: FloatArray,
): void {
  const n = dy.length;
  const keptNoise = (slope * rate) / (1 - rate);
  if (q === 2) {
    const factor = noiseTable(NOISE, 1 + keptNoise, 1 - slope);
    for (let i = 0; i < n; i++) dx[i] = dy[i] * factor[mask[i]];
    return;
  }
  const noise = noiseTable(NOISE, keptNoise, -slope);
  switch (q) {
    case 1:
      for (let i = 0; i < n; i++) {
        const v = x[i];
        dx[i] = dy[i] * (1 + noise[mask[i]] / Math.sqrt((v < 0 ? -v : v) + epsilon));
      }
      return;
    case 3:
      for (let i = 0; i < n; i++) {
        const v = x[i];
        dx[i] = dy[i] * (1 + noise[mask[i]] * Math.sqrt((v < 0 ? -v : v) + epsilon));
      }
      return;
    case 0:
      for (let i = 0; i < n; i++) {
        const v = x[i];
        dx[i] = dy[i] * (1 + noise[mask[i]] / ((v < 0 ? -v : v) + epsilon));
      }
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        const v = x[i];
        dx[i] = dy[i] * (1 + noise[mask[i]] * ((v < 0 ? -v : v) + epsilon));
      }
      return;
    default: {
      const power = (q - 2) / 2;
      for (let i = 0; i < n; i++) {
        const v = x[i];
        dx[i] = dy[i] * (1 + noise[mask[i]] * fastPow((v < 0 ? -v : v) + epsilon, power));
      }
    }
  }
}
