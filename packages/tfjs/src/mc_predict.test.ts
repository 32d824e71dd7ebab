import { sparseout as coreSparseout, SparseoutError } from '@sparseout/core';
import '@sparseout/testkit/matchers';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUSED_BACKENDS, sampleInput, useBackend } from './backends.testkit.js';
import { sparseoutLayer } from './layer.js';
import { mcPredict } from './mc_predict.js';

const init = (seed: number) => tfl.initializers.glorotUniform({ seed });

/** dense -> BatchNormalization (moving stats far from any batch's) -> Dropout -> Sparseout. */
function bnDropoutModel(): tfl.Sequential {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [6], units: 8, kernelInitializer: init(1), name: 'dense' }),
      tfl.layers.batchNormalization({ name: 'bn' }),
      tfl.layers.dropout({ rate: 0.5, name: 'dropout' }),
      sparseoutLayer({ rate: 0.4, q: 1.5, seed: 99, name: 'sparseout' }),
    ],
  });
  const bn = model.getLayer('bn');
  bn.setWeights([tf.fill([8], 1.5), tf.fill([8], 0.25), tf.linspace(-1, 1, 8), tf.linspace(0.5, 4, 8)]);
  return model;
}

/** Element-wise float64 mean and unbiased variance of equally long samples. */
function moments(samples: ArrayLike<number>[]): { mean: Float64Array; variance: Float64Array } {
  const n = samples[0].length;
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  for (const s of samples) for (let i = 0; i < n; i++) mean[i] += s[i] / samples.length;
  for (const s of samples) for (let i = 0; i < n; i++) variance[i] += (s[i] - mean[i]) ** 2;
  if (samples.length > 1) for (let i = 0; i < n; i++) variance[i] /= samples.length - 1;
  else variance.fill(0);
  return { mean, variance };
}

const x = () => tf.tensor(sampleInput(5 * 6), [5, 6]);

