import { describeValue, SparseoutError } from './errors.js';

/**
 * Philox4x32-10 (Salmon et al., SC'11), the counter-based generator of S4.2: four 32-bit counter
 * words and two key words in, four pseudo-random 32-bit words out, ten rounds.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO_NEG_32 = 2 ** -32;

/**
 * Fills `out[offset .. offset + 3]` with Philox4x32-10 of counter (c0, c1, c2, c3) and key (k0, k1).
 * All arguments are uint32 values. The inner loop of every seeded mask (S4.2).
 */
export function philoxBlock(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
  offset: number,
): void {
  for (let round = 0; round < 10; round++) {
    // The low word of c * M by Math.imul; the high word from the float64 product, which is within
    // 2^11 of the exact 64-bit c * M: (c * M - low) / 2^32 is then within 2^-20 of the exact high
    // word, so adding 1/2 and truncating (>>> 0) gives it exactly.
    const lo0 = Math.imul(c0, M0) >>> 0;
    const hi0 = ((c0 * M0 - lo0) * TWO_NEG_32 + 0.5) >>> 0;
    const lo1 = Math.imul(c2, M1) >>> 0;
    const hi1 = ((c2 * M1 - lo1) * TWO_NEG_32 + 0.5) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  out[offset] = c0;
  out[offset + 1] = c1;
  out[offset + 2] = c2;
  out[offset + 3] = c3;
}

/**
 * S1.4: throws unless `words` is an array or typed array of `length` integers in [0, 2^32):
 * SPARSEOUT_INVALID_INPUT for anything but such an array or for a word out of range,
 * SPARSEOUT_SHAPE_MISMATCH for another length.
 */
function assertWords(words: unknown, length: number, name: string): asserts words is ArrayLike<number> {
  const isArray =
    Array.isArray(words) ||
    (ArrayBuffer.isView(words) &&
      !(words instanceof DataView) &&
      !(words instanceof BigInt64Array) &&
      !(words instanceof BigUint64Array));
  if (!isArray) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${name} must be an array of ${length} 32-bit words, got ${describeValue(words)}`,
    );
  }
  const array = words as ArrayLike<unknown>;
  if (array.length !== length) {
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `${name} must have ${length} words, got ${array.length}`,
    );
  }
  for (let i = 0; i < length; i++) {
    const word = array[i];
    if (typeof word !== 'number' || !Number.isInteger(word) || word < 0 || word > 0xffffffff) {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_INPUT',
        `${name}[${i}] must be an integer in [0, 2^32), got ${describeValue(word)}`,
      );
    }
  }
}

/**
 * S4.2/S4.3: Philox4x32-10 of a four-word counter and a two-word key, as a new Uint32Array(4).
 * Each word is an integer in [0, 2^32); anything else throws SparseoutError (S1.4).
 */
export function philox4x32(counter: ArrayLike<number>, key: ArrayLike<number>): Uint32Array {
  assertWords(counter, 4, 'counter');
  assertWords(key, 2, 'key');
  const out = new Uint32Array(4);
  philoxBlock(
    counter[0] >>> 0,
    counter[1] >>> 0,
    counter[2] >>> 0,
    counter[3] >>> 0,
    key[0] >>> 0,
    key[1] >>> 0,
    out,
    0,
  );
  return out;
}
