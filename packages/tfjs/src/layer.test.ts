import { sparseout as coreSparseout } from '@sparseout/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUSED_BACKENDS, sampleInput, useBackend } from './backends.testkit.js';
import { SparseoutLayer, sparseoutLayer } from './layer.js';

/** A small MLP with a Sparseout layer between two dense layers. */
function smallModel(layer: SparseoutLayer): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ inputShape: [4], units: 16, activation: 'relu' }));
  model.add(layer);
  model.add(tfl.layers.dense({ units: 2, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy' });
  return model;
}

function dataset(n: number): [tf.Tensor, tf.Tensor] {
  const xs = tf.tensor(sampleInput(n * 4), [n, 4]);
  const labels = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: n }, (_, i) => i % 2),
      'int32',
    ),
    2,
  );
  return [xs, tf.cast(labels, 'float32')];
}

describe.each(FUSED_BACKENDS)('SparseoutLayer on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('S2.4 is the identity at inference and Sparseout with training: true', () => {
    const xs = sampleInput(64);
    const x = tf.tensor(xs, [8, 8]);
    const layer = sparseoutLayer({ rate: 0.5, q: 1.5, seed: 11 });
    const inference = layer.apply(x) as tf.Tensor;
    expect(inference.dataSync()).toEqual(xs);
    const training = layer.apply(x, { training: true }) as tf.Tensor;
    expect(training.dataSync()).toEqual(coreSparseout(xs, { rate: 0.5, q: 1.5, seed: 11, step: 0 }).y);
    tf.dispose([x, inference, training]);
  });

  it('S4.4 a seeded layer uses steps 0, 1, 2 for its training calls', () => {
    const xs = sampleInput(40);
    const x = tf.tensor(xs, [4, 10]);
    const layer = sparseoutLayer({ rate: 0.3, q: 3, seed: 2 ** 33 + 5, gradient: 'exact' });
    for (let step = 0; step < 3; step++) {
      const y = layer.apply(x, { training: true }) as tf.Tensor;
      expect(y.dataSync()).toEqual(coreSparseout(xs, { rate: 0.3, q: 3, seed: 2 ** 33 + 5, step }).y);
      y.dispose();
    }
    expect(layer.step).toBe(3);
    x.dispose();
  });

  it('is active in model.fit: the step advances once per training batch, not in predict', async () => {
    const layer = sparseoutLayer({ rate: 0.4, q: 1, seed: 1 });
    const model = smallModel(layer);
    const [xs, ys] = dataset(40);
    await model.fit(xs, ys, { batchSize: 8, epochs: 2, verbose: 0 });
    expect(layer.step).toBe(10);
    tf.dispose(model.predict(xs) as tf.Tensor);
    expect(layer.step).toBe(10);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('S4.1 noiseShape with null dims: one mask across all timesteps', () => {
    const x = tf.ones([3, 6, 20]);
    const layer = sparseoutLayer({ rate: 0.5, q: 2, noiseShape: [null, 1, null], seed: 4 });
    const y = (layer.apply(x, { training: true }) as tf.Tensor).arraySync() as number[][][];
    for (const sequence of y) for (const timestep of sequence) expect(timestep).toEqual(sequence[0]);
    expect(new Set(y.flat(2)).size).toBe(2);
    x.dispose();
  });

  it('leaks no tensors over 1,000 training steps', async () => {
    const model = smallModel(sparseoutLayer({ rate: 0.3, q: 1.5 }));
    const [xs, ys] = dataset(1000);
    const warmUp = [tf.slice(xs, 0, 1), tf.slice(ys, 0, 1)];
    await model.fit(warmUp[0], warmUp[1], { batchSize: 1, epochs: 1, verbose: 0 });
    tf.dispose(warmUp);
    const before = tf.memory();
    const history = await model.fit(xs, ys, { batchSize: 1, epochs: 1, verbose: 0 });
    expect(history.history.loss[0]).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    tf.dispose([xs, ys]);
    model.dispose();
  }, 180_000);
});

