import type * as tfl from '@tensorflow/tfjs-layers';
import { type ArrayDataset, trainEpochs } from './train.js';

/** Options of trainWithEarlyStopping. */
export interface EarlyStoppingOptions {
  maxEpochs: number;
  /** Stop after this many epochs without a better validation score. */
  patience: number;
  batchSize: number;
  /** Seed of the batch order (one Philox stream over all epochs). */
  seed: number;
  /** 'max' for accuracy, 'min' for perplexity. */
  direction: 'max' | 'min';
  /** The validation score of the model as it is now. */
  validate(model: tfl.LayersModel): Promise<number>;
  /** The test score of the model as it is now (recorded every epoch, read at the best validation epoch). */
  test(model: tfl.LayersModel): Promise<number>;
  onBatch?: (epoch: number, loss: number) => void;
}

/** One epoch of a run: training loss and time, validation and test scores after it. */
export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  validation: number;
  test: number;
  wallSeconds: number;
  cpuSeconds: number;
}

/** A run trained with early stopping on validation. */
export interface EarlyStoppingResult {
  epochs: EpochRecord[];
  /** Index of the epoch with the best validation score (the first on ties). */
  bestEpoch: number;
  validationAtBest: number;
  testAtBest: number;
  wallSeconds: number;
  /** Process CPU seconds (user + system): unaffected by the process being paused with SIGSTOP. */
  cpuSeconds: number;
}

/**
 * Trains epoch by epoch, scoring validation and test after each, until `maxEpochs` or until
 * `patience` epochs pass without a strictly better validation score; the result is read at the best
 * validation epoch (test scores of later epochs never choose anything).
 */
export async function trainWithEarlyStopping(
  model: tfl.LayersModel,
  train: ArrayDataset,
  options: EarlyStoppingOptions,
): Promise<EarlyStoppingResult> {
  const better = (a: number, b: number) => (options.direction === 'max' ? a > b : a < b);
  const epochs: EpochRecord[] = [];
  let bestEpoch = -1;
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const trained = await trainEpochs(model, train, {
      epochs: 1,
      batchSize: options.batchSize,
      // One seed per (run, epoch): the same for every arm of a seed.
      seed: options.seed * 1000 + epoch,
      onBatch: (_, loss) => options.onBatch?.(epoch, loss),
    });
    const validation = await options.validate(model);
    const test = await options.test(model);
    const c = process.cpuUsage(c0);
    epochs.push({
      epoch,
      trainLoss: trained.epochLoss[0],
      validation,
      test,
      wallSeconds: (performance.now() - t0) / 1000,
      cpuSeconds: (c.user + c.system) / 1e6,
    });
    if (bestEpoch < 0 || better(validation, epochs[bestEpoch].validation)) bestEpoch = epoch;
    if (epoch - bestEpoch >= options.patience) break;
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    epochs,
    bestEpoch,
    validationAtBest: epochs[bestEpoch].validation,
    testAtBest: epochs[bestEpoch].test,
    wallSeconds: (performance.now() - wall0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}
