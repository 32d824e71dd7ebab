import { describe, expect, it } from 'vitest';
import { SparseoutError } from './errors.js';
import { sampleActivations } from './reference.testkit.js';
import { glmExpectedLoss, glmPenalty, glmPenaltyMonteCarlo, outputVariance } from './theory.js';

describe('S6 the L_q theorem', () => {
  const a = sampleActivations(40, 80).map((v) => Math.max(-5, Math.min(5, v)));
  const w = sampleActivations(40, 81).map((v) => Math.max(-2, Math.min(2, v)));

  it('S6 closed form is r/(1-r) sum w^2 |a|^q up to epsilon', () => {
    const rate = 0.3;
    const q = 1.5;
    let expected = 0;
    for (let j = 0; j < a.length; j++) expected += w[j] ** 2 * Math.abs(a[j]) ** q;
    expected *= rate / (1 - rate);
    expect(glmPenalty(a, w, { rate, q })).toBeCloseTo(expected, 6);
  });

  it('S5.2 outputVariance is r/(1-r) |x|^q up to epsilon', () => {
    expect(outputVariance(0.8, { rate: 0.3, q: 1 })).toBeCloseTo((0.3 / 0.7) * 0.8, 10);
    expect(outputVariance(-2, { rate: 0.5, q: 3 })).toBeCloseTo(8, 10);
    expect(outputVariance(0, { rate: 0.5, q: 0 })).toBe(0);
  });

  it('S5.2 outputVariance and the S6 closed form stay finite and exact where |x|^2 leaves the float64 range', () => {
    // q = 0: r/(1-r) (|x| / (|x| + e))^2 = r/(1-r) for |x| >> e, at 1e200 as at 1.
    expect(outputVariance(1e200, { rate: 0.5, q: 0 })).toBeCloseTo(1, 12);
    expect(outputVariance(-1e300, { rate: 0.2, q: 1 }) / 2.5e299).toBeCloseTo(1, 12);
    expect(outputVariance(1e-200, { rate: 0.5, q: 4, epsilon: 1e-20 })).toBe(0);
    expect(glmPenalty([1e200, 1], [1, 1], { rate: 0.5, q: 0 })).toBeCloseTo(2, 10);
  });

  it('S6 q = 2 gives the Dropout (L2) penalty r/(1-r) sum w^2 a^2', () => {
    let expected = 0;
    for (let j = 0; j < a.length; j++) expected += w[j] ** 2 * a[j] ** 2;
    expect(glmPenalty(a, w, { rate: 0.5, q: 2 })).toBeCloseTo(expected, 10);
  });

  for (const q of [0.5, 1, 2, 3]) {
    it(`S6 closed form and Monte Carlo agree within 5 standard errors (q = ${q}, 20,000 samples)`, () => {
      // 5 standard errors: a two-sided normal tail below 1e-6 (S5.4); the seed is fixed, so the
      // result is the same every run.
      const params = { rate: 0.3, q };
      const exact = glmPenalty(a, w, params);
      const mc = glmPenaltyMonteCarlo(a, w, { ...params, samples: 20_000, seed: 17 });
      expect(mc.samples).toBe(20_000);
      expect(mc.standardError).toBeGreaterThan(0);
      expect(Math.abs(mc.estimate - exact)).toBeLessThan(5 * mc.standardError);
      // The standard error is small enough for the comparison to mean something.
      expect(mc.standardError).toBeLessThan(0.05 * exact);
    });
  }

  it('S6 the expected loss adds the squared error of the mean prediction', () => {
    const params = { rate: 0.2, q: 1 };
    let prediction = 0;
    for (let j = 0; j < a.length; j++) prediction += w[j] * a[j];
    expect(glmExpectedLoss(a, w, 1.5, params)).toBeCloseTo(
      (1.5 - prediction) ** 2 + glmPenalty(a, w, params),
      10,
    );
  });

  it('S1.4 mismatched lengths and too few samples are rejected with typed errors', () => {
    expect(() => glmPenalty([1, 2], [1], { rate: 0.5, q: 1 })).toThrowError(
      expect.objectContaining({ code: 'SPARSEOUT_SHAPE_MISMATCH' }),
    );
    expect(() => glmPenaltyMonteCarlo([1], [1], { rate: 0.5, q: 1, samples: 1, seed: 0 })).toThrow(
      SparseoutError,
    );
    expect(() => glmPenaltyMonteCarlo([1], [1], { rate: 0.5, q: 1, samples: 10, seed: -1 })).toThrowError(
      expect.objectContaining({ code: 'SPARSEOUT_INVALID_SEED' }),
    );
  });
});
