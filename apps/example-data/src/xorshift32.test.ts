import { describe, expect, it } from 'vitest';
import { uniformRandom, xorshift32 } from './xorshift32.js';

describe('xorshift32', () => {
  it('gives the first output worked by hand for seed 1', () => {
    // y = 1: y ^= y << 13 -> 8193; y ^= y >>> 17 -> 8193; y ^= y << 5 -> 8193 ^ 262176 = 270369.
    expect(xorshift32(1)()).toBe(270369);
  });

  it('takes seed 0 as 1 and stays a nonzero unsigned 32-bit integer over 100,000 draws', () => {
    const zero = xorshift32(0);
    const one = xorshift32(1);
    for (let i = 0; i < 100_000; i++) {
      const value = zero();
      expect(value).toBe(one());
      if (!(Number.isInteger(value) && value > 0 && value < 2 ** 32)) throw new Error(`draw ${i}: ${value}`);
    }
  });

  it('uniformRandom is xorshift32 scaled into [0, 1)', () => {
    const ints = xorshift32(7);
    const uniform = uniformRandom(7);
    for (let i = 0; i < 1000; i++) {
      const u = uniform();
      expect(u).toBe(ints() / 2 ** 32);
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});
