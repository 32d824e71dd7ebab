import { assertFloatArray, assertMask, assertSameFloatArray, type FloatArray, outputLike } from './arrays.js';
import { gainFor } from './gain.js';
import { type GradientMode, type SparseoutParams, validateGradient, validateParams } from './params.js';

/** Backward parameters: S1 plus the S3 gradient mode and the S2.4/S3.3 inference switch. */
export interface BackwardParams extends SparseoutParams {
  /** S3.1 `'reference'` (default, the published implementation) or S3.2 `'exact'`. */
  gradient?: GradientMode;
  /** false: inference, dx = dy (S3.3). Default true. */
  training?: boolean;
}

/**
 * S3: the gradient of S2.3 with respect to x, given the upstream gradient dy, the same x and the
 * same mask as the forward pass. 'reference': dx = dy * (1 + n * g) (S3.1); 'exact':
 * dx = dy * (1 + n * (q / 2) * g) (S3.2). Returns an array of dy's type; with `out` given it writes
 * there and allocates nothing. Throws SparseoutError (S1.4) before writing anything.
 */
export function sparseoutBackward<T extends FloatArray>(
  dy: T,
  x: FloatArray,
  mask: Uint8Array,
  params: BackwardParams,
  out?: T,
): T {
  assertFloatArray(dy, 'dy');
  const { rate, q, epsilon } = validateParams(params);
  const gradient = validateGradient(params.gradient);
  assertFloatArray(x, 'x');
  if (x.length !== dy.length) assertSameFloatArray(x, dy, 'x');
  assertMask(mask, dy.length);
  const dx = outputLike(dy, out, 'out');
  if (params.training === false || rate === 0) {
    if (dx !== dy) dx.set(dy);
    return dx;
  }
  backwardKernel(dy, x, mask, rate, q, epsilon, gradient === 'exact' ? q / 2 : 1, dx);
  return dx;
}

/**
 * The unchecked S3 loop: dx = dy * (1 + n * slope * g), slope = 1 (reference) or q / 2 (exact).
 * One pass, no allocation; `dx` may alias `dy`.
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
  const n = dy.length;
  const keptNoise = (slope * rate) / (1 - rate);
  const droppedNoise = -slope;
  if (q === 2) {
    const kept = 1 + keptNoise;
    const dropped = 1 + droppedNoise;
    for (let i = 0; i < n; i++) dx[i] = dy[i] * (mask[i] !== 0 ? kept : dropped);
    return;
  }
  const gain = gainFor(q);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const g = gain((v < 0 ? -v : v) + epsilon);
    dx[i] = dy[i] * (1 + (mask[i] !== 0 ? keptNoise : droppedNoise) * g);
  }
}
