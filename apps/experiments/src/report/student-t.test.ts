import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile, tCritical } from './student-t.js';

describe("Student's t distribution (paired analysis of experiments 3 and 4)", () => {
  it('the CDF matches closed forms for 1 and 2 degrees of freedom', () => {
    // df 1 is the Cauchy distribution: 1/2 + atan(t)/π.
    for (const t of [-3, -1, 0, 0.5, 1, 7])
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
    // df 2: 1/2 + t / (2 √(2 + t²)).
    for (const t of [-2, 0.3, 2, 10])
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
  });

  it('two-sided 5% critical values match the printed t table (6 significant digits)', () => {
    const table: Array<[number, number]> = [
      [1, 12.7062],
      [2, 4.30265],
      [3, 3.18245],
      [4, 2.77645],
      [5, 2.57058],
      [7, 2.36462],
      [9, 2.26216],
      [11, 2.20099],
      [15, 2.13145],
      [30, 2.04227],
    ];
    for (const [df, value] of table) expect(tCritical(df)).toBeCloseTo(value, 4);
    // Other levels: t(0.995, 9) = 3.24984, t(0.95, 4) = 2.13185.
    expect(tCritical(9, 0.01)).toBeCloseTo(3.24984, 4);
    expect(tCritical(4, 0.1)).toBeCloseTo(2.13185, 4);
    // Large df approach the normal quantile 1.959964.
    expect(tCritical(1e6)).toBeCloseTo(1.959966, 5);
  });

  it('the quantile inverts the CDF and is odd', () => {
    for (const df of [1, 3, 9.5, 40]) {
      for (const p of [0.01, 0.2, 0.5, 0.9, 0.999]) {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
      }
      expect(studentTQuantile(0.025, df)).toBeCloseTo(-studentTQuantile(0.975, df), 10);
    }
  });

  it('rejects degrees of freedom <= 0 and probabilities outside (0, 1)', () => {
    expect(() => tCritical(0)).toThrow(RangeError);
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => tCritical(5, 0)).toThrow(RangeError);
  });
});
