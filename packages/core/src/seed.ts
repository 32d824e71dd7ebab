import { describeValue, SparseoutError } from './errors.js';

/** A seed or step (S4.2): an integer in [0, 2^64), as a safe-integer number or a bigint. */
export type Seed = number | bigint;

const TWO_32 = 2 ** 32;
const TWO_64_BIG = 1n << 64n;

/**
 * S4.2: splits a seed or step into its low and high 32-bit words, (v mod 2^32, floor(v / 2^32)).
 * Throws SPARSEOUT_INVALID_SEED for a non-integer, a negative value, a number beyond
 * Number.MAX_SAFE_INTEGER or a bigint >= 2^64.
 */
export function splitWords(value: unknown, name: string): [lo: number, hi: number] {
  if (typeof value === 'bigint') {
    if (value < 0n || value >= TWO_64_BIG) {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_SEED',
        `${name} must be an integer in [0, 2^64), got ${describeValue(value)}`,
      );
    }
    return [Number(value & 0xffffffffn), Number(value >> 32n)];
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_SEED',
      `${name} must be a safe integer >= 0 (or a bigint below 2^64), got ${describeValue(value)}`,
    );
  }
  return [value % TWO_32, Math.floor(value / TWO_32)];
}

/** S4.2: validates a seed without splitting it; returns it unchanged. */
export function validateSeed(seed: unknown, name = 'seed'): Seed {
  splitWords(seed, name);
  return seed as Seed;
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
