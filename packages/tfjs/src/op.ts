import { SparseoutError, validateParams } from '@sparseout/core';
import { notEqual, Tensor, tidy } from '@tensorflow/tfjs-core';
import { resolveNoiseShape } from './noise_shape.js';
import { resolveOptions, type SparseoutOpOptions } from './options.js';
import { runSparseout } from './run.js';

export type { SparseoutOpOptions } from './options.js';

/** Options of `sparseoutWithMask`: the S1 parameters, the S3 mode and the S2.4 switch. */
export type SparseoutMaskOptions = Pick<
  SparseoutOpOptions,
  'rate' | 'q' | 'epsilon' | 'gradient' | 'training'
>;

/** Throws SPARSEOUT_INVALID_INPUT unless `value` is a float32 tensor (tfjs computes in float32). */
export function assertFloat32Tensor(value: unknown, name: string): asserts value is Tensor {
  if (!(value instanceof Tensor)) {
    throw new SparseoutError('SPARSEOUT_INVALID_INPUT', `${name} must be a tf.Tensor, got ${typeof value}`);
  }
  if (value.dtype !== 'float32') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${name} must be a float32 tensor, got ${value.dtype}`,
    );
  }
}

/**
 * Sparseout, used as `tf.dropout` is: y = x * (1 + n * g) (S2.3) with a fresh keep-mask per call,
 * or the seeded Philox mask of `seed` and `step` (S4.2; the same mask as @sparseout/core's
 * `sparseout` and on every backend, S4.4). Fused kernels on cpu and wasm, a composite of tf ops
 * elsewhere. Differentiable: the gradient is S3.1 ('reference') or S3.2 ('exact').
 * `training: false` or rate 0 returns a copy of x (S2.4). Throws SparseoutError (S1.4) before
 * running anything.
 */
export function sparseout(x: Tensor, options: SparseoutOpOptions): Tensor {
  assertFloat32Tensor(x, 'x');
  const { attrs, identity } = resolveOptions(x.shape, options);
  if (identity) return x.clone();
  return tidy('Sparseout', () => runSparseout(x, undefined, attrs).y);
}

/**
 * Sparseout with an explicit keep-mask (S2 with a given m): `mask` (bool or numeric, nonzero =
 * keep) has x's shape or a noise shape that broadcasts to it (S4.1). For testing, replaying a
 * mask, or driving the mask from elsewhere. Differentiable in x like `sparseout`.
 */
export function sparseoutWithMask(x: Tensor, mask: Tensor, options: SparseoutMaskOptions): Tensor {
  assertFloat32Tensor(x, 'x');
  if (!(mask instanceof Tensor)) {
    throw new SparseoutError('SPARSEOUT_INVALID_INPUT', `mask must be a tf.Tensor, got ${typeof mask}`);
  }
  resolveNoiseShape(mask.shape, x.shape);
  if (options === null || typeof options !== 'object') validateParams(options);
  const { rate, q, epsilon, gradient, training } = options;
  const { attrs, identity } = resolveOptions(x.shape, {
    rate,
    q,
    epsilon,
    gradient,
    training,
    seed: 0,
    noiseShape: mask.shape,
  });
  if (identity) return x.clone();
  return tidy('Sparseout', () => {
    const cells = mask.dtype === 'bool' ? mask : notEqual(mask, 0);
    return runSparseout(x, cells, attrs).y;
  });
}
