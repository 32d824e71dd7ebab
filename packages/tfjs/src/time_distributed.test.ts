import { sparseout as coreSparseout, hoyerSparsity } from '@sparseout/core';
import '@sparseout/testkit/matchers';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleInput, useBackend } from './backends.testkit.js';
import { sparseoutLayer } from './layer.js';
import { mcPredict } from './mc_predict.js';
import { sparsityMonitor } from './sparsity_monitor.js';

/**
 * A Sparseout layer inside a wrapper layer, `tf.layers.timeDistributed({ layer: sparseoutLayer(...) })`
 * (as Keras users write TimeDistributed(Dropout)). Regression: mcPredict and sparsityMonitor
 * looked for Sparseout layers in `model.layers` and nested models only, so they threw "the model
 * has no Sparseout layer" for this model (and a second Sparseout layer elsewhere would have hidden
 * that, leaving the wrapped one in inference mode).
 */

const [BATCH, STEPS, FEATURES] = [2, 4, 3];
const RATE = 0.4;
const Q = 1.5;

/** TimeDistributed(Sparseout) on [batch, 4, 3] inputs, a Flatten, and with `head` a Dense (so fit has weights). */
function wrappedModel(head = false): tfl.Sequential {
  const model = tfl.sequential({
    layers: [
      tfl.layers.timeDistributed({
        inputShape: [STEPS, FEATURES],
        layer: sparseoutLayer({ rate: RATE, q: Q, name: 'so' }),
      }),
      tfl.layers.flatten(),
      ...(head ? [tfl.layers.dense({ units: 1, kernelInitializer: 'ones' })] : []),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return model;
}

const XS = sampleInput(BATCH * STEPS * FEATURES);

describe('a Sparseout layer inside tf.layers.timeDistributed', () => {
  beforeAll(() => useBackend('cpu'));

  it('S4.4 mcPredict samples it: each timestep call of pass k draws seed + 0, step k, as core does', async () => {
    const model = wrappedModel();
    const x = tf.tensor(XS, [BATCH, STEPS, FEATURES]);
    const samples = 3;
    const { mean, variance } = await mcPredict<tf.Tensor>(model, x, { samples, seed: 21 });
    // Pass k: timestep t's [batch, features] slice through core with seed 21 and step k (a layer
    // called several times in a pass draws the same mask at each call).
    const passes = Array.from({ length: samples }, (_, k) => {
      const y = new Float64Array(XS.length);
      for (let t = 0; t < STEPS; t++) {
        const slice = new Float32Array(BATCH * FEATURES);
        for (let b = 0; b < BATCH; b++)
          for (let f = 0; f < FEATURES; f++) slice[b * FEATURES + f] = XS[(b * STEPS + t) * FEATURES + f];
        const out = coreSparseout(slice, { rate: RATE, q: Q, seed: 21, step: k }).y;
        for (let b = 0; b < BATCH; b++)
          for (let f = 0; f < FEATURES; f++) y[(b * STEPS + t) * FEATURES + f] = out[b * FEATURES + f];
      }
      return y;
    });
    const expectedMean = XS.map((_, i) => passes.reduce((s, p) => s + p[i], 0) / samples);
    const expectedVariance = XS.map(
      (_, i) => passes.reduce((s, p) => s + (p[i] - expectedMean[i]) ** 2, 0) / (samples - 1),
    );
    expect(mean.dataSync() as Float32Array).toAgree(expectedMean);
    expect(variance.dataSync() as Float32Array).toAgree(expectedVariance);
    expect(Math.max(...variance.dataSync())).toBeGreaterThan(0);
    tf.dispose([x, mean, variance]);
    model.dispose();
  });

  it('S7.1 S7.2 sparsityMonitor measures what enters it (every timestep) into the History', async () => {
    const model = wrappedModel(true);
    const x = tf.tensor(XS, [BATCH, STEPS, FEATURES]);
    const y = tf.zeros([BATCH, 1]);
    const history = await model.fit(x, y, {
      epochs: 1,
      verbose: 0,
      callbacks: sparsityMonitor({ probe: x }),
    });
    expect(history.history['so/hoyer']).toHaveLength(1);
    expect(history.history['so/hoyer'][0] as number).toAgree(hoyerSparsity(XS));
    expect(history.history['so/zeros'][0]).toBe(XS.filter((v) => v === 0).length / XS.length);
    tf.dispose([x, y]);
    model.dispose();
  });
});
