import { describe, expect, it } from 'vitest';
import { uniforms } from '../random.js';
import { hoeffdingHalfWidth } from './hoeffding.js';

describe('hoeffdingHalfWidth', () => {
  it('S5.4 is sqrt(sum R^2 ln(2/delta) / 2) / n: for n fair coins, sqrt(ln(2/delta) / (2n))', () => {
    expect(hoeffdingHalfWidth(100, 100, 1e-6)).toBeCloseTo(Math.sqrt(Math.log(2e6) / 200), 15);
    expect(hoeffdingHalfWidth(4 * 100, 100, 0.05)).toBeCloseTo(2 * Math.sqrt(Math.log(40) / 200), 15);
  });

  // At delta = 0.1 the bound may fail at most 10% of the time; over 2,000 seeded trials of a mean
  // of 50 uniforms it fails far less (Hoeffding is loose), so more than 10% failures (200) would
  // mean the formula is too tight. Deterministic: the trials' numbers are seeded.
  it('S5.4 holds for means of uniforms at least 1 - delta of the time (2,000 seeded trials)', () => {
    const n = 50;
    let failures = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const u = uniforms(n, 3, trial);
      const mean = u.reduce((a, b) => a + b, 0) / n;
      if (Math.abs(mean - 0.5) > hoeffdingHalfWidth(n, n, 0.1)) failures++;
    }
    expect(failures).toBeLessThanOrEqual(200);
  });

  it('rejects n <= 0 and delta outside (0, 1)', () => {
    expect(() => hoeffdingHalfWidth(1, 0, 0.1)).toThrow(RangeError);
    expect(() => hoeffdingHalfWidth(1, 1, 0)).toThrow(RangeError);
    expect(() => hoeffdingHalfWidth(1, 1, 1)).toThrow(RangeError);
  });
});
