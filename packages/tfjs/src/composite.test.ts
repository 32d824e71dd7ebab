import { sparseout as coreSparseout, sparseoutBackward } from '@sparseout/core';
import '@sparseout/testkit/matchers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleInput, useBackend } from './backends.testkit.js';
import { resolveOptions, type SparseoutOpOptions } from './options.js';
import { runSparseout } from './run.js';

/** Runs one pass on the forced path; returns y and the full mask as arrays. */
function pass(x: tf.Tensor, options: SparseoutOpOptions, composite: boolean) {
  const { attrs } = resolveOptions(x.shape, options);
  const [y, mask] = tf.tidy(() => {
    const out = runSparseout(x, undefined, attrs, composite);
    return [out.y, out.mask];
  });
  const result = { y: y.dataSync() as Float32Array, mask: Uint8Array.from(mask.dataSync()) };
  tf.dispose([y, mask]);
  return result;
}

describe('composite path (other backends), forced on cpu', () => {
  beforeAll(() => useBackend('cpu'));

  it.each([0, 1, 1.5, 2, 3])(
    'S2.8 agrees with core within float32 tolerance and S4.4 draws the same mask, q = %s',
    (q) => {
      const xs = sampleInput(300);
      const x = tf.tensor(xs, [10, 30]);
      const options = { rate: 0.4, q, seed: 123, step: 9 };
      const core = coreSparseout(xs, options);
      const composite = pass(x, options, true);
      expect(Array.from(composite.mask)).toEqual(Array.from(core.mask));
      expect(composite.y).toAgree(core.y);
      x.dispose();
    },
  );

  it('S4.1 broadcasts the noise-shape cells like the fused kernel', () => {
    const x = tf.tensor(sampleInput(300), [10, 30]);
    const options = { rate: 0.5, q: 1, seed: 5, noiseShape: [1, null] };
    expect(Array.from(pass(x, options, true).mask)).toEqual(Array.from(pass(x, options, false).mask));
    x.dispose();
  });

  it.each(['reference', 'exact'] as const)(
    'S3 (%s) custom gradient agrees with core sparseoutBackward',
    (gradient) => {
      const xs = sampleInput(300);
      const dys = sampleInput(307).subarray(7);
      const [x, dy] = [tf.tensor(xs, [10, 30]), tf.tensor(dys, [10, 30])];
      const options = { rate: 0.3, q: 1.5, seed: 42, gradient };
      const { attrs } = resolveOptions(x.shape, options);
      const dx = tf.grad((t: tf.Tensor) => runSparseout(t, undefined, attrs, true).y)(x, dy);
      const mask = coreSparseout(xs, options).mask;
      expect(dx.dataSync() as Float32Array).toAgree(sparseoutBackward(dys, xs, mask, options));
      tf.dispose([x, dy, dx]);
    },
  );
});

/**
 * S5 on every path, with fresh random masks: x = 0.8 repeated N = 100,000 times, rate 0.3,
 * q = 1.5. Each bound is 5.5 standard errors (two-sided false-failure rate 3.8e-8 per bound);
 * 3 bounds x 3 paths stay below 1e-6 in total.
 */
describe.each([
  ['cpu', false],
  ['wasm', false],
  ['cpu', true],
] as const)('S5 statistics on %s (composite: %s)', (backend, composite) => {
  beforeAll(() => useBackend(backend));
  const N = 100_000;
  const [x0, rate, q, Z] = [0.8, 0.3, 1.5, 5.5];
  const gain = (x0 + 1e-12) ** ((q - 2) / 2);
  const keptNoise = rate / (1 - rate);
  let sample: { y: Float32Array; mask: Uint8Array };

  beforeAll(() => {
    const x = tf.fill([N], x0);
    sample = pass(x, { rate, q }, composite);
    x.dispose();
  });

  it('S5.3 the dropped fraction converges to rate', () => {
    const dropped = sample.mask.reduce((count, bit) => count + (bit === 0 ? 1 : 0), 0) / N;
    expect(Math.abs(dropped - rate)).toBeLessThanOrEqual(Z * Math.sqrt((rate * (1 - rate)) / N));
  });

  it('S5.1 E[y | x] = x', () => {
    const mean = sample.y.reduce((sum, v) => sum + v, 0) / N;
    const sd = x0 * gain * Math.sqrt(keptNoise);
    expect(Math.abs(mean - x0)).toBeLessThanOrEqual((Z * sd) / Math.sqrt(N));
  });

  it('S5.2 Var[y | x] = r / (1 - r) * (|x| + e)^(q - 2) * x^2', () => {
    const mean = sample.y.reduce((sum, v) => sum + v, 0) / N;
    const variance = sample.y.reduce((sum, v) => sum + (v - mean) ** 2, 0) / N;
    const expected = keptNoise * (x0 + 1e-12) ** (q - 2) * x0 ** 2;
    const scale = (x0 * gain) ** 2;
    const bound =
      Z * scale * Math.abs(1 - keptNoise ** 2) * Math.sqrt((rate * (1 - rate)) / N) +
      (scale * Z ** 2 * keptNoise) / N;
    expect(Math.abs(variance - expected)).toBeLessThanOrEqual(bound);
  });
});