describe.each(FUSED_BACKENDS)('mcPredict on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('S2.3 samples only the Sparseout layers: BatchNormalization and Dropout stay in inference mode', async () => {
    const model = bnDropoutModel();
    const input = x();
    const bnBefore = model
      .getLayer('bn')
      .getWeights()
      .map((w) => w.dataSync().slice());
    // Inference: Dropout and Sparseout are the identity, BatchNormalization uses its moving stats.
    const hidden = model.predict(input) as tf.Tensor;
    const h = hidden.dataSync() as Float32Array;
    const samples = 7;
    const { mean, variance } = await mcPredict<tf.Tensor>(model, input, { samples, seed: 12 });
    // Sample k: the Sparseout mask of seed 12 (the only noisy layer, index 0) and step k, on h.
    const expected = moments(
      Array.from({ length: samples }, (_, k) => coreSparseout(h, { rate: 0.4, q: 1.5, seed: 12, step: k }).y),
    );
    expect(mean.shape).toEqual([5, 8]);
    expect(mean.dataSync()).toAgree(expected.mean);
    expect(variance.dataSync()).toAgree(expected.variance);
    expect(Math.max(...expected.variance)).toBeGreaterThan(0);
    const bnAfter = model
      .getLayer('bn')
      .getWeights()
      .map((w) => w.dataSync());
    expect(bnAfter).toEqual(bnBefore);
    // The layer's own seed and step are untouched, and no layer keeps a replaced call.
    expect((model.getLayer('sparseout') as unknown as { step: number }).step).toBe(0);
    for (const layer of model.layers) expect(Object.hasOwn(layer, 'call')).toBe(false);
    tf.dispose([input, hidden, mean, variance]);
    model.dispose();
  });

  it("S2.5 include: 'noise' samples Dropout layers too, as Sparseout with q = 2 (seed + 0, then seed + 1)", async () => {
    const model = bnDropoutModel();
    const input = x();
    const hidden = model.predict(input) as tf.Tensor;
    const h = hidden.dataSync() as Float32Array;
    const samples = 4;
    const { mean, variance } = await mcPredict<tf.Tensor>(model, input, {
      samples,
      seed: 2 ** 40,
      include: 'noise',
    });
    const expected = moments(
      Array.from({ length: samples }, (_, k) => {
        const dropped = coreSparseout(h, { rate: 0.5, q: 2, seed: 2 ** 40, step: k }).y;
        return coreSparseout(dropped, { rate: 0.4, q: 1.5, seed: 2 ** 40 + 1, step: k }).y;
      }),
    );
    expect(mean.dataSync()).toAgree(expected.mean);
    expect(variance.dataSync()).toAgree(expected.variance);
    tf.dispose([input, hidden, mean, variance]);
    model.dispose();
  });

  it('S4.4 functional multi-output model with a nested Sequential: per-output mean and variance, seeded', async () => {
    const input = tfl.input({ shape: [6] });
    const inner = tfl.sequential({
      name: 'inner',
      layers: [
        tfl.layers.dense({ inputShape: [6], units: 8, activation: 'relu', kernelInitializer: init(2) }),
        sparseoutLayer({ rate: 0.3, q: 1, name: 'inner_sparseout' }),
      ],
    });
    const trunk = inner.apply(input) as tfl.SymbolicTensor;
    const head1 = tfl.layers.dense({ units: 3, kernelInitializer: init(3), name: 'head1' });
    const head2 = tfl.layers.dense({ units: 2, kernelInitializer: init(4), name: 'head2' });
    const tail = sparseoutLayer({ rate: 0.5, q: 3, name: 'tail_sparseout' });
    const model = tfl.model({
      inputs: input,
      outputs: [
        head1.apply(trunk) as tfl.SymbolicTensor,
        tail.apply(head2.apply(trunk)) as tfl.SymbolicTensor,
      ],
    });
    const xs = x();
    const hidden = inner.predict(xs) as tf.Tensor;
    const h = hidden.dataSync() as Float32Array;
    const samples = 5;
    // The model's layers in order: input, inner (its dense, then inner_sparseout = index 0), head1,
    // head2, tail_sparseout (index 1).
    const outs1: Float32Array[] = [];
    const outs2: Float32Array[] = [];
    for (let k = 0; k < samples; k++) {
      const z = tf.tensor(coreSparseout(h, { rate: 0.3, q: 1, seed: 5, step: k }).y, [5, 8]);
      const [o1, o2] = [head1.apply(z) as tf.Tensor, head2.apply(z) as tf.Tensor];
      outs1.push(o1.dataSync() as Float32Array);
      outs2.push(coreSparseout(o2.dataSync() as Float32Array, { rate: 0.5, q: 3, seed: 6, step: k }).y);
      tf.dispose([z, o1, o2]);
    }
    const first = await mcPredict<tf.Tensor[]>(model, xs, { samples, seed: 5 });
    const again = await mcPredict<tf.Tensor[]>(model, xs, { samples, seed: 5 });
    expect(first.mean.map((t) => t.shape)).toEqual([
      [5, 3],
      [5, 2],
    ]);
    const [e1, e2] = [moments(outs1), moments(outs2)];
    expect(first.mean[0].dataSync()).toAgree(e1.mean);
    expect(first.variance[0].dataSync()).toAgree(e1.variance);
    expect(first.mean[1].dataSync()).toAgree(e2.mean);
    expect(first.variance[1].dataSync()).toAgree(e2.variance);
    // Seeded runs repeat exactly.
    for (const part of ['mean', 'variance'] as const) {
      for (let i = 0; i < 2; i++) expect(again[part][i].dataSync()).toEqual(first[part][i].dataSync());
    }
    tf.dispose([xs, hidden, ...first.mean, ...first.variance, ...again.mean, ...again.variance]);
    model.dispose();
  });

  it('S4.2 batchSize: batch b of pass k uses step b * samples + k; onProgress counts every pass', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [6], units: 4, kernelInitializer: init(7) }),
        sparseoutLayer({ rate: 0.25, q: 0.5 }),
      ],
    });
    const xs = x();
    const hidden = model.predict(xs) as tf.Tensor;
    const h = hidden.dataSync() as Float32Array;
    const samples = 3;
    const progress: [number, number][] = [];
    const { mean, variance } = await mcPredict<tf.Tensor>(model, xs, {
      samples,
      seed: 3,
      batchSize: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const expectedMean: number[] = [];
    const expectedVariance: number[] = [];
    for (let b = 0; b < 3; b++) {
      const rows = h.subarray(b * 2 * 4, Math.min(5, b * 2 + 2) * 4);
      const m = moments(
        Array.from(
          { length: samples },
          (_, k) => coreSparseout(rows, { rate: 0.25, q: 0.5, seed: 3, step: b * samples + k }).y,
        ),
      );
      expectedMean.push(...m.mean);
      expectedVariance.push(...m.variance);
    }
    expect(mean.shape).toEqual([5, 4]);
    expect(mean.dataSync()).toAgree(expectedMean);
    expect(variance.dataSync()).toAgree(expectedVariance);
    expect(progress).toEqual(Array.from({ length: 9 }, (_, i) => [i + 1, 9]));
    tf.dispose([xs, hidden, mean, variance]);
    model.dispose();
  });

  it('samples 1 gives the one sample as the mean and zero variance', async () => {
    const model = bnDropoutModel();
    const input = x();
    const hidden = model.predict(input) as tf.Tensor;
    const { mean, variance } = await mcPredict<tf.Tensor>(model, input, { samples: 1, seed: 8 });
    const h = hidden.dataSync() as Float32Array;
    expect(mean.dataSync()).toAgree(coreSparseout(h, { rate: 0.4, q: 1.5, seed: 8, step: 0 }).y);
    expect(Array.from(variance.dataSync()).every((v) => v === 0)).toBe(true);
    tf.dispose([input, hidden, mean, variance]);
    model.dispose();
  });

  it('S5.1 unseeded: fresh masks per call, and the mean is unbiased (400 samples, bound with false-failure rate < 1e-6)', async () => {
    // One Sparseout layer on the input itself: sample k of an element is y = x (1 + n g) (S2.3),
    // one of two values R = |x| g / (1 - r) apart. By Hoeffding's inequality the mean of 400
    // samples is further than R sqrt(ln(2 * 30 / 1e-6) / (2 * 400)) from E[y] = x with probability
    // < 1e-6 / 30 per element, so < 1e-6 over the 30 elements (plus float32 rounding, S2.8).
    const model = tfl.sequential({ layers: [sparseoutLayer({ inputShape: [6], rate: 0.3, q: 1.2 })] });
    const xs = sampleInput(30);
    const input = tf.tensor(xs, [5, 6]);
    const samples = 400;
    const a = await mcPredict<tf.Tensor>(model, input, { samples });
    const b = await mcPredict<tf.Tensor>(model, input, { samples });
    expect(a.mean.dataSync()).not.toEqual(b.mean.dataSync());
    const hoeffding = Array.from(xs, (x) => {
      const range = (Math.abs(x) * (Math.abs(x) + 1e-12) ** ((1.2 - 2) / 2)) / 0.7;
      return range * Math.sqrt(Math.log((2 * 30) / 1e-6) / (2 * samples)) + 1e-6;
    });
    expect(a.mean.dataSync()).toAgree(xs, { rel: 1e-5, abs: hoeffding });
    tf.dispose([input, a.mean, a.variance, b.mean, b.variance]);
    model.dispose();
  });

  it('leaks no tensors over 100 calls (numTensors before and after)', async () => {
    const model = bnDropoutModel();
    const input = x();
    const multi = tfl.model({
      inputs: model.inputs,
      outputs: [model.getLayer('dense').output as tfl.SymbolicTensor, model.outputs[0]],
    });
    // Warm up: tfjs creates its kernels' constants and the model's executor cache on first use.
    tf.dispose(Object.values(await mcPredict<tf.Tensor>(model, input, { samples: 2, seed: 1 })));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) {
      const single = await mcPredict<tf.Tensor>(model, input, { samples: 3, seed: i, batchSize: 2 });
      const both = await mcPredict<tf.Tensor[]>(multi, input, { samples: 2, include: 'noise' });
      tf.dispose([single.mean, single.variance, ...both.mean, ...both.variance]);
    }
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
    model.dispose();
  });

  it('S1.4 rejects bad arguments with SparseoutError before running, and restores layers when a pass throws', async () => {
    const model = bnDropoutModel();
    const input = x();
    const code = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        expect(error).toBeInstanceOf(SparseoutError);
        return (error as SparseoutError).code;
      }
      return 'no error';
    };
    const plain = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [6], units: 2 }), tfl.layers.dropout({ rate: 0.5 })],
    });
    const before = tf.memory().numTensors;
    expect(await code(() => mcPredict(model, input, { samples: 0 }))).toBe('SPARSEOUT_INVALID_INPUT');
    expect(await code(() => mcPredict(model, input, { samples: 2.5 }))).toBe('SPARSEOUT_INVALID_INPUT');
    expect(await code(() => mcPredict(model, input, { samples: 2, batchSize: 0 }))).toBe(
      'SPARSEOUT_INVALID_INPUT',
    );
    expect(
      await code(() => mcPredict(model, input, { samples: 2, include: 'all' as unknown as 'noise' })),
    ).toBe('SPARSEOUT_INVALID_INPUT');
    expect(await code(() => mcPredict(model, input, { samples: 2, seed: -1 }))).toBe(
      'SPARSEOUT_INVALID_SEED',
    );
    expect(await code(() => mcPredict(model, [] as tf.Tensor[], { samples: 2 }))).toBe(
      'SPARSEOUT_INVALID_INPUT',
    );
    expect(
      await code(() =>
        mcPredict(model.getLayer('dense') as unknown as tfl.LayersModel, input, { samples: 2 }),
      ),
    ).toBe('SPARSEOUT_INVALID_INPUT');
    const noSparseout = await code(() => mcPredict(plain, input, { samples: 2 }));
    expect(noSparseout).toBe('SPARSEOUT_INVALID_INPUT');
    expect(tf.memory().numTensors).toBe(before);
    // A pass that throws (tfjs rejects the input's shape) leaves every layer's own call in place.
    const wrong = tf.ones([2, 7]);
    await expect(mcPredict(model, wrong, { samples: 2, seed: 1 })).rejects.toThrow();
    for (const layer of model.layers) expect(Object.hasOwn(layer, 'call')).toBe(false);
    const [p1, p2] = [model.predict(input) as tf.Tensor, model.predict(input) as tf.Tensor];
    expect(p1.dataSync()).toEqual(p2.dataSync());
    tf.dispose([input, wrong, p1, p2]);
    model.dispose();
    plain.dispose();
  });
});
