import { SparseoutError, validateParams } from '@sparseout/core';
import { notEqual, reshape, Tensor, type TensorLike, tensor, tidy } from '@tensorflow/tfjs-core';
import { resolveNoiseShape } from './noise_shape.js';
import { resolveOptions, type SparseoutOpOptions } from './options.js';
import { runSparseout } from './run.js';

export type { SparseoutOpOptions } from './options.js';

/**
 * The op's tidy scope, named as tfjs names its ops' scopes (`dropout__op`). Never a kernel name:
 * tfjs records a custom gradient under its scope's name and prefers a gradient registered under
 * that name, so a scope called 'Sparseout' sent the composite's gradient to the fused kernel's.
 */
const OP_SCOPE = 'sparseout__op';

/** Options of `sparseoutWithMask`: the S1 parameters, the S3 mode and the S2.4 switch. */
export type SparseoutMaskOptions = Pick<
  SparseoutOpOptions,
  'rate' | 'q' | 'epsilon' | 'gradient' | 'training'
>;

/** S1.4: `value` as a tensor (a tf.Tensor, or a TensorLike converted as `tf.tensor` would). */
function toTensor(value: unknown, name: string): Tensor {
  if (value instanceof Tensor) return value;
  try {
    return tensor(value as TensorLike);
  } catch {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${name} must be a tf.Tensor or TensorLike, got ${describe(value)}`,
    );
  }
}

/**
 * S1.4: `value` as a float32 tensor, as tf ops take x: a tf.Tensor, or any TensorLike (a nested
 * array or typed array of numbers, converted as `tf.tensor` would). Throws SPARSEOUT_INVALID_INPUT
 * for anything else or another dtype (tfjs computes in float32; `tf.dropout` refuses the same).
 * Call inside a tidy: a tensor converted here is then disposed with the scope.
 */
export function toFloat32Tensor(value: unknown, name: string): Tensor {
  const converted = toTensor(value, name);
  if (converted.dtype !== 'float32') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${name} must be a float32 tensor, got ${converted.dtype}`,
    );
  }
  return converted;
}

/** What a value is, for an error message. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}

/**
 * Sparseout, used as `tf.dropout` is: y = x * (1 + n * g) (S2.3) with a fresh keep-mask per call,
 * or the seeded Philox mask of `seed` and `step` (S4.2; the same mask as @sparseout/core's
 * `sparseout` and on every backend, S4.4). `x` is a float32 tensor or any TensorLike, and
 * `noiseShape` may have a lower rank than x, as `tf.dropout` takes them. Fused kernels where the
 * backend has one, a composite of tf ops elsewhere. Differentiable: the gradient is S3.1
 * ('reference') or S3.2 ('exact'). `training: false` or rate 0 returns a copy of x (S2.4).
 * Throws SparseoutError (S1.4) before running anything, leaving no tensor behind.
 */
export function sparseout(x: Tensor | TensorLike, options: SparseoutOpOptions): Tensor {
  return tidy(OP_SCOPE, () => {
    const input = toFloat32Tensor(x, 'x');
    const { attrs, identity } = resolveOptions(input.shape, options);
    if (identity) return input.clone();
    return runSparseout(input, undefined, attrs).y;
  });
}

/**
 * Sparseout with an explicit keep-mask (S2 with a given m): `mask` (bool or numeric, nonzero =
 * keep; a tensor or TensorLike) has x's shape or a noise shape that broadcasts to it (S4.1, lower
 * rank included). For testing, replaying a mask, or driving the mask from elsewhere.
 * Differentiable in x like `sparseout`.
 */
export function sparseoutWithMask(
  x: Tensor | TensorLike,
  mask: Tensor | TensorLike,
  options: SparseoutMaskOptions,
): Tensor {
  return tidy(OP_SCOPE, () => {
    const input = toFloat32Tensor(x, 'x');
    const given = toTensor(mask, 'mask');
    resolveNoiseShape(given.shape, input.shape);
    if (options === null || typeof options !== 'object') validateParams(options);
    const { rate, q, epsilon, gradient, training } = options;
    const { attrs, identity } = resolveOptions(input.shape, {
      rate,
      q,
      epsilon,
      gradient,
      training,
      seed: 0,
      noiseShape: given.shape,
    });
    if (identity) return input.clone();
    const cells = reshape(given.dtype === 'bool' ? given : notEqual(given, 0), attrs.noiseShape);
    return runSparseout(input, cells, attrs).y;
  });
}
