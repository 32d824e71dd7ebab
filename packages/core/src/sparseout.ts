import { assertFloatArray, assertMask, type FloatArray, outputLike } from './arrays.js';
import { describeValue, SparseoutError } from './errors.js';
import { forwardKernel } from './forward.js';
import { fillMask, keepThreshold } from './mask.js';
import { type SparseoutParams, validateEpsilon, validateParams, validateQ, validateRate } from './params.js';
import { highWord, lowWord, randomSeed, type Seed, validateSeed } from './seed.js';
import { wasmSeededForward } from './wasm/drivers.js';

/** Options of the one-call sampler: S1 parameters, the S2.4 switch and the S4.2 seed and step. */
export interface SparseoutOptions extends SparseoutParams {
  /** false: inference, y = x and every mask bit is 1 (S2.4). Default true. */
  training?: boolean;
  /** S4.2 seed; a fresh random seed is drawn when absent. */
  seed?: Seed;
  /** S4.2 step (which training call this is). Default 0. */
  step?: Seed;
  /** A buffer of the input's length to receive the mask, so the call allocates nothing. */
  maskOut?: Uint8Array;
}

/** The result of `sparseout`: the output and the keep-mask it used (1 = kept). */
export interface SparseoutResult<T extends FloatArray> {
  y: T;
  mask: Uint8Array;
}

/**
 * Draws a keep-mask (S4.2, seeded; from a random seed when none is given) and applies S2 to it.
 * `training: false` and rate 0 are the identity with an all-ones mask (S2.4).
 * Throws SparseoutError (S1.4) before writing anything.
 */
export function sparseout<T extends FloatArray>(
  x: T,
  options: SparseoutOptions,
  out?: T,
): SparseoutResult<T> {
  assertFloatArray(x, 'x');
  if (options === null || typeof options !== 'object') validateParams(options);
  // Field by field rather than validateParams' result object: this call allocates nothing beyond
  // its result when `out` and `maskOut` are given.
  const rate = validateRate(options.rate);
  const q = validateQ(options.q);
  const epsilon = validateEpsilon(options.epsilon);
  if (options.training !== undefined && typeof options.training !== 'boolean') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `training must be a boolean, got ${describeValue(options.training)}`,
    );
  }
  const seed = validateSeed(options.seed ?? randomSeed(), 'seed');
  const step = validateSeed(options.step ?? 0, 'step');
  if (options.maskOut !== undefined) assertMask(options.maskOut, x.length, 'maskOut');
  const y = outputLike(x, out);
  const mask = options.maskOut ?? new Uint8Array(x.length);
  if (options.training === false || rate === 0) {
    mask.fill(1);
    if (y !== x) y.set(x);
    return { y, mask };
  }
  const threshold = keepThreshold(rate);
  // The 'wasm' backend draws each chunk's mask and applies S2.3 to it while it is in cache.
  const k0 = lowWord(seed);
  const k1 = highWord(seed);
  const s0 = lowWord(step);
  const s1 = highWord(step);
  if (!wasmSeededForward(x, threshold, k0, k1, s0, s1, rate, q, epsilon, mask, y)) {
    fillMask(mask, threshold, k0, k1, s0, s1, 0);
    forwardKernel(x, mask, rate, q, epsilon, y);
  }
  return { y, mask };
}
