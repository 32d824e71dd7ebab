import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadLanguageData } from '../data/language.js';
import { loadMnist } from '../data/mnist.js';
import { digitDataset, windowDataset } from '../data/tensors.js';
import { buildCnn } from '../models/cnn.js';
import { buildLstm } from '../models/lstm.js';
import { buildMlp } from '../models/mlp.js';
import { renderPlot } from '../plot/render.js';
import { summarize } from '../report/stats.js';
import { formatNumber } from '../report/table.js';
import { type BackendName, useBackend } from '../tf/backend.js';
import type { NoiseSpec } from '../tf/noise-layer.js';
import { type ArrayDataset, yieldToEventLoop } from '../tf/train.js';
import type { Experiment, ExperimentContext, ExperimentReport } from '../types.js';
import { classificationBudget } from './classification.js';
import { languageBudget } from './language.js';
import { sparsityBudget } from './sparsity.js';

type ModelName = 'MLP-128' | 'MLP-256' | 'CNN' | 'LSTM';

/** A model of experiments 2-4 with the batch shape and epoch length its experiment uses. */
interface Workload {
  model: ModelName;
  build: (noise: NoiseSpec) => tfl.LayersModel;
  data: ArrayDataset;
  batchSize: number;
  /** Batches in one epoch of the full-run budget of its experiment. */
  batchesPerEpoch: number;
}

/** The small CNN (the earlier experiment 4): batches of 128, an epoch of 7,000 digits. */
const CNN_WORKLOAD = { batchSize: 128, trainDigits: 7000, learningRate: 2e-3 };

/**
 * The models with the full-run batch sizes and epoch lengths of experiments 2 (MLP-128), 3 (LSTM)
 * and 4 (MLP-256), and the small CNN, timed for its convolutions (no experiment trains it now).
 */
function workloads(): Workload[] {
  const mlp = sparsityBudget(false);
  const wide = classificationBudget(false);
  const lstm = languageBudget(false);
  const digits = loadMnist({
    train: Math.max(mlp.batchSize, wide.batchSize, CNN_WORKLOAD.batchSize),
    test: 0,
    seed: 5,
  }).train;
  const language = loadLanguageData({
    seed: lstm.dataSeed,
    timeSteps: lstm.timeSteps,
    trainCharacters: lstm.batchSize * lstm.timeSteps,
    validationWindows: 1,
    testWindows: 1,
    minCharCount: lstm.minCharCount,
  });
  const vocabularySize = language.vocabulary.size;
  return [
    {
      model: 'MLP-128',
      build: (noise) =>
        buildMlp({ hiddenUnits: mlp.hiddenUnits, noise, seed: 1, learningRate: mlp.learningRate }).model,
      data: digitDataset(digits, 'flat'),
      batchSize: mlp.batchSize,
      batchesPerEpoch: Math.floor(mlp.trainDigits / mlp.batchSize),
    },
    {
      model: 'MLP-256',
      build: (noise) =>
        buildMlp({ hiddenUnits: wide.hiddenUnits, noise, seed: 1, learningRate: wide.learningRate }).model,
      data: digitDataset(digits, 'flat'),
      batchSize: wide.batchSize,
      batchesPerEpoch: Math.floor(wide.trainDigits / wide.batchSize),
    },
    {
      model: 'CNN',
      build: (noise) => buildCnn({ noise, seed: 1, learningRate: CNN_WORKLOAD.learningRate }),
      data: digitDataset(digits, 'image'),
      batchSize: CNN_WORKLOAD.batchSize,
      batchesPerEpoch: Math.floor(CNN_WORKLOAD.trainDigits / CNN_WORKLOAD.batchSize),
    },
    {
      model: 'LSTM',
      build: (noise) =>
        buildLstm({
          timeSteps: lstm.timeSteps,
          vocabularySize,
          units: lstm.units,
          noise,
          seed: 1,
          learningRate: lstm.learningRate,
        }),
      data: windowDataset(language.train, vocabularySize),
      batchSize: lstm.batchSize,
      batchesPerEpoch: Math.floor(lstm.trainCharacters / lstm.timeSteps / lstm.batchSize),
    },
  ];
}

