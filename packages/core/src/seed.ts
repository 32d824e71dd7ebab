import { describeValue, SparseoutError } from './errors.js';

/** A seed or step (S4.2): an integer in [0, 2^64), as a safe-integer number or a bigint. */
export type Seed = number | bigint;

const TWO_32 = 2 ** 32;
const TWO_64_BIG = 1n << 64n;

/**
 * S4.2: throws SPARSEOUT_INVALID_SEED unless `seed` is an integer in [0, 2^64): a safe-integer
 * number >= 0 or a bigint below 2^64. Returns it unchanged; allocates nothing.
 */
export function validateSeed(seed: unknown, name = 'seed'): Seed {
  if (typeof seed === 'bigint') {
    if (seed < 0n || seed >= TWO_64_BIG) {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_SEED',
        `${name} must be an integer in [0, 2^64), got ${describeValue(seed)}`,
      );
    }
    return seed;
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_SEED',
      `${name} must be a safe integer >= 0 (or a bigint below 2^64), got ${describeValue(seed)}`,
    );
  }
  return seed;
}

/** S4.2: the low 32-bit word of a validated seed or step, v mod 2^32. */
export function lowWord(value: Seed): number {
  return typeof value === 'bigint' ? Number(value & 0xffffffffn) : value % TWO_32;
}

/** S4.2: the high 32-bit word of a validated seed or step, floor(v / 2^32). */
export function highWord(value: Seed): number {
  return typeof value === 'bigint' ? Number(value >> 32n) : Math.floor(value / TWO_32);
}

/**
 * S4.2: validates a seed or step and splits it into its low and high 32-bit words,
 * (v mod 2^32, floor(v / 2^32)). Throws SPARSEOUT_INVALID_SEED as `validateSeed` does.
 */
export function splitWords(value: unknown, name: string): [lo: number, hi: number] {
  const valid = validateSeed(value, name);
  return [lowWord(valid), highWord(valid)];
}

/**
 * A fresh random seed for callers that did not give one (a safe integer, so it can be logged and
 * replayed). Uses the platform's crypto.getRandomValues.
 */
export function randomSeed(): number {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return (words[1] & 0x1fffff) * TWO_32 + words[0];
}
