import type { GradientMode } from '@sparseout/core';
import '@sparseout/testkit/matchers';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleInput, useBackend } from './backends.testkit.js';
import { forceCompositePath, parseBackendName } from './composite_backend.js';
import { sparseoutLayer } from './layer.js';
import { sparseoutWithMask } from './op.js';

/**
 * A gradient of a gradient (a gradient penalty, double backpropagation, Hessian-vector products),
 * which tf.dropout supports. Regression: on every fused kernel (cpu, wasm, webgl, webgpu) the
 * second tf.grad threw "gradient function not found for SparseoutGrad", while the composite
 * path (a custom gradient of differentiable tf ops) worked. The second-order derivative is that
 * of S3's dx = dy * c(x), c = 1 + n * s * g(x) (s = 1, or q / 2 for 'exact'), with the mask held
 * fixed: d/d(dy) = c(x), d/dx = dy * n * s * g'(x), g'(x) = ((q - 2) / 2) (|x| + e)^((q - 4) / 2)
 * sign(x).
 */

const RATE = 0.3;
const EPSILON = 1e-12;

/** x without exact zeros (where g has its kink) and the explicit mask (every third unit dropped). */
const N = 60;
const XS = sampleInput(N + 1)
  .subarray(1)
  .map((v) => (v === 0 ? 0.25 : v));
const MASK = Int32Array.from({ length: N }, (_, i) => (i % 3 === 1 ? 0 : 1));

/**
 * S2.3 and S3 in float64: the gradient of h(x) = sum(G(x)), G = d/dx sum(y^2) = 2 y c (S3's
 * dx with dy = 2y), is 2 c^2 + 2 y c' (tfjs differentiates y by S3 again, so dy/dx = c).
 */
function expectedSecondOrder(q: number, gradient: GradientMode): Float64Array {
  const slope = gradient === 'exact' ? q / 2 : 1;
  const p = (q - 2) / 2;
  return Float64Array.from(XS, (x, i) => {
    const n = MASK[i] ? RATE / (1 - RATE) : -1;
    const base = Math.abs(x) + EPSILON;
    const y = x * (1 + n * base ** p);
    const c = 1 + n * slope * base ** p;
    const dc = n * slope * p * base ** (p - 1) * Math.sign(x);
    return 2 * c * c + 2 * y * dc;
  });
}

