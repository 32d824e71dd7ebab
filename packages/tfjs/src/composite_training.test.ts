import { sparseout as coreSparseout, type GradientMode, sparseoutBackward } from '@sparseout/core';
import '@sparseout/testkit/matchers';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleInput, useBackend } from './backends.testkit.js';
import { forceCompositePath } from './composite_backend.js';
import { sparseoutLayer } from './layer.js';
import { sparseout } from './op.js';
import { hasFusedKernel } from './run.js';

/**
 * The composite path is what every backend without a fused kernel runs (webgl and webgpu before
 * their kernels, tfjs-node, any other). Regression: with the fused kernels unregistered, tf.grad
 * and model.fit threw "Cannot destructure property 'noiseShape' of 'attrs'", because the op's
 * scope was named like the kernel and tfjs sent the custom gradient to the kernel's gradient.
 */

/** A seeded MLP 6-32-[Sparseout]-3, the same initial weights every time it is built. */
function seededModel(gradient: GradientMode, noiseShape?: (number | null)[]): tfl.Sequential {
  const model = tfl.sequential();
  const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
  model.add(tfl.layers.dense({ inputShape: [6], units: 32, activation: 'relu', kernelInitializer: init(1) }));
  model.add(sparseoutLayer({ rate: 0.4, q: 1.5, seed: 77, gradient, noiseShape }));
  model.add(tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(2) }));
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  return model;
}

/**
 * Trains `seededModel` on 48 samples in unshuffled batches of `batchSize` for `epochs`; returns
 * the losses and the initial and final weights.
 */
async function train(
  gradient: GradientMode,
  options: { noiseShape?: (number | null)[]; epochs: number; batchSize: number },
) {
  const model = seededModel(gradient, options.noiseShape);
  const initial = model.getWeights().map((w) => Array.from(w.dataSync()));
  const xs = tf.tensor(sampleInput(48 * 6), [48, 6]);
  const labels = tf.tensor1d(
    Array.from({ length: 48 }, (_, i) => i % 3),
    'int32',
  );
  const ys = tf.oneHot(labels, 3);
  const { epochs, batchSize } = options;
  const history = await model.fit(xs, ys, { epochs, batchSize, shuffle: false, verbose: 0 });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  tf.dispose([xs, labels, ys]);
  model.dispose();
  return { losses: history.history.loss as number[], initial, weights };
}

describe('composite path (fused kernels unregistered on cpu): gradients and training', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    forceCompositePath('cpu', true);
  });
  afterAll(() => forceCompositePath('cpu', false));

  it('runs without the fused kernel', () => {
    expect(hasFusedKernel('cpu')).toBe(false);
  });

  it.each(['reference', 'exact'] as const)('S3 (%s) tf.grad through the op matches core', (gradient) => {
    const xs = sampleInput(60);
    const options = { rate: 0.5, q: 1.5, seed: 9, step: 4, gradient };
    const dx = tf.grad((t: tf.Tensor) => tf.sum(sparseout(t, options)))(tf.tensor(xs, [6, 10]));
    const { mask } = coreSparseout(xs, options);
    expect(dx.dataSync()).toAgree(sparseoutBackward(new Float32Array(60).fill(1), xs, mask, options));
    dx.dispose();
  });

  it('S3/S4.1 tf.grad with a noise shape broadcasts the mask as the forward pass did', () => {
    const xs = sampleInput(60);
    const x = tf.tensor(xs, [6, 10]);
    const options = { rate: 0.5, q: 3, seed: 21, noiseShape: [1, null] };
    const [y, dx] = tf.tidy(() => [
      sparseout(x, options),
      tf.grad((t: tf.Tensor) => tf.sum(sparseout(t, options)))(x),
    ]);
    const yv = y.dataSync();
    const dxv = dx.dataSync();
    for (let i = 0; i < 60; i++) {
      const column = i % 10;
      const dropped = yv[column] === 0 && xs[column] !== 0;
      if (xs[i] !== 0) expect(yv[i] === 0).toBe(dropped);
      if (dropped) expect(dxv[i]).toBe(0);
    }
    tf.dispose([x, y, dx]);
  });

  it.each([
    ['reference', undefined],
    ['exact', undefined],
    ['reference', [null, 1] as (number | null)[]],
  ] as const)(
    'model.fit trains (gradient %s, noiseShape %j): finite losses, every weight moves',
    async (gradient, noiseShape) => {
      const shape = noiseShape as (number | null)[] | undefined;
      const run = await train(gradient, { noiseShape: shape, epochs: 2, batchSize: 12 });
      expect(run.losses.every(Number.isFinite)).toBe(true);
      run.weights.forEach((w, i) => {
        expect(w.every(Number.isFinite)).toBe(true);
        expect(w).not.toEqual(run.initial[i]);
      });
    },
  );
});

/**
 * One SGD step of a seeded model on each path: the same mask (S4.4) and the same gradient mode
 * give the same weights within S2.8's float32 tolerance. (Over many steps the float32 rounding of
 * the composite's power, amplified by q < 2's large gains near x = 0, drifts further: one step is
 * the comparison the spec bounds. A wrong mask or gradient mode moves weights by ~1e-3.)
 */
describe('composite and fused paths train alike', () => {
  it.each(['reference', 'exact'] as const)(
    'S4.4 one seeded model.fit step gives the same weights on both paths (%s)',
    async (gradient) => {
      await useBackend('cpu');
      const step = { epochs: 1, batchSize: 48 };
      const fused = await train(gradient, step);
      forceCompositePath('cpu', true);
      try {
        const composite = await train(gradient, step);
        for (let w = 0; w < fused.weights.length; w++) expect(composite.weights[w]).toAgree(fused.weights[w]);
      } finally {
        forceCompositePath('cpu', false);
      }
    },
  );
});
