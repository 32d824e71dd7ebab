import {
  assertFloatArray,
  assertMask,
  assertNoPartialOverlap,
  type FloatArray,
  outputLike,
} from './arrays.js';
import { SparseoutError } from './errors.js';
import { forwardKernel } from './forward.js';
import { fillMask, keepThreshold } from './mask.js';
import { EPSILON, Q, RATE, readParams, type SparseoutParams, validateTraining } from './params.js';
import { highWord, lowWord, randomSeed, type Seed, validateSeed } from './seed.js';
import {
  KEY_HI,
  KEY_LO,
  MASK_WORDS,
  STEP_HI,
  STEP_LO,
  THRESHOLD,
  wasmSeededForward,
} from './wasm/drivers.js';

/** Options of the one-call sampler: S1 parameters, the S2.4 switch and the S4.2 seed and step. */
export interface SparseoutOptions extends SparseoutParams {
  /** false: inference, y = x and every mask bit is 1 (S2.4). Default true. */
  training?: boolean;
  /** S4.2 seed; a fresh random seed is drawn when absent (undefined or null, amendment A2). */
  seed?: Seed | null;
  /** S4.2 step (which training call this is). Default 0 (also for null, amendment A2). */
  step?: Seed | null;
  /** A buffer of the input's length to receive the mask, so the call allocates nothing. */
  maskOut?: Uint8Array;
}

/** The result of `sparseout`: the output and the keep-mask it used (1 = kept). */
export interface SparseoutResult<T extends FloatArray> {
  y: T;
  mask: Uint8Array;
}

/**
 * The validated options of the current call, reused so that a call allocates nothing (README,
 * "Allocation"): rate, q and epsilon in a Float64Array (readParams), then the slope 1
 * (wasmSeededForward's layout); the Philox words in an Int32Array; the rest in an object.
 */
const scalars = Float64Array.of(0, 0, 0, 1);
const words = new Int32Array(MASK_WORDS);
const call = { training: true, seed: 0 as Seed, step: 0 as Seed };

/**
 * S1.4: validates `options` (and `maskOut` against x's length) into `call`; throws SparseoutError.
 * A null seed or step is absent, as undefined is (S4, amendment A2).
 */
function validateOptions(options: SparseoutOptions, length: number): void {
  readParams(options, scalars);
  call.training = validateTraining(options.training);
  call.seed = validateSeed(options.seed ?? randomSeed(), 'seed');
  call.step = validateSeed(options.step ?? 0, 'step');
  if (options.maskOut !== undefined) assertMask(options.maskOut, length, 'maskOut');
}

/**
 * S1.4: `out` may be x itself; `out` and the mask must share no other bytes with x or each other,
 * since the mask is written before x is read (SPARSEOUT_INVALID_INPUT).
 */
function assertSeparate(x: FloatArray, y: FloatArray, mask: Uint8Array): void {
  assertNoPartialOverlap(y, x, 'out', 'x');
  assertNoPartialOverlap(mask, x, 'maskOut', 'x');
  assertNoPartialOverlap(mask, y, 'maskOut', 'out');
}

/** S4.2 then S2.3 with the validated `call`: writes the mask to `mask` and the output to `y`. */
function sample(x: FloatArray, mask: Uint8Array, y: FloatArray): void {
  const rate = scalars[RATE];
  if (!call.training || rate === 0) {
    mask.fill(1);
    if (y !== x) y.set(x);
    return;
  }
  words[THRESHOLD] = keepThreshold(rate);
  words[KEY_LO] = lowWord(call.seed);
  words[KEY_HI] = highWord(call.seed);
  words[STEP_LO] = lowWord(call.step);
  words[STEP_HI] = highWord(call.step);
  // The 'wasm' backend draws each chunk's mask and applies S2.3 to it while it is in cache.
  if (!wasmSeededForward(x, words, scalars, mask, y)) {
    fillMask(mask, words[THRESHOLD], words[KEY_LO], words[KEY_HI], words[STEP_LO], words[STEP_HI], 0);
    forwardKernel(x, mask, rate, scalars[Q], scalars[EPSILON], y);
  }
}

/**
 * Draws a keep-mask (S4.2, seeded; from a random seed when none is given) and applies S2 to it.
 * `training: false` and rate 0 are the identity with an all-ones mask (S2.4).
 * Throws SparseoutError (S1.4) before writing anything. Allocates the result object (and y and the
 * mask unless `out` and `maskOut` are given); `sparseoutInto` allocates nothing.
 */
export function sparseout<T extends FloatArray>(
  x: T,
  options: SparseoutOptions,
  out?: T,
): SparseoutResult<T> {
  assertFloatArray(x, 'x');
  validateOptions(options, x.length);
  const y = outputLike(x, out);
  const mask = options.maskOut ?? new Uint8Array(x.length);
  if (out !== undefined || options.maskOut !== undefined) assertSeparate(x, y, mask);
  sample(x, mask, y);
  return { y, mask };
}

/**
 * `sparseout` for hot loops: writes the mask to the required `options.maskOut` and the output to
 * the required `out`, returns nothing and allocates nothing (S2, S4.2). Throws SparseoutError
 * (S1.4: SPARSEOUT_INVALID_INPUT without either buffer) before writing anything.
 */
export function sparseoutInto<T extends FloatArray>(
  x: T,
  options: SparseoutOptions & { maskOut: Uint8Array },
  out: T,
): void {
  assertFloatArray(x, 'x');
  validateOptions(options, x.length);
  if (options.maskOut === undefined) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      'maskOut is required by sparseoutInto, got undefined',
    );
  }
  if (out === undefined) {
    throw new SparseoutError('SPARSEOUT_INVALID_INPUT', 'out is required by sparseoutInto, got undefined');
  }
  const y = outputLike(x, out);
  assertSeparate(x, y, options.maskOut);
  sample(x, options.maskOut, y);
}
