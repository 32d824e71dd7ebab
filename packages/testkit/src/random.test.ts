import { describe, expect, it } from 'vitest';
import { mulberry32, withSeededMathRandom } from './random.js';

describe('seeded test randomness', () => {
  it('mulberry32 gives the widely quoted first values for seed 1 (0.6270739405881613, ...), in [0, 1)', () => {
    const next = mulberry32(1);
    const values = Array.from({ length: 1000 }, next);
    expect(values.slice(0, 3).map((v) => Math.round(v * 2 ** 32))).toEqual([
      2693262067, 11749833, 2265367787,
    ]);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Array.from({ length: 1000 }, mulberry32(1))).toEqual(values);
    expect(mulberry32(2)()).not.toBe(values[0]);
  });

  it('withSeededMathRandom replaces Math.random for the call only, also when it throws', () => {
    const original = Math.random;
    const drawn = withSeededMathRandom(7, () => [Math.random(), Math.random()]);
    const reference = mulberry32(7);
    expect(drawn).toEqual([reference(), reference()]);
    expect(Math.random).toBe(original);
    expect(() =>
      withSeededMathRandom(7, () => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(Math.random).toBe(original);
  });
});
