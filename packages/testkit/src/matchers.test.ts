import { describe, expect, it } from 'vitest';
import './matchers.js';

describe('toAgree', () => {
  it('S2.8 by default: accepts float32 rounding of a float64 result, refuses 1e-5 relative more', () => {
    const expected = [1 / 3, -2.5, 0, 1e-9, 1e6];
    expect(Float32Array.from(expected)).toAgree(expected);
    expect(() => expect([1 / 3, 1 / 3 + 1e-5]).toAgree([1 / 3, 1 / 3])).toThrow(
      /^expected to agree: element 1: 0\.33334333.*, expected 0\.33333333.* \(\|difference\| 0\.0000100.*, bound 0\.0000033.* = max\(0\.00001 \* \|expected\|, 0\.000001\)\)$/,
    );
    expect(() => expect([0, 2e-6]).toAgree([0, 0])).toThrow(/element 1: 0\.000002, expected 0/);
  });

  it('fails naming the first disagreeing index, both values, the bound and how many disagree', () => {
    const expected = [1, 2, 3, 4];
    expect(() => expect([1, 2.5, 3, 5]).toAgree(expected, { rel: 1e-12 })).toThrow(
      'expected to agree: element 1: 2.5, expected 2 (|difference| 0.5, bound 2e-12 = 1e-12 * |expected| + 0); 2 of 4 elements disagree',
    );
  });

  it('a tolerance given sets only what it says: rel alone is relative only, abs alone absolute only', () => {
    expect(1 + 1e-13).toAgree(1, { rel: 1e-12 });
    expect(() => expect(1e-13).toAgree(0, { rel: 1e-12 })).toThrow(/element 0/);
    expect(1e-13).toAgree(0, { abs: 1e-12 });
    expect(() => expect(1.1).toAgree(1, { abs: 0.05 })).toThrow(/bound 0\.05 = 0 \* \|expected\| \+ 0\.05/);
  });

  it("combine 'sum' adds the bounds, 'max' takes the larger: a difference between the two tells them apart", () => {
    // rel * |e| = 0.1 and abs = 0.1: 'sum' allows 0.2, 'max' allows 0.1.
    expect(10.15).toAgree(10, { rel: 0.01, abs: 0.1 });
    expect(() => expect(10.15).toAgree(10, { rel: 0.01, abs: 0.1, combine: 'max' })).toThrow(
      /bound 0\.1 = max\(0\.01 \* \|expected\|, 0\.1\)/,
    );
    expect(10.1).toAgree(10, { rel: 0.01, abs: 0.1, combine: 'max' });
  });

  it('takes one absolute bound per element', () => {
    expect([1e-3, 1e-9]).toAgree([0, 0], { abs: [1e-3, 1e-9] });
    expect(() => expect([1e-3, 1e-8]).toAgree([0, 0], { abs: [1e-3, 1e-9] })).toThrow(/element 1: 1e-8/);
    expect(() => expect([0, 0]).toAgree([0, 0], { abs: [1] })).toThrow('1 absolute bounds for 2 elements');
  });

  it('matches NaN only with NaN and an infinity only with itself, whatever the tolerance', () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, -0]).toAgree([Number.NaN, Number.POSITIVE_INFINITY, 0]);
    const loose = { rel: 1, abs: 1e300 };
    expect(() => expect(1).toAgree(Number.NaN, loose)).toThrow(/element 0: 1, expected NaN/);
    expect(() => expect(Number.NaN).toAgree(1, loose)).toThrow(/element 0: NaN, expected 1/);
    expect(() => expect(Number.POSITIVE_INFINITY).toAgree(1e308, loose)).toThrow(/element 0: Infinity/);
    expect(() => expect(Number.NEGATIVE_INFINITY).toAgree(Number.POSITIVE_INFINITY, loose)).toThrow(
      /element 0/,
    );
  });

  it('refuses different lengths and values that are not numbers; .not inverts it', () => {
    expect(() => expect([1, 2]).toAgree([1])).toThrow('expected to agree: length 2, expected 1');
    expect(() => expect('1').toAgree(1)).toThrow(
      'toAgree: the value must be a number or an array of numbers, got 1',
    );
    expect(() => expect([1]).toAgree(['1' as unknown as number])).toThrow(/expected must be a number/);
    expect([1.1]).not.toAgree([1]);
    expect(() => expect([1]).not.toAgree([1])).toThrow(
      /expected not to agree within rel 0\.00001, abs 0\.000001/,
    );
  });

  it("prefixes the message given to expect(value, message), as Vitest's own matchers", () => {
    expect(() => expect([2], 'rate 0.5').toAgree([1])).toThrow(/^rate 0\.5: expected to agree: element 0/);
  });
});
