import {
  type GradientMode,
  randomSeed,
  type Seed,
  SparseoutError,
  splitWords,
  validateGradient,
  validateParams,
} from '@sparseout/core';
import type { SparseoutAttrs } from './kernel_names.js';
import { type NoiseShape, resolveNoiseShape } from './noise_shape.js';

/** Options of the `sparseout` op, named as `tf.dropout` and `tf.layers.dropout` name them (S8). */
export interface SparseoutOpOptions {
  /** S1.1: probability that a unit is dropped, in [0, 1). */
  rate: number;
  /** S1.2: the norm exponent, >= 0; 2 is Dropout. */
  q: number;
  /** S1.3: default 1e-12. */
  epsilon?: number;
  /** S4.1: shape of the mask, broadcast over x (same rank; each dim 1, null or x's dim). */
  noiseShape?: NoiseShape;
  /** S4.2: Philox seed, an integer in [0, 2^64); a fresh random seed per call when absent (or null). */
  seed?: Seed | null;
  /** S4.2: the step (which training call this is); default 0 (also for null). Only meaningful with `seed`. */
  step?: Seed | null;
  /** S3: 'reference' (default) or 'exact'. */
  gradient?: GradientMode;
  /** false: y = x (S2.4). Default true. */
  training?: boolean;
}

/** The validated options: the kernel attributes, and whether the op is the identity (S2.4). */
export interface ResolvedOp {
  attrs: SparseoutAttrs;
  identity: boolean;
}

/**
 * S1.4: validates every option through core (rate, q, epsilon, gradient, seed, step) and the
 * noise shape against `shape`, before anything runs; returns the kernel attributes.
 */
export function resolveOptions(shape: ReadonlyArray<number>, options: SparseoutOpOptions): ResolvedOp {
  const { rate, q, epsilon } = validateParams(options);
  const gradient = validateGradient(options.gradient);
  if (options.training !== undefined && typeof options.training !== 'boolean') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `training must be a boolean, got ${String(options.training)}`,
    );
  }
  const [seedLo, seedHi] = splitWords(options.seed ?? randomSeed(), 'seed');
  const [stepLo, stepHi] = splitWords(options.step ?? 0, 'step');
  const noiseShape = resolveNoiseShape(options.noiseShape, shape) as number[];
  return {
    attrs: { rate, q, epsilon, gradient, seedLo, seedHi, stepLo, stepHi, noiseShape },
    identity: options.training === false || rate === 0,
  };
}