describe.each(['cpu', 'wasm', 'cpu-composite'])('second-order gradients on %s', (name) => {
  const { tfjsBackend, composite } = parseBackendName(name);
  beforeAll(async () => {
    await useBackend(tfjsBackend);
    forceCompositePath(tfjsBackend, composite);
  });
  afterAll(() => forceCompositePath(tfjsBackend, false));

  it.each([
    [1.5, 'reference'],
    [1.5, 'exact'],
    [0.5, 'exact'],
    [2, 'reference'],
    [3, 'reference'],
  ] as const)(
    'S3 tf.grad of tf.grad, q = %s, %s: the derivative of dx = dy * c(x) in dy and in x',
    (q, gradient) => {
      const x = tf.tensor(XS, [6, 10]);
      const mask = tf.tensor(MASK, [6, 10], 'int32');
      const options = { rate: RATE, q, epsilon: EPSILON, gradient };
      const before = tf.memory().numTensors;
      const firstOrder = (t: tf.Tensor) =>
        tf.grad((u: tf.Tensor) => tf.sum(tf.square(sparseoutWithMask(u, mask, options))))(t);
      const secondOrder = tf.grad((t: tf.Tensor) => tf.sum(firstOrder(t)))(x);
      expect(secondOrder.dataSync() as Float32Array).toAgree(expectedSecondOrder(q, gradient));
      secondOrder.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, mask]);
    },
  );

  it('S3 at x = 0 the second-order gradient is finite for q < 2 (S3.4)', () => {
    const x = tf.tensor1d([0, 0, 1e-7, -1e-7]);
    const mask = tf.tensor1d([1, 0, 1, 0], 'int32');
    const options = { rate: RATE, q: 0.5, gradient: 'exact' as const };
    const dx2 = tf.grad((t: tf.Tensor) =>
      tf.sum(tf.grad((u: tf.Tensor) => tf.sum(tf.square(sparseoutWithMask(u, mask, options))))(t)),
    )(x);
    expect(Array.from(dx2.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([x, mask, dx2]);
  });

  it.each([
    [1.5, 'reference'],
    [0.5, 'exact'],
  ] as const)(
    "S3 at x = 0 (a ReLU's zeros) the x-term of the second order is 0 (the kink of |x|), not (q - 2) / 2 * e^((q - 4) / 2), q = %s, %s",
    (q, gradient) => {
      // h(x) = sum(d/dx sum(w * y)) = sum(w * c(x)): its gradient is w * n * s * g'(x), 0 at x = 0.
      const xs = sampleInput(N);
      const weights = Float32Array.from({ length: N }, (_, i) => ((i % 5) - 2) / 2);
      const x = tf.tensor(xs, [6, 10]);
      const w = tf.tensor(weights, [6, 10]);
      const mask = tf.tensor(MASK, [6, 10], 'int32');
      const options = { rate: RATE, q, epsilon: EPSILON, gradient };
      const dx2 = tf.grad((t: tf.Tensor) =>
        tf.sum(tf.grad((u: tf.Tensor) => tf.sum(tf.mul(w, sparseoutWithMask(u, mask, options))))(t)),
      )(x);
      const slope = gradient === 'exact' ? q / 2 : 1;
      const p = (q - 2) / 2;
      const expected = Float64Array.from(xs, (v, i) => {
        const n = MASK[i] ? RATE / (1 - RATE) : -1;
        return weights[i] * n * slope * p * (Math.abs(v) + EPSILON) ** (p - 1) * Math.sign(v);
      });
      expect(xs.filter((v) => v === 0).length).toBeGreaterThan(0);
      expect(dx2.dataSync() as Float32Array).toAgree(expected);
      tf.dispose([x, w, mask, dx2]);
    },
  );

  it('a gradient penalty trains a model with a Sparseout layer (tf.grad inside optimizer.minimize)', () => {
    const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [6], units: 16, activation: 'tanh', kernelInitializer: init(1) }),
        sparseoutLayer({ rate: 0.4, q: 1.5, seed: 9 }),
        tfl.layers.dense({ units: 1, kernelInitializer: init(2) }),
      ],
    });
    const xs = tf.tensor(sampleInput(8 * 6), [8, 6]);
    const optimizer = tf.train.sgd(0.01);
    const penalties: number[] = [];
    for (let i = 0; i < 3; i++) {
      const penalty = optimizer.minimize(() => {
        const critic = (t: tf.Tensor) => tf.sum(model.apply(t, { training: true }) as tf.Tensor);
        const slopes = tf.norm(tf.grad(critic)(xs), 'euclidean', 1);
        return tf.mean(tf.square(tf.sub(slopes, 1))) as tf.Scalar;
      }, true) as tf.Scalar;
      penalties.push(penalty.dataSync()[0]);
      penalty.dispose();
    }
    expect(penalties.every(Number.isFinite)).toBe(true);
    expect(penalties[2]).not.toBe(penalties[0]);
    tf.dispose(xs);
    optimizer.dispose();
    model.dispose();
  });
});

it('S3 a third order runs, and the fused kernels (cpu) and the composite path agree on it', async () => {
  await useBackend('cpu');
  const thirdOrder = () => {
    const x = tf.tensor(sampleInput(N), [6, 10]);
    const mask = tf.tensor(MASK, [6, 10], 'int32');
    const options = { rate: RATE, q: 1.5, epsilon: EPSILON };
    const f = (t: tf.Tensor) => tf.sum(tf.square(sparseoutWithMask(t, mask, options)));
    const second = (t: tf.Tensor) => tf.grad((u: tf.Tensor) => tf.sum(tf.grad(f)(u)))(t);
    const third = tf.grad((t: tf.Tensor) => tf.sum(second(t)))(x);
    const values = third.dataSync() as Float32Array;
    tf.dispose([x, mask, third]);
    return values;
  };
  const fused = thirdOrder();
  forceCompositePath('cpu', true);
  try {
    expect(thirdOrder()).toAgree(fused);
  } finally {
    forceCompositePath('cpu', false);
  }
  expect(Array.from(fused).every(Number.isFinite)).toBe(true);
});
