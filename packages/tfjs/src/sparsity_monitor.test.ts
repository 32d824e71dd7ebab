import { hoyerSparsity, SparseoutError } from '@sparseout/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUSED_BACKENDS, sampleInput, useBackend } from './backends.testkit.js';
import { sparseoutLayer } from './layer.js';
import { type SparsityMeasurement, sparsityMonitor } from './sparsity_monitor.js';

const init = (seed: number) => tfl.initializers.glorotUniform({ seed });

/** 6 -> hidden1 (relu) -> sp1 -> BatchNormalization -> hidden2 (relu) -> sp2 -> softmax 2. */
function mlp(): tfl.Sequential {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [6],
        units: 12,
        activation: 'relu',
        kernelInitializer: init(1),
        name: 'hidden1',
      }),
      sparseoutLayer({ rate: 0.4, q: 1, seed: 3, name: 'sp1' }),
      tfl.layers.batchNormalization({ name: 'bn' }),
      tfl.layers.dense({ units: 10, activation: 'relu', kernelInitializer: init(2), name: 'hidden2' }),
      sparseoutLayer({ rate: 0.3, q: 3, seed: 4, name: 'sp2' }),
      tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(5) }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  return model;
}

function dataset(n: number): [tf.Tensor, tf.Tensor] {
  const xs = tf.tensor(sampleInput(n * 6), [n, 6]);
  const labels = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
      'int32',
    ),
    2,
  );
  return [xs, tf.cast(labels, 'float32')];
}

/** What enters sp1 and sp2 (the outputs of hidden1 and hidden2) at inference, measured by core. */
function reference(
  model: tfl.LayersModel,
  probe: tf.Tensor,
): Record<string, { hoyer: number; zeros: number }> {
  const taps = tfl.model({
    inputs: model.inputs,
    outputs: ['hidden1', 'hidden2'].map((n) => model.getLayer(n).output as tfl.SymbolicTensor),
  });
  const outs = taps.predict(probe) as tf.Tensor[];
  const [h1, h2] = outs.map((t) => t.dataSync() as Float32Array);
  tf.dispose(outs);
  const zeros = (v: Float32Array) => v.filter((a) => a === 0).length / v.length;
  return {
    sp1: { hoyer: hoyerSparsity(h1), zeros: zeros(h1) },
    sp2: { hoyer: hoyerSparsity(h2), zeros: zeros(h2) },
  };
}

