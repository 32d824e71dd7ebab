import { outputVariance } from '@sparseout/core';
import { type Check, ensure } from '../check.js';
import {
  FALSE_FAILURE_RATE,
  hoeffdingBound,
  moments,
  SAMPLE_SIZE,
  sampleConstant,
  sampleMask,
} from '../sampling.js';
import { fmt } from '../tensors.js';
import { FLOAT32_RELATIVE } from '../tolerance.js';

/**
 * S5 with the adapter's own sampler. Each sub-case is one forward call over 2^18 copies of one x
 * (S4.1: 2^18 independent draws). A check with k sub-cases gives each a false-failure probability
 * of 1e-6 / k, so the check's is at most 1e-6 (union bound; S5.4).
 */

const MEAN_CASES = [
  { x: 0.5, q: 1, rate: 0.5 },
  { x: -3, q: 3, rate: 0.1 },
  { x: 2, q: 2, rate: 0.9 },
  { x: 0.05, q: 0.5, rate: 0.5 },
];

const VARIANCE_CASES = [
  { x: 0.25, q: 1, rate: 0.5 },
  { x: 2, q: 3, rate: 0.1 },
  { x: -0.5, q: 0.5, rate: 0.9 },
  { x: 1.5, q: 2, rate: 0.3 },
];

const DROP_RATES = [0.1, 0.5, 0.9];

export const s5Checks: Check[] = [
  {
    id: 'S5.1',
    title: 'E[y | x] = x (unbiased)',
    async run(context) {
      const delta = FALSE_FAILURE_RATE / MEAN_CASES.length;
      const lines: string[] = [];
      const bounds: string[] = [];
      let ok = true;
      for (const { x, q, rate } of MEAN_CASES) {
        const sample = await sampleConstant(context, x, { rate, q });
        const { mean } = moments(sample.y);
        // y takes two values, kept and dropped, so it lies in an interval of width |kept - dropped|:
        // Hoeffding bounds the sample mean. S2.8 lets each y carry a relative rounding error of 1e-5,
        // which can shift the mean by at most 1e-5 * max(|kept|, |dropped|).
        const width = Math.abs(sample.kept - sample.dropped);
        const bound =
          hoeffdingBound(SAMPLE_SIZE, width, delta) +
          FLOAT32_RELATIVE * Math.max(Math.abs(sample.kept), Math.abs(sample.dropped));
        const target = Math.fround(x);
        ok &&= Math.abs(mean - target) <= bound;
        lines.push(`x ${x} q ${q} r ${rate}: mean ${fmt(mean)}`);
        bounds.push(`${x} +- ${fmt(bound)}`);
      }
      const expected = `mean of 2^18 draws within ${bounds.join('; ')} (Hoeffding, false-failure rate 1e-6)`;
      ensure(ok, expected, lines.join('; '));
      return { expected, measured: lines.join('; ') };
    },
  },
  {
    id: 'S5.2',
    title: 'Var[y | x] = r / (1 - r) * (|x| + e)^(q - 2) * x^2',
    async run(context) {
      const delta = FALSE_FAILURE_RATE / VARIANCE_CASES.length;
      const lines: string[] = [];
      const bounds: string[] = [];
      let ok = true;
      for (const { x, q, rate } of VARIANCE_CASES) {
        const sample = await sampleConstant(context, x, { rate, q });
        const { variance } = moments(sample.y);
        // S5.2 from core, at the float32 value the adapter receives.
        const expectedVariance = outputVariance(Math.fround(x), { rate, q });
        // y = dropped + (kept - dropped) K with K ~ Bernoulli(p), p = 1 - r, so the (1/N) sample
        // variance is (kept - dropped)^2 p^(1 - p^) with p^ the kept fraction, and
        // |p^(1 - p^) - p(1 - p)| = |p^ - p| |1 - p - p^| <= t (|1 - 2p| + t) when |p^ - p| <= t,
        // which Hoeffding gives with t = sqrt(ln(2 / delta) / (2N)). Rounding (S2.8, 1e-5 relative
        // per value) adds at most 4e-5 * max(kept^2, dropped^2).
        const width = sample.kept - sample.dropped;
        const p = 1 - rate;
        const t = hoeffdingBound(SAMPLE_SIZE, 1, delta);
        const bound =
          width * width * (t * (Math.abs(1 - 2 * p) + t)) +
          4 * FLOAT32_RELATIVE * Math.max(sample.kept ** 2, sample.dropped ** 2);
        ok &&= Math.abs(variance - expectedVariance) <= bound;
        lines.push(`x ${x} q ${q} r ${rate}: variance ${fmt(variance)}`);
        bounds.push(`${fmt(expectedVariance)} +- ${fmt(bound)}`);
      }
      const expected = `variance of 2^18 draws within ${bounds.join('; ')} (Hoeffding on the kept fraction, false-failure rate 1e-6)`;
      ensure(ok, expected, lines.join('; '));
      return { expected, measured: lines.join('; ') };
    },
  },
  {
    id: 'S5.3',
    title: 'the fraction of dropped units converges to r',
    async run(context) {
      // The dropped fraction is a mean of 2^18 indicators: Hoeffding with width 1, delta = 1e-6 / 3.
      const delta = FALSE_FAILURE_RATE / DROP_RATES.length;
      const bound = hoeffdingBound(SAMPLE_SIZE, 1, delta);
      const lines: string[] = [];
      let ok = true;
      for (const rate of DROP_RATES) {
        const mask = sampleMask(await sampleConstant(context, 1.5, { rate, q: 1 }), 1.5);
        let dropped = 0;
        for (let i = 0; i < mask.length; i++) if (mask[i] === 0) dropped++;
        const fraction = dropped / mask.length;
        ok &&= Math.abs(fraction - rate) <= bound;
        lines.push(`r ${rate}: ${fmt(fraction)}`);
      }
      const expected = `dropped fraction of 2^18 units within r +- ${fmt(bound)} for r in {${DROP_RATES.join(', ')}} (Hoeffding, false-failure rate 1e-6)`;
      ensure(ok, expected, lines.join('; '));
      return { expected, measured: lines.join('; ') };
    },
  },
];