/** Seconds per trainOnBatch call, one sample per call, after `warmup` untimed calls. */
async function timeBatches(
  model: tfl.LayersModel,
  batch: { x: tf.Tensor; y: tf.Tensor },
  warmup: number,
  timed: number,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await model.trainOnBatch(batch.x, batch.y);
  const seconds: number[] = [];
  for (let i = 0; i < timed; i++) {
    const t0 = performance.now();
    await model.trainOnBatch(batch.x, batch.y);
    seconds.push((performance.now() - t0) / 1000);
  }
  return seconds;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

interface CostRow {
  model: ModelName;
  backend: BackendName;
  arm: string;
  /** Median seconds per training batch over all timed batches. */
  secondsPerBatch: number;
  /** secondsPerBatch times the batches of one epoch of the model's experiment. */
  secondsPerEpoch: number;
  samples: number;
  /** Every timed batch, in seconds, in the order measured. */
  seconds: number[];
}

async function run(context: ExperimentContext): Promise<ExperimentReport> {
  const quick = context.quick;
  const budget = {
    rate: 0.5,
    sparseoutQs: [1.5, 3],
    rounds: quick ? 1 : 4,
    batchesPerRound: quick ? 1 : 3,
    cpuTimedBatches: {
      'MLP-128': quick ? 2 : 6,
      'MLP-256': 0,
      CNN: quick ? 0 : 2,
      LSTM: quick ? 0 : 2,
    } as Record<ModelName, number>,
  };
  const arms: Array<{ label: string; noise: NoiseSpec }> = [
    { label: 'tf.layers.dropout', noise: { kind: 'dropout', rate: budget.rate } },
    ...budget.sparseoutQs.map((q) => ({
      label: `sparseout q=${q}`,
      noise: { kind: 'sparseout', rate: budget.rate, q, seed: 1 } as NoiseSpec,
    })),
  ];
  const loadBefore = loadavg();
  const work = workloads();
  const cpuSteps = work.reduce((n, w) => n + (budget.cpuTimedBatches[w.model] > 0 ? 1 : 0), 0);
  const bar = context.progress('cost', work.length * budget.rounds * arms.length + cpuSteps);
  const rows: CostRow[] = [];
  await useBackend('wasm');
  for (const w of work) {
    const batch = w.data.batch(Array.from({ length: w.batchSize }, (_, i) => i % w.data.count));
    const models = arms.map((arm) => w.build(arm.noise));
    const samples = arms.map(() => [] as number[]);
    for (let round = 0; round < budget.rounds; round++) {
      // Interleave the arms, in a rotating order, so load from other processes hits all alike.
      for (let k = 0; k < arms.length; k++) {
        const a = (k + round) % arms.length;
        samples[a].push(
          ...(await timeBatches(models[a], batch, round === 0 ? 1 : 0, budget.batchesPerRound)),
        );
        bar.tick(`wasm ${w.model}, ${arms[a].label}`);
        await yieldToEventLoop();
      }
    }
    arms.forEach((arm, a) => {
      const secondsPerBatch = median(samples[a]);
      rows.push({
        model: w.model,
        backend: 'wasm',
        arm: arm.label,
        secondsPerBatch,
        secondsPerEpoch: secondsPerBatch * w.batchesPerEpoch,
        samples: samples[a].length,
        seconds: samples[a],
      });
    });
    for (const m of models) m.dispose();
    tf.dispose([batch.x, batch.y]);
  }
  await useBackend('cpu');
  for (const w of work) {
    const timed = budget.cpuTimedBatches[w.model];
    if (timed === 0) continue;
    const batch = w.data.batch(Array.from({ length: w.batchSize }, (_, i) => i % w.data.count));
    const model = w.build(arms[0].noise);
    const seconds = await timeBatches(model, batch, 1, timed);
    bar.tick(`cpu ${w.model}, ${arms[0].label}`);
    await yieldToEventLoop();
    rows.push({
      model: w.model,
      backend: 'cpu',
      arm: arms[0].label,
      secondsPerBatch: median(seconds),
      secondsPerEpoch: median(seconds) * w.batchesPerEpoch,
      samples: seconds.length,
      seconds,
    });
    model.dispose();
    tf.dispose([batch.x, batch.y]);
  }
  await useBackend('wasm');
  bar.stop();
  const dropoutOf = (model: ModelName, backend: BackendName) =>
    rows.find((r) => r.model === model && r.backend === backend && r.arm === arms[0].label);
  const tableRows = rows.map((r) => {
    const base = dropoutOf(r.model, 'wasm');
    const ratio = base ? r.secondsPerBatch / base.secondsPerBatch : Number.NaN;
    return { ...r, ratioToWasmDropout: ratio };
  });
  const sparseoutRatios = tableRows.filter((r) => r.backend === 'wasm' && r.arm !== arms[0].label);
  const worst = sparseoutRatios.reduce((a, b) => (b.ratioToWasmDropout > a.ratioToWasmDropout ? b : a));
  const ratioSummary = summarize(sparseoutRatios.map((r) => r.ratioToWasmDropout));
  const held = worst.ratioToWasmDropout < 1.5;
  // Only Sparseout against Dropout counts as a comparison (Dropout's own rows are the 1.00x reference).
  const withinTwoPercent = sparseoutRatios.filter((r) => Math.abs(r.ratioToWasmDropout - 1) <= 0.02).length;
  // Every timed batch as a tick (seconds per epoch at that batch's speed), the median as a bar, on a
  // zero-based scale per model, so the spread of single timings is visible beside the medians.
  const wasmRows = tableRows.filter((r) => r.backend === 'wasm');
  const epochBatches = Object.fromEntries(work.map((w) => [w.model, w.batchesPerEpoch]));
  const figure = await renderPlot(
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'Training time per epoch, wasm backend: every timed batch (ticks) and the median (bar)',
      facet: { column: { field: 'model', type: 'nominal', title: null } },
      data: {
        values: wasmRows.flatMap((r) =>
          r.seconds.map((sec) => ({
            model: r.model,
            arm: r.arm,
            secondsPerEpoch: sec * epochBatches[r.model],
            median: r.secondsPerEpoch,
          })),
        ),
      },
      spec: {
        width: 110,
        height: 220,
        layer: [
          {
            mark: { type: 'bar', opacity: 0.35 },
            encoding: {
              x: { field: 'arm', type: 'nominal', title: null, sort: null, axis: { labelAngle: -40 } },
              y: {
                aggregate: 'min',
                field: 'median',
                type: 'quantitative',
                title: 'seconds per epoch',
                scale: { zero: true },
              },
              color: { field: 'arm', type: 'nominal', legend: null },
            },
          },
          {
            mark: { type: 'tick', thickness: 1.5, opacity: 0.8, color: 'black' },
            encoding: {
              x: { field: 'arm', type: 'nominal', title: null, sort: null },
              y: { field: 'secondsPerEpoch', type: 'quantitative' },
            },
          },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    } as Parameters<typeof renderPlot>[0],
    join(context.outDir, 'cost'),
  );
  const cpuNotes = tableRows
    .filter((r) => r.backend === 'cpu')
    .map((r) => `${r.model} ${formatNumber(r.ratioToWasmDropout, 3)}x`)
    .join(', ');
  return {
    table: {
      columns: [
        'model',
        'backend',
        'arm',
        's / batch (median)',
        's / epoch',
        'vs wasm dropout',
        'timed batches',
      ],
      rows: tableRows.map((r) => [
        r.model,
        r.backend,
        r.arm,
        formatNumber(r.secondsPerBatch, 3),
        formatNumber(r.secondsPerEpoch, 3),
        `${formatNumber(r.ratioToWasmDropout, 3)}x`,
        String(r.samples),
      ]),
    },
    results: {
      rows: tableRows,
      epochBatches,
      // 1-, 5- and 15-minute load averages before and after the timings (other processes on the machine).
      loadAverage: { before: loadBefore, after: loadavg() },
    },
    budget,
    figures: [figure],
    verdict:
      `${held ? 'HELD' : 'DID NOT HOLD'}: Sparseout's training time per epoch is ${formatNumber(ratioSummary.min, 3)}x-` +
      `${formatNumber(ratioSummary.max, 3)}x that of tf.layers.dropout on the same backend (wasm), worst ` +
      `${worst.model} ${worst.arm}; ${withinTwoPercent} of the ${sparseoutRatios.length} Sparseout-vs-Dropout ` +
      `comparisons within 2%; threshold for "inexpensive" here: < 1.5x. cpu backend, tf.layers.dropout, ` +
      `relative to wasm: ${cpuNotes || 'not measured'}. Load average (1 min) ${loadBefore[0].toFixed(1)} before, ` +
      `${loadavg()[0].toFixed(1)} after.`,
  };
}

export const cost: Experiment = {
  name: 'cost',
  title: '5. Cost: training time per epoch, Sparseout vs tf.layers.dropout (same backend)',
  defaultSeeds: 1,
  run,
};
