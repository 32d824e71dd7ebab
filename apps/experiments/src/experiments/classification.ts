import { join } from 'node:path';
import { buildCnn } from '../models/cnn.js';
import { errorBarPlot } from '../plot/error-bars.js';
import { renderPlot } from '../plot/render.js';
import { summarize } from '../report/stats.js';
import { formatMeanSpread, formatNumber } from '../report/table.js';
import { compareArms, differenceStandardError } from '../report/verdict.js';
import { accuracy } from '../tf/evaluate.js';
import { sweepQsOnMnist } from '../tf/mnist-q-sweep.js';
import type { Experiment, ExperimentContext, ExperimentReport } from '../types.js';

export const CLASSIFICATION_QS = [1.5, 2, 3];

/** The budget of this experiment; experiment 5 times the full one. */
export function classificationBudget(quick: boolean) {
  return {
    backend: 'wasm',
    rate: 0.5,
    trainDigits: quick ? 384 : 4000,
    testDigits: quick ? 128 : 2000,
    epochs: quick ? 1 : 2,
    batchSize: 128,
    learningRate: 2e-3,
    dataSeed: 13,
  };
}

async function run(context: ExperimentContext): Promise<ExperimentReport> {
  const budget = classificationBudget(context.quick);
  const { seeds, runs } = await sweepQsOnMnist(context, {
    label: 'cnn',
    qs: CLASSIFICATION_QS,
    firstSeed: 3000,
    budget,
    layout: 'image',
    build: (q, seed) => ({
      model: buildCnn({
        noise: { kind: 'sparseout', rate: budget.rate, q, seed },
        seed,
        learningRate: budget.learningRate,
      }),
    }),
    measure: async ({ model }, test) => ({ testAccuracy: await accuracy(model, test) }),
  });
  const perQ = CLASSIFICATION_QS.map((q) => ({
    q,
    testAccuracy: summarize(runs.filter((r) => r.q === q).map((r) => r.testAccuracy)),
  }));
  const figure = await renderPlot(
    errorBarPlot(
      perQ.map((p) => ({
        x: p.q,
        mean: 100 * p.testAccuracy.mean,
        low: 100 * (p.testAccuracy.mean - p.testAccuracy.sd),
        high: 100 * (p.testAccuracy.mean + p.testAccuracy.sd),
      })),
      {
        title: `Small CNN on mnist: test accuracy vs q (rate ${budget.rate}, ${seeds.length} seeds, mean ± sd)`,
        xTitle: 'q',
        yTitle: 'test accuracy (%)',
        ruleAtX: 2,
      },
    ),
    join(context.outDir, 'classification'),
  );
  const atTwo = perQ.find((p) => p.q === 2);
  if (!atTwo) throw new Error('q = 2 (Dropout) is the baseline and must be in the sweep');
  const bestAbove = perQ
    .filter((p) => p.q > 2)
    .reduce((a, b) => (b.testAccuracy.mean > a.testAccuracy.mean ? b : a));
  const margin = bestAbove.testAccuracy.mean - atTwo.testAccuracy.mean;
  const verdict = compareArms(margin, bestAbove.testAccuracy, atTwo.testAccuracy);
  const standardError = differenceStandardError(bestAbove.testAccuracy, atTwo.testAccuracy);
  return {
    table: {
      columns: ['q', 'test accuracy (mean ± sd)', 'min', 'max', 'seeds'],
      rows: perQ.map((p) => [
        String(p.q),
        formatMeanSpread(p.testAccuracy.mean, p.testAccuracy.sd, 4),
        formatNumber(p.testAccuracy.min, 4),
        formatNumber(p.testAccuracy.max, 4),
        String(p.testAccuracy.n),
      ]),
    },
    results: { perQ, runs, verdict },
    budget: { ...budget, seeds },
    figures: [figure],
    verdict:
      `${verdict}: best q > 2 (q=${bestAbove.q}) minus q=2 (Dropout) test accuracy = ${(100 * margin).toFixed(2)} ` +
      `points, standard error of the difference over ${atTwo.testAccuracy.n} seeds ${(100 * standardError).toFixed(2)} ` +
      `points (HELD needs more than 2 standard errors).`,
  };
}

export const classification: Experiment = {
  name: 'classification',
  title: '4. Image classification: small CNN on mnist against q',
  defaultSeeds: 3,
  run,
};
