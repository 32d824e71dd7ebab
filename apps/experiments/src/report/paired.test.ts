import { describe, expect, it } from 'vitest';
import { pairedAnalysis, pairedVerdict, welchAnalysis } from './paired.js';

// Student's (1908) sleep data, as in R's `sleep`: extra hours of sleep of 10 patients under two drugs.
const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('seed-paired analysis', () => {
  it("reproduces R's paired t.test on the sleep data (t -4.0621, df 9, p 0.002833, CI -2.4599..-0.7001)", () => {
    const r = pairedAnalysis(drug1, drug2);
    expect(r.n).toBe(10);
    expect(r.df).toBe(9);
    expect(r.mean).toBeCloseTo(-1.58, 12);
    expect(r.t).toBeCloseTo(-4.062128, 5);
    expect(r.p).toBeCloseTo(0.00283289, 8);
    expect(r.low).toBeCloseTo(-2.4598858, 6);
    expect(r.high).toBeCloseTo(-0.7001142, 6);
    expect(r.tCritical).toBeCloseTo(2.262157, 5);
  });

  it("reproduces R's Welch t.test on the same data unpaired (df 17.776, CI -3.3655..0.2055)", () => {
    const w = welchAnalysis(drug1, drug2);
    expect(w.mean).toBeCloseTo(-1.58, 12);
    expect(w.df).toBeCloseTo(17.77647, 4);
    expect(w.low).toBeCloseTo(-3.3654832, 5);
    expect(w.high).toBeCloseTo(0.2054832, 5);
  });

  it('a 90% interval is narrower than the 95% one around the same mean', () => {
    const r95 = pairedAnalysis(drug2, drug1);
    const r90 = pairedAnalysis(drug2, drug1, 0.1);
    expect(r90.mean).toBe(r95.mean);
    expect(r90.high - r90.low).toBeLessThan(r95.high - r95.low);
    expect(r90.tCritical).toBeCloseTo(1.833113, 5);
  });

  it('rejects unequal lengths, fewer than 2 pairs and non-finite values', () => {
    expect(() => pairedAnalysis([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedAnalysis([1], [2])).toThrow(RangeError);
    expect(() => pairedAnalysis([1, Number.NaN], [2, 3])).toThrow(RangeError);
  });

  it('identical pairs give a zero-width interval and p = 1', () => {
    const r = pairedAnalysis([1, 2, 3], [1, 2, 3]);
    expect([r.mean, r.low, r.high, r.p]).toEqual([0, 0, 0, 1]);
  });
});

describe('pre-registered verdict', () => {
  const above = pairedAnalysis(drug2, drug1); // interval 0.70..2.46, above zero
  const below = pairedAnalysis(drug1, drug2); // interval -2.46..-0.70
  const straddling = pairedAnalysis([1, -1, 2, -2.5], [0, 0, 0, 0]);

  it('no verdict until every planned seed is in', () => {
    expect(pairedVerdict(above, above, 7, 8)).toBe('incomplete: 7 of 8 seeds');
    expect(pairedVerdict(undefined, undefined, 0, 12)).toBe('incomplete: 0 of 12 seeds');
  });

  it('the gate (Dropout beats rate 0) must pass before the claim is read', () => {
    expect(pairedVerdict(straddling, above, 10, 10)).toBe('NOT TESTABLE IN THIS REGIME');
    expect(pairedVerdict(below, above, 10, 10)).toBe('NOT TESTABLE IN THIS REGIME');
  });

  it('HELD above zero, DID NOT HOLD below, NOT SHOWN when the interval holds zero', () => {
    expect(pairedVerdict(above, above, 10, 10)).toBe('HELD');
    expect(pairedVerdict(above, below, 10, 10)).toBe('DID NOT HOLD');
    expect(pairedVerdict(above, straddling, 10, 10)).toBe('NOT SHOWN');
  });
});
