import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { useBackend } from './backend.js';
import { trainWithEarlyStopping } from './early-stopping.js';
import type { ArrayDataset } from './train.js';

/** A real, tiny linear model on 8 rows: enough to train, so the loop runs as in the experiments. */
function tiny(): { model: tfl.LayersModel; data: ArrayDataset } {
  const model = tfl.sequential({
    layers: [tfl.layers.dense({ inputShape: [2], units: 1, kernelInitializer: tfl.initializers.zeros() })],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const xs = Array.from({ length: 8 }, (_, i) => [i / 8, 1 - i / 8]);
  return {
    model,
    data: {
      count: 8,
      batch: (indices) => ({
        x: tf.tensor2d(indices.map((i) => xs[i])),
        y: tf.tensor2d(indices.map((i) => [xs[i][0] - xs[i][1]])),
      }),
    },
  };
}

/** Validation scores played back epoch by epoch; test scores are 100 + epoch. */
function scripted(validation: number[]) {
  let v = 0;
  let t = 0;
  return { validate: async () => validation[v++], test: async () => 100 + t++ };
}

describe('training with early stopping on validation', () => {
  it('stops after `patience` epochs without a strictly better score and reads test at the best epoch', async () => {
    await useBackend('cpu');
    const { model, data } = tiny();
    const result = await trainWithEarlyStopping(model, data, {
      maxEpochs: 10,
      patience: 2,
      batchSize: 4,
      seed: 1,
      direction: 'max',
      ...scripted([0.5, 0.7, 0.7, 0.6, 0.9, 0.95]),
    });
    // Best 0.7 at epoch 1 (the tie at epoch 2 does not move it); epochs 2 and 3 do not improve: stop.
    expect(result.epochs).toHaveLength(4);
    expect(result.bestEpoch).toBe(1);
    expect(result.validationAtBest).toBe(0.7);
    expect(result.testAtBest).toBe(101);
    expect(result.epochs.every((e) => Number.isFinite(e.trainLoss) && e.cpuSeconds >= 0)).toBe(true);
    model.dispose();
  });

  it("'min' keeps the lowest score and runs to maxEpochs while it keeps improving", async () => {
    await useBackend('cpu');
    const { model, data } = tiny();
    const result = await trainWithEarlyStopping(model, data, {
      maxEpochs: 3,
      patience: 1,
      batchSize: 4,
      seed: 2,
      direction: 'min',
      ...scripted([9, 8, 7]),
    });
    expect(result.epochs).toHaveLength(3);
    expect([result.bestEpoch, result.testAtBest]).toEqual([2, 102]);
    // Training really happened: the loss fell.
    expect(result.epochs[2].trainLoss).toBeLessThan(result.epochs[0].trainLoss);
    model.dispose();
  });
});
