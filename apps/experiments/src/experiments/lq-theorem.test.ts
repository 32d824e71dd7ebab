import { glmPenalty } from '@sparseout/core';
import { describe, expect, it } from 'vitest';
import { LQ_QS, LQ_RATES, lqFeatures, lqTheoremTable } from './lq-theorem.js';

describe('experiment 1: S6 closed form vs Monte Carlo', () => {
  // 18 cells, 20,000 seeded draws each. |z| < 5.5 has a two-sided normal tail of 3.8e-8 per cell,
  // 7e-7 over the 18 cells: the false-failure rate is below 1e-6 (the draws are seeded, so the
  // outcome is fixed for this seed; the rate says how unlucky a seed would have to be).
  const budget = { features: 16, samples: 20_000, seed: 42 };
  const rows = lqTheoremTable(budget);

  it('S6 covers every rate and q of the issue', () => {
    expect(rows.map((r) => [r.rate, r.q])).toEqual(LQ_RATES.flatMap((rate) => LQ_QS.map((q) => [rate, q])));
  });

  it('S6 Monte Carlo agrees with the closed form within 5.5 standard errors in every cell', () => {
    for (const r of rows) {
      expect(r.standardError).toBeGreaterThan(0);
      expect(Math.abs(r.z), `rate ${r.rate}, q ${r.q}`).toBeLessThan(5.5);
      expect(r.relativeError).toBeCloseTo((r.monteCarlo - r.closedForm) / r.closedForm, 12);
    }
  });

  it('S6 the comparison has teeth: the closed form at q + 2 is many standard errors away', () => {
    const { a, w } = lqFeatures(budget);
    for (const r of rows.filter((row) => row.q === 1 || row.q === 3)) {
      const wrong = glmPenalty(a, w, { rate: r.rate, q: r.q + 2 });
      expect(Math.abs(r.monteCarlo - wrong) / r.standardError).toBeGreaterThan(5.5);
    }
  });
});
