import { bernoulliMask, sparseout as coreSparseout, sparseoutForward } from '@sparseout/core';
import * as tf from '@tensorflow/tfjs-core';
// tfjs's own gradients (Sum, ...) are registered by tfjs-layers, as in a user's `@tensorflow/tfjs`.
import '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleInput, useBackend } from './backends.testkit.js';
import { forceCompositePath } from './composite_backend.js';
import { sparseout, sparseoutWithMask } from './op.js';

/**
 * A drop-in for `tf.dropout(x, rate, noiseShape, seed)`: what tf.dropout accepts, `sparseout`
 * accepts, on the fused path (cpu, wasm) and the composite path (cpu with the kernels removed).
 */
describe.each([
  ['cpu', false],
  ['wasm', false],
  ['cpu', true],
] as const)('drop-in for tf.dropout on %s (composite: %s)', (backend, composite) => {
  beforeAll(async () => {
    await useBackend(backend);
    forceCompositePath(backend, composite);
  });
  afterAll(() => forceCompositePath(backend, false));

  it('S2.3 takes a nested array as x (a TensorLike), as tf ops do, leaving no tensor behind', () => {
    const rows = [
      [0.5, -1, 2],
      [0, 3, -0.25],
    ];
    const before = tf.memory().numTensors;
    const y = sparseout(rows, { rate: 0.5, q: 1.5, seed: 12 });
    expect(y.shape).toEqual([2, 3]);
    expect(y.dtype).toBe('float32');
    const expected = coreSparseout(Float32Array.from(rows.flat()), { rate: 0.5, q: 1.5, seed: 12 }).y;
    const actual = y.dataSync();
    for (let i = 0; i < 6; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('S2.4 a TensorLike x at inference comes back as a float32 tensor of the same values', () => {
    const y = sparseout(new Float32Array([1, 2, 3]), { rate: 0.5, q: 1, training: false });
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
  });

  it('S4.1 a noise shape of lower rank broadcasts over the trailing dims, as tf.dropout does', () => {
    const xs = sampleInput(6 * 35);
    const x = tf.tensor(xs, [6, 35]);
    const lower = sparseout(x, { rate: 0.5, q: 1, seed: 3, step: 1, noiseShape: [35] });
    const full = sparseout(x, { rate: 0.5, q: 1, seed: 3, step: 1, noiseShape: [1, 35] });
    expect(Array.from(lower.dataSync())).toEqual(Array.from(full.dataSync()));
    const cells = bernoulliMask(35, 0.5, { seed: 3, step: 1 });
    const mask = new Uint8Array(6 * 35);
    for (let r = 0; r < 6; r++) mask.set(cells, r * 35);
    const expected = sparseoutForward(xs, mask, { rate: 0.5, q: 1 });
    const actual = lower.dataSync();
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
    tf.dispose([x, lower, full]);
  });

  it('S4.1 a one-cell noise shape [1] keeps or drops the whole tensor', () => {
    const x = tf.ones([4, 8]);
    for (let seed = 0; seed < 6; seed++) {
      const y = sparseout(x, { rate: 0.5, q: 2, seed, noiseShape: [1] });
      const values = new Set(y.dataSync());
      expect(values.size).toBe(1);
      y.dispose();
    }
    x.dispose();
  });

  it('S3 tf.grad through a lower-rank noise shape and a lower-rank explicit mask', () => {
    const x = tf.tensor(sampleInput(24), [4, 6]);
    const cells = [1, 0, 1, 1, 0, 1];
    const dx = tf.grad((t: tf.Tensor) => tf.sum(sparseoutWithMask(t, cells, { rate: 0.5, q: 2 })))(x);
    const values = dx.arraySync() as number[][];
    for (const row of values) expect(row).toEqual(cells.map((keep) => (keep ? 2 : 0)));
    const dxSeeded = tf.grad((t: tf.Tensor) =>
      tf.sum(sparseout(t, { rate: 0.5, q: 2, seed: 1, noiseShape: [6] })),
    )(x);
    const seededRows = dxSeeded.arraySync() as number[][];
    for (const row of seededRows) expect(row).toEqual(seededRows[0]);
    tf.dispose([x, dx, dxSeeded]);
  });
});
