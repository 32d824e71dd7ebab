import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadLanguageData } from '../../data/language.js';
import { loadMnist } from '../../data/mnist.js';
import { digitDataset, windowDataset } from '../../data/tensors.js';
import { buildCnn } from '../../models/cnn.js';
import { buildLstm } from '../../models/lstm.js';
import { buildMlp } from '../../models/mlp.js';
import type { NoiseSpec } from '../../tf/noise-layer.js';
import type { ArrayDataset } from '../../tf/train.js';
import { classificationBudget } from '../classification.js';
import { languageBudget } from '../language.js';
import { sparsityBudget } from '../sparsity.js';

export type ModelName = 'MLP-128' | 'MLP-256' | 'CNN' | 'LSTM';

/** A model of experiments 2-4 with the batch shape and epoch length its experiment uses. */
export interface Workload {
  model: ModelName;
  build: (noise: NoiseSpec) => tfl.LayersModel;
  data: ArrayDataset;
  batchSize: number;
  /** Batches in one epoch of the full-run budget of its experiment. */
  batchesPerEpoch: number;
}

/** The small CNN (the earlier experiment 4): batches of 128, an epoch of 7,000 digits. */
const CNN_WORKLOAD = { batchSize: 128, trainDigits: 7000, learningRate: 2e-3 };

/** An MLP of experiment 2 or 4, with that experiment's width, learning rate, batch and epoch. */
function mlpWorkload(
  model: 'MLP-128' | 'MLP-256',
  budget: { hiddenUnits: number; learningRate: number; batchSize: number; trainDigits: number },
  data: ArrayDataset,
): Workload {
  return {
    model,
    build: (noise) =>
      buildMlp({ hiddenUnits: budget.hiddenUnits, noise, seed: 1, learningRate: budget.learningRate }).model,
    data,
    batchSize: budget.batchSize,
    batchesPerEpoch: Math.floor(budget.trainDigits / budget.batchSize),
  };
}

/**
 * The models with the full-run batch sizes and epoch lengths of experiments 2 (MLP-128), 3 (LSTM)
 * and 4 (MLP-256), and the small CNN, timed for its convolutions (no experiment trains it now).
 */
export function workloads(): Workload[] {
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
    mlpWorkload('MLP-128', mlp, digitDataset(digits, 'flat')),
    mlpWorkload('MLP-256', wide, digitDataset(digits, 'flat')),
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

/** The batch every timing of a workload trains on: its first `batchSize` examples (cycled if fewer). */
export function fixedBatch(w: Workload): { x: tf.Tensor; y: tf.Tensor } {
  return w.data.batch(Array.from({ length: w.batchSize }, (_, i) => i % w.data.count));
}