describe('SparseoutLayer serialization', () => {
  beforeAll(() => useBackend('cpu'));

  it('S4.2 getConfig round-trips through fromConfig, bigint seeds included', () => {
    const layer = sparseoutLayer({
      rate: 0.2,
      q: 3,
      epsilon: 1e-9,
      noiseShape: [null, 1],
      seed: 2n ** 63n,
      gradient: 'exact',
    });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      rate: 0.2,
      q: 3,
      epsilon: 1e-9,
      gradient: 'exact',
      noiseShape: [null, 1],
      seed: '9223372036854775808',
    });
    const copy = SparseoutLayer.fromConfig(SparseoutLayer, config) as SparseoutLayer;
    expect(copy.getConfig()).toEqual(config);
    expect(copy.seed).toBe(2n ** 63n);
    expect(SparseoutLayer.className).toBe('Sparseout');
  });

  it('model.save and tf.loadLayersModel round-trip a model containing it', async () => {
    const model = smallModel(
      sparseoutLayer({ rate: 0.3, q: 1.5, seed: 2n ** 63n + 3n, noiseShape: [null, 16], name: 'so' }),
    );
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(JSON.stringify(saved?.modelTopology)).toContain('"class_name":"Sparseout"');
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
    const layer = loaded.getLayer('so');
    expect(layer).toBeInstanceOf(SparseoutLayer);
    expect(layer.getConfig()).toEqual(model.getLayer('so').getConfig());
    const x = tf.tensor(sampleInput(20), [5, 4]);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(b.dataSync()).toEqual(a.dataSync());
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });
});

describe('SparseoutLayer: S4 seeds (amendment A2)', () => {
  beforeAll(() => useBackend('cpu'));

  it('S4.2 seed: null is no seed, as Keras configs write it; seeded or not, the config says so', () => {
    const layer = sparseoutLayer({ rate: 0.5, q: 1, seed: null });
    expect(layer.seed).toBeUndefined();
    expect(layer.getConfig().seed).toBeNull();
    expect(
      (SparseoutLayer.fromConfig(SparseoutLayer, layer.getConfig()) as SparseoutLayer).seed,
    ).toBeUndefined();
  });
});

describe('SparseoutLayer: S1.4 bad configuration throws SparseoutError when created', () => {
  const cases: [string, () => unknown, string][] = [
    ['rate 1', () => sparseoutLayer({ rate: 1, q: 1 }), 'SPARSEOUT_INVALID_RATE'],
    ['q missing', () => sparseoutLayer({ rate: 0.5 } as never), 'SPARSEOUT_INVALID_Q'],
    ['epsilon -1', () => sparseoutLayer({ rate: 0.5, q: 1, epsilon: -1 }), 'SPARSEOUT_INVALID_EPSILON'],
    ['seed 1.5', () => sparseoutLayer({ rate: 0.5, q: 1, seed: 1.5 }), 'SPARSEOUT_INVALID_SEED'],
    ["seed '42'", () => sparseoutLayer({ rate: 0.5, q: 1, seed: '42' as never }), 'SPARSEOUT_INVALID_SEED'],
    [
      'gradient "x"',
      () => sparseoutLayer({ rate: 0.5, q: 1, gradient: 'x' as never }),
      'SPARSEOUT_INVALID_INPUT',
    ],
    [
      'noiseShape [0]',
      () => sparseoutLayer({ rate: 0.5, q: 1, noiseShape: [0] }),
      'SPARSEOUT_SHAPE_MISMATCH',
    ],
    [
      'noiseShape [null, 3] on 4 features, when the model is built',
      () => smallModel(sparseoutLayer({ rate: 0.5, q: 1, noiseShape: [null, 3] })),
      'SPARSEOUT_SHAPE_MISMATCH',
    ],
  ];
  it.each(cases)('%s', (_name, create, code) => {
    expect(create).toThrow(expect.objectContaining({ name: 'SparseoutError', code }));
  });
});
