import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { SeededRandom } from '../random.js';

/** A supervised data set held as flat typed arrays: rows of `inputShape` and of `targetShape`. */
export interface ArrayDataset {
  count: number;
  /** Builds the input and target tensors of the rows at `indices`. */
  batch(indices: number[]): { x: tf.Tensor; y: tf.Tensor };
}

/**
 * Lets timers run (progress-bar redraws): trainOnBatch resolves through microtasks only, so a
 * training loop that never yields starves setTimeout until it ends.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Options of trainEpochs. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Seed of the per-epoch shuffles. */
  seed: number;
  /** Stop an epoch after this many batches (budgets smaller than one pass). */
  maxBatchesPerEpoch?: number;
  /** Called after every batch. */
  onBatch?: (epoch: number, loss: number) => void;
}

/** What a training run measured. */
export interface TrainResult {
  /** Wall time of each epoch in seconds (data preparation included). */
  epochSeconds: number[];
  /** Mean training loss of each epoch. */
  epochLoss: number[];
  batchesPerEpoch: number;
}

/** Trains a compiled model with trainOnBatch on seeded shuffles of the data. */
export async function trainEpochs(
  model: tfl.LayersModel,
  data: ArrayDataset,
  options: TrainOptions,
): Promise<TrainResult> {
  const random = new SeededRandom(options.seed);
  const fullBatches = Math.floor(data.count / options.batchSize);
  const batchesPerEpoch = Math.min(fullBatches, options.maxBatchesPerEpoch ?? fullBatches);
  const epochSeconds: number[] = [];
  const epochLoss: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = random.permutation(data.count);
    const t0 = performance.now();
    let lossSum = 0;
    for (let b = 0; b < batchesPerEpoch; b++) {
      const { x, y } = data.batch(order.slice(b * options.batchSize, (b + 1) * options.batchSize));
      const result = await model.trainOnBatch(x, y);
      x.dispose();
      y.dispose();
      const loss = Array.isArray(result) ? result[0] : result;
      lossSum += loss;
      options.onBatch?.(epoch, loss);
      await yieldToEventLoop();
    }
    epochSeconds.push((performance.now() - t0) / 1000);
    epochLoss.push(lossSum / batchesPerEpoch);
  }
  return { epochSeconds, epochLoss, batchesPerEpoch };
}

/** Runs `model` on the data in batches (inference) and hands each output batch to `consume`. */
export async function forEachPrediction(
  model: tfl.LayersModel,
  data: ArrayDataset,
  batchSize: number,
  consume: (output: tf.Tensor, target: tf.Tensor) => Promise<void> | void,
): Promise<void> {
  for (let start = 0; start < data.count; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, data.count - start) }, (_, i) => start + i);
    const { x, y } = data.batch(indices);
    const output = model.predict(x) as tf.Tensor;
    await consume(output, y);
    tf.dispose([x, y, output]);
  }
}