describe.each(FUSED_BACKENDS)('sparsityMonitor on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('S7.1 S7.2 puts <layer>/hoyer and <layer>/zeros of each epoch into the logs and History, equal to core on the same activations', async () => {
    const model = mlp();
    const [xs, ys] = dataset(40);
    const probe = tf.tensor(
      sampleInput(16 * 6).map((v) => v * 1.5),
      [16, 6],
    );
    const measured: SparsityMeasurement[] = [];
    const seenByNext: Record<string, number>[] = [];
    const references: ReturnType<typeof reference>[] = [];
    const monitor = sparsityMonitor({ probe, onMeasure: (m) => void measured.push(m) });
    // The monitor first, then a CustomCallback: it sees the figures the monitor put in the logs.
    const history = await model.fit(xs, ys, {
      epochs: 3,
      batchSize: 8,
      verbose: 0,
      callbacks: [
        monitor,
        new tfl.CustomCallback({
          onEpochEnd: (_epoch, logs) => {
            seenByNext.push({ ...(logs as Record<string, number>) });
            references.push(reference(model, probe));
          },
        }),
      ],
    });
    const names = ['sp1/hoyer', 'sp1/zeros', 'sp2/hoyer', 'sp2/zeros'];
    for (const name of names) expect(history.history[name]).toHaveLength(3);
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const layer of ['sp1', 'sp2'] as const) {
        const ref = references[epoch][layer];
        expect(history.history[`${layer}/hoyer`][epoch]).toBe(ref.hoyer);
        expect(history.history[`${layer}/zeros`][epoch]).toBe(ref.zeros);
        expect(seenByNext[epoch][`${layer}/hoyer`]).toBe(ref.hoyer);
        expect(measured[epoch].layers[layer].hoyer).toBe(ref.hoyer);
        expect(measured[epoch].layers[layer].q).toBe(layer === 'sp1' ? 1 : 3);
      }
      expect(measured[epoch].epoch).toBe(epoch);
      expect(measured[epoch].batch).toBeUndefined();
    }
    // hidden1 is a ReLU layer: some exact zeros, and the figures are not degenerate.
    expect(references[2].sp1.zeros).toBeGreaterThan(0);
    expect(references[2].sp1.hoyer).toBeGreaterThan(0);
    expect(references[2].sp1.hoyer).toBeLessThan(1);
    // Measuring is inference: each seeded Sparseout layer took one step per training batch only.
    for (const name of ['sp1', 'sp2'])
      expect((model.getLayer(name) as unknown as { step: number }).step).toBe(15);
    tf.dispose([xs, ys, probe]);
    model.dispose();
  });

  it('every: N also measures after every N-th batch (counted over the run), into that batch’s logs', async () => {
    const model = mlp();
    const [xs, ys] = dataset(40);
    const probe = tf.tensor(sampleInput(8 * 6), [8, 6]);
    const measured: [number, number | undefined][] = [];
    const batchLogs: [number, number, boolean][] = [];
    let epochNow = 0;
    await model.fit(xs, ys, {
      epochs: 2,
      batchSize: 8,
      verbose: 0,
      callbacks: [
        sparsityMonitor({
          probe,
          every: 3,
          layers: ['sp2'],
          onMeasure: (m) => void measured.push([m.epoch, m.batch]),
        }),
        new tfl.CustomCallback({
          onEpochBegin: (epoch) => {
            epochNow = epoch;
          },
          onBatchEnd: (batch, logs) => {
            const has = logs !== undefined && 'sp2/hoyer' in logs && 'sp2/zeros' in logs;
            expect(logs !== undefined && 'sp1/hoyer' in logs).toBe(false);
            batchLogs.push([epochNow, batch, has]);
          },
        }),
      ],
    });
    // 5 batches per epoch: global batches 3, 6 and 9 are (0, 2), (1, 0) and (1, 3).
    expect(measured).toEqual([
      [0, 2],
      [0, undefined],
      [1, 0],
      [1, 3],
      [1, undefined],
    ]);
    expect(batchLogs.filter(([, , has]) => has).map(([e, b]) => [e, b])).toEqual([
      [0, 2],
      [1, 0],
      [1, 3],
    ]);
    tf.dispose([xs, ys, probe]);
    model.dispose();
  });

  it('works alone and after a tf.Callback; after a plain object (no model from tfjs) it says so', async () => {
    const model = mlp();
    const [xs, ys] = dataset(16);
    const probe = tf.tensor(sampleInput(4 * 6), [4, 6]);
    const alone = await model.fit(xs, ys, {
      epochs: 1,
      batchSize: 8,
      verbose: 0,
      callbacks: sparsityMonitor({ probe }),
    });
    expect(alone.history['sp1/hoyer']).toHaveLength(1);
    const early = tfl.callbacks.earlyStopping({ monitor: 'loss', patience: 10 });
    const mixed = await model.fit(xs, ys, {
      epochs: 2,
      batchSize: 8,
      verbose: 0,
      callbacks: [early, sparsityMonitor({ probe })],
    });
    expect(mixed.history['sp2/zeros']).toHaveLength(2);
    expect(mixed.history['sp2/hoyer'][1]).toBe(reference(model, probe).sp2.hoyer);
    // After a plain object, tfjs wraps the monitor in a CustomCallback that gets no model: a clear error.
    const wrapped = model.fit(xs, ys, {
      epochs: 1,
      verbose: 0,
      callbacks: [
        { onEpochEnd: () => {} },
        sparsityMonitor({ probe }),
      ] as unknown as tfl.CustomCallbackArgs[],
    });
    await expect(wrapped).rejects.toThrow(/gave the monitor no model/);
    tf.dispose([xs, ys, probe]);
    model.dispose();
  });

  it('leaks no tensors: a run measured after every batch holds as many tensors as before', async () => {
    const model = mlp();
    const [xs, ys] = dataset(32);
    const probe = tf.tensor(sampleInput(8 * 6), [8, 6]);
    // Warm up: the optimizer creates its state and tfjs its constants on the first run.
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0, callbacks: sparsityMonitor({ probe }) });
    const before = tf.memory().numTensors;
    let measurements = 0;
    await model.fit(xs, ys, {
      epochs: 5,
      batchSize: 8,
      verbose: 0,
      callbacks: sparsityMonitor({ probe, every: 1, onMeasure: () => void measurements++ }),
    });
    expect(measurements).toBe(25);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([xs, ys, probe]);
    model.dispose();
  });

  it('S1.4 bad options throw SparseoutError; a name that is not a Sparseout layer fails fit before training', async () => {
    const probe = tf.ones([2, 6]);
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(SparseoutError);
        return (error as SparseoutError).code;
      }
      return 'no error';
    };
    expect(code(() => sparsityMonitor({ probe: [1, 2] as unknown as tf.Tensor }))).toBe(
      'SPARSEOUT_INVALID_INPUT',
    );
    expect(code(() => sparsityMonitor({ probe: tf.zeros([0, 6]) }))).toBe('SPARSEOUT_INVALID_INPUT');
    expect(code(() => sparsityMonitor({ probe, every: 0 }))).toBe('SPARSEOUT_INVALID_INPUT');
    expect(code(() => sparsityMonitor({ probe, every: 1.5 }))).toBe('SPARSEOUT_INVALID_INPUT');
    expect(code(() => sparsityMonitor({ probe, layers: 'sp1' as unknown as string[] }))).toBe(
      'SPARSEOUT_INVALID_INPUT',
    );
    const model = mlp();
    const [xs, ys] = dataset(8);
    const weights = model.getWeights().map((w) => w.dataSync().slice());
    for (const layers of [['hidden1'], ['nope']]) {
      const run = model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: sparsityMonitor({ probe, layers }) });
      await expect(run).rejects.toThrow(SparseoutError);
      await expect(run).rejects.toThrow(/no Sparseout layer named/);
    }
    expect(model.getWeights().map((w) => w.dataSync())).toEqual(weights);
    const plain = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [6], units: 2 })] });
    plain.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await expect(
      plain.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: sparsityMonitor({ probe }) }),
    ).rejects.toThrow(/has no Sparseout layer/);
    tf.dispose([xs, ys, probe]);
    model.dispose();
    plain.dispose();
  });
});
