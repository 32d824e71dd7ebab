import { describe, expect, it } from 'vitest';
import { disagreement, FLOAT32_AGREEMENT } from './agree.js';

describe('disagreement (what toAgree reports)', () => {
  it('S2.8 accepts float32 rounding of a float64 result and refuses 1e-5 relative more', () => {
    const expected = [1 / 3, -2.5, 0, 1e-9, 1e6];
    expect(disagreement(Float32Array.from(expected), expected)).toBeUndefined();
    expect(disagreement([1 / 3 + 1e-5], [1 / 3])).toMatch(/^element 0: /);
    expect(disagreement([0, 2e-6], [0, 0], FLOAT32_AGREEMENT)).toBe(
      'element 1: 0.000002, expected 0 (|difference| 0.000002, bound 0.000001 = max(0.00001 * |expected|, 0.000001))',
    );
    // The larger bound, not their sum: at 0.1 both are 1e-6, so 1.5e-6 off is refused.
    expect(disagreement([0.1 + 1.5e-6], [0.1])).toMatch(/^element 0: /);
  });

  it('matches NaN only with NaN and an infinity only with itself', () => {
    expect(
      disagreement([Number.NaN, Number.POSITIVE_INFINITY], [Number.NaN, Number.POSITIVE_INFINITY]),
    ).toBeUndefined();
    expect(disagreement([1], [Number.NaN])).toMatch(/^element 0/);
    expect(disagreement([Number.NaN], [1])).toMatch(/^element 0/);
    expect(disagreement([Number.NEGATIVE_INFINITY], [Number.POSITIVE_INFINITY])).toMatch(/^element 0/);
  });

  it('refuses arrays of different lengths, and takes a looser tolerance when given one', () => {
    expect(disagreement([1, 2], [1])).toBe('length 2, expected 1');
    expect(disagreement([1.01], [1], { rel: 0.02, abs: 0 })).toBeUndefined();
    expect(disagreement([1.03], [1], { rel: 0.02, abs: 0 })).toMatch(/^element 0: 1\.03, expected 1/);
  });
});
