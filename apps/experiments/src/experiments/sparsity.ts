import { join } from 'node:path';
import { activationStats, hoyerSparsity } from '@sparseout/core';
import { CLASSES } from '@sparseout/example-data';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildMlp } from '../models/mlp.js';
import { errorBarPlot } from '../plot/error-bars.js';
import { renderPlot } from '../plot/render.js';
import { spearman, summarize } from '../report/stats.js';
import { formatMeanSpread, formatNumber } from '../report/table.js';
import { sweepQsOnMnist } from '../tf/mnist-q-sweep.js';
import { type ArrayDataset, forEachPrediction } from '../tf/train.js';
import type { Experiment, ExperimentContext, ExperimentReport } from '../types.js';

export const SPARSITY_QS = [0.5, 1, 1.5, 2, 2.5, 3, 4];

/** The budget of this experiment; experiment 5 times the full one. */
export function sparsityBudget(quick: boolean) {
  return {
    backend: 'wasm',
    rate: 0.5,
    hiddenUnits: 128,
    trainDigits: quick ? 512 : 4000,
    testDigits: quick ? 256 : 2000,
    epochs: quick ? 1 : 4,
    batchSize: 100,
    learningRate: 1e-3,
    dataSeed: 7,
  };
}

/** What experiment 2 measures of one trained MLP on the held-out digits. */
interface SparsityMeasurement {
  /**
   * Mean over held-out digits of the S7.1 Hoyer sparsity of the digit's hidden activation vector.
   * S7.1 scores an all-zero vector 1 (a project choice, not a value of the formula, which is 0/0 there),
   * so the fraction of all-zero rows is reported beside it, and the mean without them.
   */
  hoyer: number;
  /** Fraction of held-out digits whose hidden activation vector is all zero (scored 1 by S7.1). */
  allZeroRows: number;
  /** Mean Hoyer sparsity over the rows that are not all zero (NaN if every row is). */
  hoyerNonZeroRows: number;
  /** Fraction of exactly zero hidden activations over all held-out digits (S7.2). */
  zeroFraction: number;
  testAccuracy: number;
}

async function measureSparsity(
  model: tfl.LayersModel,
  hidden: tfl.LayersModel,
  test: ArrayDataset,
  hiddenUnits: number,
): Promise<SparsityMeasurement> {
  const hoyers: number[] = [];
  const nonZeroHoyers: number[] = [];
  let allZero = 0;
  const allActivations = new Float32Array(test.count * hiddenUnits);
  let offset = 0;
  await forEachPrediction(hidden, test, 500, async (activations) => {
    const values = (await activations.data()) as Float32Array;
    allActivations.set(values, offset);
    offset += values.length;
    for (let row = 0; row < activations.shape[0]; row++) {
      const vector = values.subarray(row * hiddenUnits, (row + 1) * hiddenUnits);
      const h = hoyerSparsity(vector);
      hoyers.push(h);
      if (vector.every((v) => v === 0)) allZero++;
      else nonZeroHoyers.push(h);
    }
  });
  let correct = 0;
  await forEachPrediction(model, test, 500, async (probabilities, target) => {
    const [predicted, actual] = tf.tidy(() => [tf.argMax(probabilities, 1), tf.argMax(target, 1)]);
    const [p, a] = [await predicted.data(), await actual.data()];
    for (let i = 0; i < p.length; i++) if (p[i] === a[i]) correct++;
    tf.dispose([predicted, actual]);
  });
  return {
    hoyer: summarize(hoyers).mean,
    allZeroRows: allZero / hoyers.length,
    hoyerNonZeroRows: nonZeroHoyers.length > 0 ? summarize(nonZeroHoyers).mean : Number.NaN,
    zeroFraction: activationStats(allActivations).zeroFraction,
    testAccuracy: correct / test.count,
  };
}

