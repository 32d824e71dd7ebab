import {
  bernoulliMask,
  sparseout as coreSparseout,
  sparseoutBackward,
  sparseoutForward,
} from '@sparseout/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUSED_BACKENDS, sampleInput, useBackend } from './backends.testkit.js';
import { broadcastCells } from './kernels/kernel_mask.js';
import { sparseout, sparseoutWithMask } from './op.js';
import { resolveOptions } from './options.js';
import { hasFusedKernel, runSparseout } from './run.js';

const SHAPE = [6, 35];
const N = 210;

/** Runs the op through tf.grad and returns [y, dx] as arrays. */
function valueAndGrad(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, dy: tf.Tensor) {
  const { value, grad } = tf.valueAndGrad(f)(x, dy);
  const result = [value.dataSync() as Float32Array, grad.dataSync() as Float32Array] as const;
  value.dispose();
  grad.dispose();
  return result;
}

describe.each(FUSED_BACKENDS)('sparseout op on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('runs the fused kernel on this backend', () => {
    expect(hasFusedKernel()).toBe(true);
  });

  it.each([0, 1, 1.5, 2, 3, 4.5])('S4.4 seeded op gives core sparseout values and mask, q = %s', (q) => {
    const xs = sampleInput(N);
    const x = tf.tensor(xs, SHAPE);
    const options = { rate: 0.35, q, seed: 2 ** 40 + 17, step: 5 };
    const core = coreSparseout(xs, options);
    const { y, mask } = tf.tidy(() => {
      const { attrs } = resolveOptions(x.shape, options);
      return runSparseout(x, undefined, attrs);
    });
    expect(Array.from(mask.dataSync())).toEqual(Array.from(core.mask));
    expect(y.dataSync()).toEqual(core.y);
    const opY = sparseout(x, options);
    expect(opY.dataSync()).toEqual(core.y);
    expect(opY.shape).toEqual(SHAPE);
    expect(opY.dtype).toBe('float32');
    tf.dispose([x, y, mask, opY]);
  });

  it('S4.4 bigint seeds and steps (beyond 2^53 too) split into the same Philox words as core', () => {
    const xs = sampleInput(N);
    const x = tf.tensor(xs, SHAPE);
    for (const seed of [(7n << 32n) + 3n, 2n ** 63n + 5n]) {
      const step = 2n ** 40n + 1n;
      const y = sparseout(x, { rate: 0.5, q: 1, seed, step });
      expect(y.dataSync()).toEqual(coreSparseout(xs, { rate: 0.5, q: 1, seed, step }).y);
      y.dispose();
    }
    x.dispose();
  });

  it('S4.2 different steps give different masks', () => {
    const x = tf.ones([1000]);
    const a = sparseout(x, { rate: 0.5, q: 2, seed: 1, step: 0 });
    const b = sparseout(x, { rate: 0.5, q: 2, seed: 1, step: 1 });
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(b.dataSync()));
    tf.dispose([x, a, b]);
  });

  it.each([0.5, 2, 3])('S2.3 explicit-mask op gives core sparseoutForward, q = %s', (q) => {
    const xs = sampleInput(N);
    const maskBits = bernoulliMask(N, 0.4, { seed: 9 });
    const x = tf.tensor(xs, SHAPE);
    const m = tf.tensor(maskBits, SHAPE, 'bool');
    const y = sparseoutWithMask(x, m, { rate: 0.4, q });
    expect(y.dataSync()).toEqual(sparseoutForward(xs, maskBits, { rate: 0.4, q }));
    tf.dispose([x, m, y]);
  });

  it('an int32 mask counts nonzero as kept', () => {
    const xs = sampleInput(8);
    const bits = new Uint8Array([1, 0, 1, 1, 0, 0, 1, 0]);
    const x = tf.tensor(xs);
    const m = tf.tensor(
      Array.from(bits, (b) => b * 7),
      [8],
      'int32',
    );
    const y = sparseoutWithMask(x, m, { rate: 0.5, q: 1.5 });
    expect(y.dataSync()).toEqual(sparseoutForward(xs, bits, { rate: 0.5, q: 1.5 }));
    tf.dispose([x, m, y]);
  });

  it.each(['reference', 'exact'] as const)(
    'S3 gradient (%s) via tf.grad gives core sparseoutBackward',
    (gradient) => {
      const xs = sampleInput(N);
      const dys = sampleInput(N + 3).subarray(3);
      const maskBits = bernoulliMask(N, 0.3, { seed: 4 });
      const [x, dy, m] = [tf.tensor(xs, SHAPE), tf.tensor(dys, SHAPE), tf.tensor(maskBits, SHAPE, 'bool')];
      const [, dx] = valueAndGrad((t) => sparseoutWithMask(t, m, { rate: 0.3, q: 1.5, gradient }), x, dy);
      expect(dx).toEqual(sparseoutBackward(dys, xs, maskBits, { rate: 0.3, q: 1.5, gradient }));
      tf.dispose([x, dy, m]);
    },
  );

  it('S3 the seeded op backpropagates through the same mask it drew', () => {
    const xs = sampleInput(N);
    const dys = new Float32Array(N).fill(1);
    const [x, dy] = [tf.tensor(xs, SHAPE), tf.tensor(dys, SHAPE)];
    const options = { rate: 0.6, q: 3, seed: 77, step: 3, gradient: 'exact' as const };
    const [y, dx] = valueAndGrad((t) => sparseout(t, options), x, dy);
    const core = coreSparseout(xs, options);
    expect(y).toEqual(core.y);
    expect(dx).toEqual(sparseoutBackward(dys, xs, core.mask, options));
    tf.dispose([x, dy]);
  });

  it('S4.1 noiseShape draws one cell per noise element and broadcasts it', () => {
    const xs = sampleInput(N);
    const x = tf.tensor(xs, SHAPE);
    const options = { rate: 0.5, q: 1, seed: 3, step: 1, noiseShape: [1, null] };
    const { y, mask } = tf.tidy(() => runSparseout(x, undefined, resolveOptions(x.shape, options).attrs));
    const cells = bernoulliMask(35, 0.5, { seed: 3, step: 1 });
    const full = new Uint8Array(N);
    for (let r = 0; r < 6; r++) full.set(cells, r * 35);
    expect(Array.from(mask.dataSync())).toEqual(Array.from(full));
    expect(y.dataSync()).toEqual(sparseoutForward(xs, full, { rate: 0.5, q: 1 }));
    tf.dispose([x, y, mask]);
  });

  it('S4.1 one mask across all timesteps of a sequence (noiseShape [batch, 1, features])', () => {
    const x = tf.ones([2, 5, 40]);
    const y = sparseout(x, { rate: 0.5, q: 2, seed: 8, noiseShape: [null, 1, null] });
    const values = y.arraySync() as number[][][];
    for (const sequence of values) for (const step of sequence) expect(step).toEqual(sequence[0]);
    expect(values[0][0]).not.toEqual(values[1][0]);
    tf.dispose([x, y]);
  });

  it('S2.4 training: false and rate 0 return x unchanged', () => {
    const x = tf.tensor(sampleInput(N), SHAPE);
    const inference = sparseout(x, { rate: 0.5, q: 1, training: false });
    const zeroRate = sparseout(x, { rate: 0, q: 1 });
    expect(inference.dataSync()).toEqual(x.dataSync());
    expect(zeroRate.dataSync()).toEqual(x.dataSync());
    tf.dispose([x, inference, zeroRate]);
  });

  it('S2.6/S2.7 zero gives zero and NaN stays at its index', () => {
    const xs = new Float32Array([0, Number.NaN, 1, -1, 0, 2]);
    const x = tf.tensor(xs);
    const y = sparseout(x, { rate: 0.5, q: 0, seed: 1 });
    const expected = coreSparseout(xs, { rate: 0.5, q: 0, seed: 1 }).y;
    expect(y.dataSync()).toEqual(expected);
    expect(y.dataSync()[0]).toBe(0);
    expect(Number.isNaN(y.dataSync()[1])).toBe(true);
    tf.dispose([x, y]);
  });

  it('leaks no tensors over forward and backward passes', () => {
    const [x, dy] = [tf.tensor(sampleInput(N), SHAPE), tf.ones(SHAPE)];
    const before = tf.memory();
    for (let i = 0; i < 20; i++) {
      tf.dispose(sparseout(x, { rate: 0.5, q: 1.5 }));
      tf.dispose(tf.grad((t: tf.Tensor) => sparseout(t, { rate: 0.5, q: 1.5, seed: i }))(x, dy));
    }
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    tf.dispose([x, dy]);
  });
});

