import { sparseout } from '@sparseout/core';
import { describe, expect, it } from 'vitest';
import { holds, noiseFigures } from './figures.js';
import { sampleInputs } from './inputs.js';

describe('noiseFigures', () => {
  it('S5.2 at rate 0.5 the squared deviation is exact: (y - x)^2 = Var[y | x] whatever the mask', () => {
    const x = sampleInputs('gaussian', 1000, 5);
    const params = { rate: 0.5, q: 1.3 };
    const { y, mask } = sparseout(x, { ...params, seed: 9 });
    const figures = noiseFigures(x, y, mask, params, 1e-6);
    expect(figures.variance.bound).toBe(0);
    expect(figures.variance.measured).toBeCloseTo(figures.variance.predicted, 5);
  });

  // 3 bounds at delta = 1e-6 per case, 4 cases: a correct sampler fails with probability <= 1.2e-5.
  it('S5.1-S5.3 hold for the core sampler over each distribution (n = 20,000, false-failure rate <= 1.2e-5)', () => {
    for (const [distribution, q] of [
      ['relu', 1],
      ['gaussian', 0.5],
      ['laplace', 3],
      ['relu', 2],
    ] as const) {
      const x = sampleInputs(distribution, 20_000, 11);
      const params = { rate: 0.3, q };
      const { y, mask } = sparseout(x, { ...params, seed: 4 });
      const figures = noiseFigures(x, y, mask, params, 1e-6);
      expect([holds(figures.dropped), holds(figures.meanShift), holds(figures.variance)]).toEqual([
        true,
        true,
        true,
      ]);
    }
  });

  it('S5.2 a sampler with the wrong exponent falls outside the variance bound', () => {
    const x = sampleInputs('relu', 20_000, 11);
    const { y, mask } = sparseout(x, { rate: 0.3, q: 3, seed: 4 });
    expect(holds(noiseFigures(x, y, mask, { rate: 0.3, q: 1 }, 1e-6).variance)).toBe(false);
  });

  it('S5.3 a sampler that drops at another rate falls outside the dropped-fraction bound', () => {
    const x = sampleInputs('gaussian', 20_000, 11);
    const { y, mask } = sparseout(x, { rate: 0.33, q: 1.5, seed: 4 });
    expect(holds(noiseFigures(x, y, mask, { rate: 0.3, q: 1.5 }, 1e-6).dropped)).toBe(false);
  });
});