async function run(context: ExperimentContext): Promise<ExperimentReport> {
  const budget = sparsityBudget(context.quick);
  const { seeds, runs } = await sweepQsOnMnist(context, {
    label: 'sparsity',
    qs: SPARSITY_QS,
    firstSeed: 1000,
    budget,
    layout: 'flat',
    build: (q, seed) =>
      buildMlp({
        hiddenUnits: budget.hiddenUnits,
        noise: { kind: 'sparseout', rate: budget.rate, q, seed },
        seed,
        learningRate: budget.learningRate,
      }),
    measure: ({ model, hidden }, test) => measureSparsity(model, hidden, test, budget.hiddenUnits),
  });
  const perQ = SPARSITY_QS.map((q) => {
    const ofQ = runs.filter((r) => r.q === q);
    return {
      q,
      hoyer: summarize(ofQ.map((r) => r.hoyer)),
      allZeroRows: summarize(ofQ.map((r) => r.allZeroRows)),
      hoyerNonZeroRows: summarize(ofQ.map((r) => r.hoyerNonZeroRows)),
      zeroFraction: summarize(ofQ.map((r) => r.zeroFraction)),
      testAccuracy: summarize(ofQ.map((r) => r.testAccuracy)),
    };
  });
  const figure = await renderPlot(
    errorBarPlot(
      perQ.map((p) => ({
        x: p.q,
        mean: p.hoyer.mean,
        low: p.hoyer.mean - p.hoyer.sd,
        high: p.hoyer.mean + p.hoyer.sd,
      })),
      {
        title: `Hidden-layer Hoyer sparsity vs q (MLP on mnist, rate ${budget.rate}, ${seeds.length} seeds, mean ± sd)`,
        xTitle: 'q',
        yTitle: 'Hoyer sparsity of hidden activations',
        ruleAtX: 2,
      },
    ),
    join(context.outDir, 'sparsity'),
  );
  const rho = spearman(
    runs.map((r) => r.q),
    runs.map((r) => r.hoyer),
  );
  const means = perQ.map((p) => p.hoyer.mean);
  const monotone = means.every((m, i) => i === 0 || m <= means[i - 1]);
  const first = perQ[0];
  const last = perQ[perQ.length - 1];
  const held = rho < 0 && first.hoyer.mean > last.hoyer.mean;
  return {
    table: {
      columns: [
        'q',
        'Hoyer sparsity (mean ± sd)',
        'all-zero rows (scored 1)',
        'Hoyer without all-zero rows',
        'zero fraction',
        'test accuracy',
        'seeds',
      ],
      rows: perQ.map((p) => [
        String(p.q),
        formatMeanSpread(p.hoyer.mean, p.hoyer.sd),
        formatMeanSpread(p.allZeroRows.mean, p.allZeroRows.sd),
        formatMeanSpread(p.hoyerNonZeroRows.mean, p.hoyerNonZeroRows.sd),
        formatMeanSpread(p.zeroFraction.mean, p.zeroFraction.sd),
        formatMeanSpread(p.testAccuracy.mean, p.testAccuracy.sd),
        String(p.hoyer.n),
      ]),
    },
    results: { perQ, runs, spearmanQvsHoyer: rho, monotone, classes: CLASSES },
    budget: { ...budget, seeds },
    figures: [figure],
    verdict:
      `${held ? 'HELD' : 'DID NOT HOLD'}: Hoyer sparsity ${held ? 'falls' : 'does not fall'} as q rises ` +
      `(q=${first.q}: ${formatNumber(first.hoyer.mean, 3)}, q=${last.q}: ${formatNumber(last.hoyer.mean, 3)}; ` +
      `Spearman rho(q, sparsity) over ${runs.length} runs = ${rho.toFixed(2)}; ` +
      `means ${monotone ? 'non-increasing' : 'not monotone'} in q; all-zero rows, scored 1 by S7.1: ` +
      `${(100 * first.allZeroRows.mean).toFixed(2)}% at q=${first.q}, ${(100 * last.allZeroRows.mean).toFixed(2)}% at q=${last.q}).`,
  };
}

export const sparsity: Experiment = {
  name: 'sparsity',
  title: '2. Sparsity control: Hoyer sparsity of an MLP on mnist against q',
  defaultSeeds: 3,
  run,
};