describe('sparseout op: S1.4 bad input throws SparseoutError before running', () => {
  beforeAll(() => useBackend('cpu'));
  const x = () => tf.ones([2, 4]);
  const cases: [string, () => unknown, string][] = [
    ['rate 1.5', () => sparseout(x(), { rate: 1.5, q: 1 }), 'SPARSEOUT_INVALID_RATE'],
    ['rate NaN', () => sparseout(x(), { rate: Number.NaN, q: 1 }), 'SPARSEOUT_INVALID_RATE'],
    ['q -1', () => sparseout(x(), { rate: 0.5, q: -1 }), 'SPARSEOUT_INVALID_Q'],
    ['epsilon 0', () => sparseout(x(), { rate: 0.5, q: 1, epsilon: 0 }), 'SPARSEOUT_INVALID_EPSILON'],
    ['seed -1', () => sparseout(x(), { rate: 0.5, q: 1, seed: -1 }), 'SPARSEOUT_INVALID_SEED'],
    ['seed 2^64n', () => sparseout(x(), { rate: 0.5, q: 1, seed: 2n ** 64n }), 'SPARSEOUT_INVALID_SEED'],
    ['step 0.5', () => sparseout(x(), { rate: 0.5, q: 1, seed: 1, step: 0.5 }), 'SPARSEOUT_INVALID_SEED'],
    [
      'noiseShape [3, 1]',
      () => sparseout(x(), { rate: 0.5, q: 1, noiseShape: [3, 1] }),
      'SPARSEOUT_SHAPE_MISMATCH',
    ],
    [
      'noiseShape of higher rank',
      () => sparseout(x(), { rate: 0.5, q: 1, noiseShape: [1, 2, 4] }),
      'SPARSEOUT_SHAPE_MISMATCH',
    ],
    [
      'noiseShape [3] (lower rank, does not broadcast)',
      () => sparseout(x(), { rate: 0.5, q: 1, noiseShape: [3] }),
      'SPARSEOUT_SHAPE_MISMATCH',
    ],
    [
      'gradient "fast"',
      () => sparseout(x(), { rate: 0.5, q: 1, gradient: 'fast' as never }),
      'SPARSEOUT_INVALID_INPUT',
    ],
    [
      'training "yes"',
      () => sparseout(x(), { rate: 0.5, q: 1, training: 'yes' as never }),
      'SPARSEOUT_INVALID_INPUT',
    ],
    ['int32 x', () => sparseout(tf.ones([2], 'int32'), { rate: 0.5, q: 1 }), 'SPARSEOUT_INVALID_INPUT'],
    ['object x', () => sparseout({} as never, { rate: 0.5, q: 1 }), 'SPARSEOUT_INVALID_INPUT'],
    ['string array x', () => sparseout(['a', 'b'] as never, { rate: 0.5, q: 1 }), 'SPARSEOUT_INVALID_INPUT'],
    ['null x', () => sparseout(null as never, { rate: 0.5, q: 1 }), 'SPARSEOUT_INVALID_INPUT'],
    ['array x with bad options', () => sparseout([1, 2], { rate: 2, q: 1 }), 'SPARSEOUT_INVALID_RATE'],
    ['null options', () => sparseout(x(), null as never), 'SPARSEOUT_INVALID_INPUT'],
    [
      'mask [2, 3]',
      () => sparseoutWithMask(x(), tf.ones([2, 3], 'bool'), { rate: 0.5, q: 1 }),
      'SPARSEOUT_SHAPE_MISMATCH',
    ],
    [
      'mask rate 1',
      () => sparseoutWithMask(x(), tf.ones([2, 4], 'bool'), { rate: 1, q: 1 }),
      'SPARSEOUT_INVALID_RATE',
    ],
  ];
  it.each(cases)('%s', (_name, call, code) => {
    const before = tf.memory().numTensors;
    const error = tf.tidy(() => {
      try {
        call();
      } catch (e) {
        return e as { name: string; code: string };
      }
      throw new Error('did not throw');
    });
    expect(error.name).toBe('SparseoutError');
    expect(error.code).toBe(code);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('broadcastCells', () => {
  it('S4.1 repeats cells along the dims where the noise shape is 1', () => {
    const cells = new Uint8Array([1, 0, 1]);
    const out = new Uint8Array(12);
    broadcastCells(cells, [1, 3, 1], [2, 3, 2], out);
    expect(Array.from(out)).toEqual([1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1]);
  });
});
