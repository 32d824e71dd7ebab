import { describeValue, SparseoutError } from './errors.js';
import { validateRate } from './params.js';
import { philoxBlock } from './philox.js';
import { highWord, lowWord, type Seed, validateSeed } from './seed.js';
import { KEY_HI, KEY_LO, MASK_WORDS, STEP_HI, STEP_LO, THRESHOLD, wasmMask } from './wasm/drivers.js';

/** Where a seeded mask's draws come from (S4.2). */
export interface MaskOptions {
  /** The Philox key: an integer in [0, 2^64). */
  seed: Seed;
  /** The training step (counter words 2 and 3), an integer in [0, 2^64). Default 0 (also for null). */
  step?: Seed | null;
  /** The global index of the first element drawn, so chunked draws concatenate (S4.4). Default 0 (also for null). */
  offset?: number | null;
}

const TWO_32 = 2 ** 32;
/** The four words of the current Philox block, reused by every call (fillMask never nests). */
const WORDS = new Uint32Array(4);
/** fillMask's threshold, key and step words for the wasm driver (THRESHOLD, KEY_LO ...). */
const WASM_WORDS = new Int32Array(MASK_WORDS);

/** S4.2: the keep threshold: a word w keeps its element iff w >= floor(rate * 2^32). */
export function keepThreshold(rate: number): number {
  return Math.floor(rate * TWO_32);
}

/**
 * S4.1/S4.2: keep-mask bits for elements [offset, offset + n) of the seeded stream: element i takes
 * word (i mod 4) of Philox block floor(i / 4) under counter (b lo, b hi, step lo, step hi) and key
 * (seed lo, seed hi); it is kept (1) iff that word >= floor(rate * 2^32). Drawing [0, n) at once or
 * in chunks by `offset` gives the same bits (S4.4). With `out` given, writes there.
 */
export function bernoulliMask(n: number, rate: number, options: MaskOptions, out?: Uint8Array): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new SparseoutError('SPARSEOUT_INVALID_INPUT', `n must be an integer >= 0, got ${describeValue(n)}`);
  }
  validateRate(rate);
  if (options === null || typeof options !== 'object') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_SEED',
      `options.seed is required, got ${describeValue(options)}`,
    );
  }
  const seed = validateSeed(options.seed, 'seed');
  const step = validateSeed(options.step ?? 0, 'step');
  const offset = options.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `offset must be an integer >= 0, got ${describeValue(options.offset)}`,
    );
  }
  if (offset + n > Number.MAX_SAFE_INTEGER) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `offset + n must be at most 2^53 - 1, got offset ${offset} and n ${n}`,
    );
  }
  if (out !== undefined) {
    if (!(out instanceof Uint8Array)) {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_INPUT',
        `out must be a Uint8Array, got ${describeValue(out)}`,
      );
    }
    if (out.length !== n) {
      throw new SparseoutError('SPARSEOUT_SHAPE_MISMATCH', `out must have length ${n}, got ${out.length}`);
    }
  }
  const mask = out ?? allocateMask(n);
  // Signed 32-bit words (`| 0`): README, "Allocation".
  fillMask(
    mask,
    keepThreshold(rate) | 0,
    lowWord(seed) | 0,
    highWord(seed) | 0,
    lowWord(step) | 0,
    highWord(step) | 0,
    offset,
  );
  return mask;
}

/** A new mask of n bytes; SPARSEOUT_INVALID_INPUT where the platform cannot allocate that many. */
function allocateMask(n: number): Uint8Array {
  try {
    return new Uint8Array(n);
  } catch (error) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `n must be a length this platform can allocate, got ${describeValue(n)} (${(error as Error).message})`,
    );
  }
}

/**
 * The unchecked S4.2 loop: writes mask[j] for global element offset + j. Whole Philox blocks are
 * drawn once and all four words used; nothing is allocated. `threshold` and the key and step words
 * are 32-bit values, given unsigned or as the same bits signed (`value | 0`); hot callers pass the
 * signed form (README, "Allocation").
 */
export function fillMask(
  mask: Uint8Array,
  threshold: number,
  k0: number,
  k1: number,
  s0: number,
  s1: number,
  offset: number,
): void {
  const n = mask.length;
  if (n === 0) return;
  if (threshold >>> 0 === 0) {
    mask.fill(1);
    return;
  }
  // The 'wasm' backend draws whole blocks from the first element on a block boundary.
  const head = Math.min(n, (4 - (offset % 4)) % 4);
  if (n - head >= 16) {
    const wasmWords = WASM_WORDS;
    wasmWords[THRESHOLD] = threshold;
    wasmWords[KEY_LO] = k0;
    wasmWords[KEY_HI] = k1;
    wasmWords[STEP_LO] = s0;
    wasmWords[STEP_HI] = s1;
    if (wasmMask(head === 0 ? mask : mask.subarray(head), wasmWords, offset + head)) {
      if (head > 0) fillMask(mask.subarray(0, head), threshold, k0, k1, s0, s1, offset);
      return;
    }
  }
  const words = WORDS;
  const unsignedThreshold = threshold >>> 0;
  const key0 = k0 >>> 0;
  const key1 = k1 >>> 0;
  const step0 = s0 >>> 0;
  const step1 = s1 >>> 0;
  let j = 0;
  let block = Math.floor(offset / 4);
  let word = offset % 4;
  while (j < n) {
    philoxBlock(block % TWO_32, Math.floor(block / TWO_32), step0, step1, key0, key1, words, 0);
    if (word === 0 && j + 4 <= n) {
      // A whole block: one comparison per word, no inner loop.
      mask[j] = words[0] >= unsignedThreshold ? 1 : 0;
      mask[j + 1] = words[1] >= unsignedThreshold ? 1 : 0;
      mask[j + 2] = words[2] >= unsignedThreshold ? 1 : 0;
      mask[j + 3] = words[3] >= unsignedThreshold ? 1 : 0;
      j += 4;
    } else {
      for (; word < 4 && j < n; word++, j++) mask[j] = words[word] >= unsignedThreshold ? 1 : 0;
      word = 0;
    }
    block++;
  }
}
