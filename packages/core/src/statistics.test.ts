import { describe, expect, it } from 'vitest';
import { sparseout } from './sparseout.js';

/**
 * S5: what a correct sampler must show. Each check draws N = 2^20 i.i.d. outputs of one input value
 * (one call over a constant array) and compares a sample mean with its expectation using
 * Hoeffding's inequality: for N samples in a range of width R, P(|mean - E| >= t) <= 2 exp(-2 N t^2 / R^2).
 * With t = R * sqrt(ln(2 / delta) / (2N)) and delta = 1e-6, a correct sampler fails a check with
 * probability at most 1e-6 over the choice of seed. The seeds are fixed, so every run is identical
 * (never flaky); the bound is what makes the fixed seeds a fair sample.
 */
const N = 2 ** 20;
const DELTA = 1e-6;
const HOEFFDING = Math.sqrt(Math.log(2 / DELTA) / (2 * N));
const EPSILON = 1e-12;

const CASES: Array<{ rate: number; q: number; x: number }> = [
  { rate: 0.5, q: 1, x: 0.8 },
  { rate: 0.1, q: 1.5, x: -2.5 },
  { rate: 0.3, q: 2, x: 1.7 },
  { rate: 0.7, q: 3, x: 0.4 },
  { rate: 0.5, q: 0.5, x: -0.05 },
];

function draw(rate: number, q: number, x: number, seed: number) {
  return sparseout(new Float64Array(N).fill(x), { rate, q, seed, step: 1 });
}

describe('S5 statistics of the seeded sampler (N = 2^20 per check, false-failure rate <= 1e-6)', () => {
  for (const [index, { rate, q, x }] of CASES.entries()) {
    const label = `rate ${rate}, q ${q}, x ${x}`;
    const g = (Math.abs(x) + EPSILON) ** ((q - 2) / 2);
    const keptNoise = rate / (1 - rate);

    it(`S5.3 the dropped fraction converges to the rate (${label})`, () => {
      const { mask } = draw(rate, q, x, 1000 + index);
      let dropped = 0;
      for (const bit of mask) dropped += 1 - bit;
      // Bernoulli draws lie in [0, 1]: R = 1.
      expect(Math.abs(dropped / N - rate)).toBeLessThan(HOEFFDING);
    });

    it(`S5.1 E[y | x] = x (${label})`, () => {
      const { y } = draw(rate, q, x, 2000 + index);
      let sum = 0;
      for (const v of y) sum += v;
      // y takes x(1 - g) or x(1 + keptNoise g): the range is |x| g (1 + keptNoise).
      const range = Math.abs(x) * g * (1 + keptNoise);
      expect(Math.abs(sum / N - x)).toBeLessThan(range * HOEFFDING);
    });

    it(`S5.2 Var[y | x] = r/(1-r) (|x| + e)^(q-2) x^2 (${label})`, () => {
      const { y } = draw(rate, q, x, 3000 + index);
      const predicted = keptNoise * (Math.abs(x) + EPSILON) ** (q - 2) * x * x;
      let sum = 0;
      for (const v of y) sum += (v - x) ** 2;
      // (y - x)^2 takes (x g)^2 or (x keptNoise g)^2: the range is x^2 g^2 max(1, keptNoise^2).
      const range = x * x * g * g * Math.max(1, keptNoise * keptNoise);
      expect(Math.abs(sum / N - predicted)).toBeLessThan(range * HOEFFDING);
    });
  }

  it('S5.2 the checks have teeth: plain Dropout noise fails the q = 1 variance bound', () => {
    // Plain Dropout (q = 2) at x = 0.8 has variance r/(1-r) x^2 = 0.64, S5.2 for q = 1 predicts 0.8.
    const { y } = draw(0.5, 2, 0.8, 4000);
    let sum = 0;
    for (const v of y) sum += (v - 0.8) ** 2;
    const predictedQ1 = 0.8;
    const range = 0.64 * 1.25;
    expect(Math.abs(sum / N - predictedQ1)).toBeGreaterThan(range * HOEFFDING);
  });
});
