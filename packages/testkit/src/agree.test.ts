import { describe, expect, it } from 'vitest';
import { assertAgree, FLOAT32_AGREEMENT } from './agree.js';

describe('assertAgree', () => {
  it('S2.8 accepts float32 rounding of a float64 result and refuses one ulp-of-1e-4 more', () => {
    const expected = [1 / 3, -2.5, 0, 1e-9, 1e6];
    assertAgree(Float32Array.from(expected), expected);
    expect(() => assertAgree([1 / 3 + 1e-5], [1 / 3])).toThrow(/element 0/);
    expect(() => assertAgree([0, 2e-6], [0, 0], FLOAT32_AGREEMENT)).toThrow(
      /element 1: 0.000002, expected 0/,
    );
  });

  it('matches NaN only with NaN and an infinity only with itself', () => {
    assertAgree([Number.NaN, Number.POSITIVE_INFINITY], [Number.NaN, Number.POSITIVE_INFINITY]);
    expect(() => assertAgree([1], [Number.NaN])).toThrow(/element 0/);
    expect(() => assertAgree([Number.NaN], [1])).toThrow(/element 0/);
    expect(() => assertAgree([Number.NEGATIVE_INFINITY], [Number.POSITIVE_INFINITY])).toThrow(/element 0/);
  });

  it('refuses arrays of different lengths, and takes a looser tolerance when given one', () => {
    expect(() => assertAgree([1, 2], [1])).toThrow(/length 2, expected 1/);
    assertAgree([1.01], [1], { rel: 0.02, abs: 0 });
  });
});
