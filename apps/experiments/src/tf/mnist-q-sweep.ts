import type * as tfl from '@tensorflow/tfjs-layers';
import { loadMnist } from '../data/mnist.js';
import { digitDataset } from '../data/tensors.js';
import type { ExperimentContext } from '../types.js';
import { useBackend } from './backend.js';
import { type ArrayDataset, trainEpochs } from './train.js';

/** The budget fields a q sweep on mnist reads. */
export interface MnistSweepBudget {
  trainDigits: number;
  testDigits: number;
  /** Seed of the train/test split (loadMnist). */
  dataSeed: number;
  epochs: number;
  batchSize: number;
}

/** One q sweep on mnist: the grid, the data layout, and how to build and measure one model. */
export interface MnistQSweep<Built extends { model: tfl.LayersModel }, Measured extends object> {
  /** Progress-bar label. */
  label: string;
  qs: number[];
  /** Seeds are firstSeed, firstSeed + 1, ... (context.seeds of them). */
  firstSeed: number;
  budget: MnistSweepBudget;
  /** Flat [n, 784] inputs (MLP) or [n, 28, 28, 1] images (CNN). */
  layout: 'flat' | 'image';
  /** A fresh compiled model (and anything built with it) for one q and seed. */
  build(q: number, seed: number): Built;
  /** What the experiment records of the trained model on the held-out digits, before it is disposed. */
  measure(built: Built, test: ArrayDataset): Promise<Measured>;
}

/** One trained model of a sweep: its q and seed, its measurements, and how its training went. */
export type MnistQSweepRun<Measured> = { q: number; seed: number } & Measured & {
    finalTrainLoss: number;
    epochSeconds: number[];
  };

/**
 * On the wasm backend, splits mnist as the budget says, then trains one model per seed and q (seeds
 * outer, q inner) with one progress bar over every batch, measures each with `measure` and disposes
 * it. Returns the seeds and the runs in training order.
 */
export async function sweepQsOnMnist<Built extends { model: tfl.LayersModel }, Measured extends object>(
  context: ExperimentContext,
  sweep: MnistQSweep<Built, Measured>,
): Promise<{ seeds: number[]; runs: MnistQSweepRun<Measured>[] }> {
  const { budget } = sweep;
  await useBackend('wasm');
  const data = loadMnist({ train: budget.trainDigits, test: budget.testDigits, seed: budget.dataSeed });
  const train = digitDataset(data.train, sweep.layout);
  const test = digitDataset(data.test, sweep.layout);
  const batches = Math.floor(budget.trainDigits / budget.batchSize) * budget.epochs;
  const seeds = Array.from({ length: context.seeds }, (_, i) => sweep.firstSeed + i);
  const bar = context.progress(sweep.label, sweep.qs.length * seeds.length * batches);
  const runs: MnistQSweepRun<Measured>[] = [];
  for (const seed of seeds) {
    for (const q of sweep.qs) {
      const built = sweep.build(q, seed);
      const trained = await trainEpochs(built.model, train, {
        epochs: budget.epochs,
        batchSize: budget.batchSize,
        seed,
        onBatch: (epoch, loss) =>
          bar.tick(`q ${q}, seed ${seed}, epoch ${epoch + 1}, loss ${loss.toFixed(3)}`),
      });
      runs.push({
        q,
        seed,
        ...(await sweep.measure(built, test)),
        finalTrainLoss: trained.epochLoss[trained.epochLoss.length - 1],
        epochSeconds: trained.epochSeconds,
      });
      built.model.dispose();
    }
  }
  bar.stop();
  return { seeds, runs };
}
