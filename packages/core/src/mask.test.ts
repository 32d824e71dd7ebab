import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getKernelBackend, setKernelBackend } from './backend.js';
import { bernoulliMask, fillMask, keepThreshold } from './mask.js';
import { philox4x32 } from './philox.js';

/** S4.2 written out element by element, with BigInt word splitting, as an oracle. */
function oracleMask(n: number, rate: number, seed: bigint, step: bigint, offset: number): Uint8Array {
  const low = (v: bigint) => Number(v & 0xffffffffn);
  const high = (v: bigint) => Number(v >> 32n);
  const threshold = Math.floor(rate * 2 ** 32);
  const mask = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const i = BigInt(offset + j);
    const block = i / 4n;
    const words = philox4x32([low(block), high(block), low(step), high(step)], [low(seed), high(seed)]);
    mask[j] = words[Number(i % 4n)] >= threshold ? 1 : 0;
  }
  return mask;
}

describe('S4.2 seeded mask layout', () => {
  const cases: Array<[string, number | bigint, number | bigint, number]> = [
    ['seed 0, step 0', 0, 0, 0],
    ['seed 42, step 7', 42, 7, 0],
    ['seed above 2^32', 2 ** 32 + 12345, 3, 0],
    ['step above 2^32', 99, 2 ** 40 + 5, 0],
    ['max safe seed', Number.MAX_SAFE_INTEGER, 1, 0],
    ['bigint seed near 2^64', (1n << 64n) - 1n, (1n << 64n) - 2n, 0],
    ['offset not a multiple of 4', 7, 1, 13],
    ['offset above 2^34 (block above 2^32)', 5, 9, 2 ** 34 + 3],
  ];
  for (const [name, seed, step, offset] of cases) {
    it(`S4.2 matches the element-by-element definition: ${name}`, () => {
      for (const rate of [0.1, 0.5, 0.9]) {
        const actual = bernoulliMask(37, rate, { seed, step, offset });
        expect(actual).toEqual(oracleMask(37, rate, BigInt(seed), BigInt(step), offset));
      }
    });
  }

  it('S4.2 a number seed and the same bigint seed give the same mask', () => {
    const seed = 2 ** 50 + 17;
    expect(bernoulliMask(64, 0.5, { seed })).toEqual(bernoulliMask(64, 0.5, { seed: BigInt(seed) }));
  });

  it('S4.2 the threshold is floor(rate * 2^32)', () => {
    expect(keepThreshold(0)).toBe(0);
    expect(keepThreshold(0.5)).toBe(2 ** 31);
    expect(keepThreshold(0.1)).toBe(Math.floor(0.1 * 2 ** 32));
  });

  it('S4.2 fillMask takes 32-bit words unsigned or as the same bits signed, on every backend', () => {
    const before = getKernelBackend();
    try {
      for (const backend of ['js', 'wasm'] as const) {
        setKernelBackend(backend);
        // Words >= 2^31, whose signed forms are negative; 1000 elements from offset 4: wasm blocks
        // plus a JS tail; offset 2 adds a JS head.
        const words = [keepThreshold(0.7), 0xdeadbeef, 0x80000001, 0xfffffffe, 0x90000000];
        for (const offset of [4, 2]) {
          const unsigned = new Uint8Array(1000);
          const signed = new Uint8Array(1000);
          fillMask(unsigned, words[0], words[1], words[2], words[3], words[4], offset);
          fillMask(signed, words[0] | 0, words[1] | 0, words[2] | 0, words[3] | 0, words[4] | 0, offset);
          expect(signed).toEqual(unsigned);
          const seed = (BigInt(words[2]) << 32n) | BigInt(words[1]);
          const step = (BigInt(words[4]) << 32n) | BigInt(words[3]);
          expect(unsigned).toEqual(bernoulliMask(1000, 0.7, { seed, step, offset }));
        }
      }
    } finally {
      setKernelBackend(before);
    }
  });

  it('S4.2 rate 0 keeps every element', () => {
    expect(bernoulliMask(101, 0, { seed: 3 }).every((bit) => bit === 1)).toBe(true);
  });

  it('S4.2 different steps give different masks', () => {
    expect(bernoulliMask(256, 0.5, { seed: 1, step: 0 })).not.toEqual(
      bernoulliMask(256, 0.5, { seed: 1, step: 1 }),
    );
  });
});

describe('S4.4 chunked draws equal the single draw', () => {
  it('S4.4 any split into chunks by offset concatenates to the single draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 2 ** 32 + 10 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (n, cuts, seed, step, rate) => {
          const whole = bernoulliMask(n, rate, { seed, step });
          const bounds = [0, ...cuts.map((c) => c % (n + 1)).sort((a, b) => a - b), n];
          const joined = new Uint8Array(n);
          for (let k = 0; k + 1 < bounds.length; k++) {
            const [from, to] = [bounds[k], bounds[k + 1]];
            joined.set(bernoulliMask(to - from, rate, { seed, step, offset: from }), from);
          }
          expect(joined).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('S4.4 writing into a given buffer equals allocating', () => {
    const out = new Uint8Array(1000);
    const returned = bernoulliMask(1000, 0.3, { seed: 11, step: 2 }, out);
    expect(returned).toBe(out);
    expect(out).toEqual(bernoulliMask(1000, 0.3, { seed: 11, step: 2 }));
  });
});
