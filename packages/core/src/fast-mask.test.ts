import { mulberry32 } from '@sparseout/testkit';
import { describe, expect, it } from 'vitest';
import { fillMask, keepThreshold } from './mask.js';
import { philox4x32 } from './philox.js';

const MASK_32 = 0xffffffffn;

/** Philox4x32-10 written plainly with BigInt products: the straightforward reference of S4.2. */
function referencePhilox(counter: readonly number[], key: readonly number[]): number[] {
  let [c0, c1, c2, c3] = counter.map(BigInt);
  let [k0, k1] = key.map(BigInt);
  for (let round = 0; round < 10; round++) {
    const p0 = c0 * 0xd2511f53n;
    const p1 = c2 * 0xcd9e8d57n;
    [c0, c1, c2, c3] = [(p1 >> 32n) ^ c1 ^ k0, p1 & MASK_32, (p0 >> 32n) ^ c3 ^ k1, p0 & MASK_32];
    k0 = (k0 + 0x9e3779b9n) & MASK_32;
    k1 = (k1 + 0xbb67ae85n) & MASK_32;
  }
  return [c0, c1, c2, c3].map(Number);
}

/** S4.2 element by element: element i takes word i mod 4 of block floor(i / 4). */
function referenceMask(n: number, rate: number, seed: bigint, step: bigint, offset: number): Uint8Array {
  const threshold = Math.floor(rate * 2 ** 32);
  const key = [Number(seed & MASK_32), Number(seed >> 32n)];
  const mask = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const i = offset + j;
    const block = Math.floor(i / 4);
    const counter = [
      block % 2 ** 32,
      Math.floor(block / 2 ** 32),
      Number(step & MASK_32),
      Number(step >> 32n),
    ];
    mask[j] = referencePhilox(counter, key)[i % 4] >= threshold ? 1 : 0;
  }
  return mask;
}

describe('the fast mask path against a plain reference', () => {
  it('S4.3 the BigInt reference reproduces the known answers', () => {
    expect(referencePhilox([0, 0, 0, 0], [0, 0]).map((w) => w.toString(16))).toEqual([
      '6627e8d5',
      'e169c58d',
      'bc57ac4c',
      '9b00dbd8',
    ]);
    expect(
      referencePhilox([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff]),
    ).toEqual([0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]);
  });

  it('S4.2 philox4x32 equals the BigInt reference on 4,000 random counters and keys', () => {
    const random = mulberry32(99);
    const word = () => Math.floor(random() * 2 ** 32);
    for (let i = 0; i < 4_000; i++) {
      const counter = [word(), word(), word(), word()];
      const key = [word(), word()];
      expect(Array.from(philox4x32(counter, key))).toEqual(referencePhilox(counter, key));
    }
  });

  it('S4.2/S4.4 fillMask gives the reference bits for 300 random seeds, steps, offsets and lengths', () => {
    const random = mulberry32(4242);
    const word = () => BigInt(Math.floor(random() * 2 ** 32));
    for (let trial = 0; trial < 300; trial++) {
      const seed = (word() << 32n) | word();
      const step = trial % 3 === 0 ? BigInt(trial) : (word() << 32n) | word();
      const offset = trial % 5 === 0 ? 2 ** 32 * 4 - 3 + trial : Math.floor(random() * 1e6);
      const n = 1 + Math.floor(random() * 37);
      const rate = [0.5, 0.1, 0.9, 1 / 3][trial % 4];
      const mask = new Uint8Array(n);
      fillMask(
        mask,
        keepThreshold(rate),
        Number(seed & MASK_32),
        Number(seed >> 32n),
        Number(step & MASK_32),
        Number(step >> 32n),
        offset,
      );
      expect(mask, `trial ${trial}`).toEqual(referenceMask(n, rate, seed, step, offset));
    }
  });
});
