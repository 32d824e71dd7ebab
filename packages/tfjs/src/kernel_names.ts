import type { GradientMode } from '@sparseout/core';

/** The forward kernel: inputs `x` (float32) and optionally `mask` (bool, noise shape); outputs [y, mask]. */
export const Sparseout = 'Sparseout';
/** The backward kernel: inputs `dy`, `x`, `mask` (bool, x's shape); output dx. */
export const SparseoutGrad = 'SparseoutGrad';

/**
 * Attributes of both kernels, validated by the op before any kernel runs (S1.4).
 * The seed and step arrive as 32-bit words (S4.2), ready for core's `fillMask`.
 */
export interface SparseoutAttrs {
  /** S1.1 */
  rate: number;
  /** S1.2 */
  q: number;
  /** S1.3 */
  epsilon: number;
  /** S3.1 / S3.2, used by the gradient. */
  gradient: GradientMode;
  /** S4.2 key words (seed lo, seed hi) and step words (step lo, step hi). */
  seedLo: number;
  seedHi: number;
  stepLo: number;
  stepHi: number;
  /** S4.1: the shape the mask is drawn in, broadcast over x (same rank, each dim 1 or x's). */
  noiseShape: number[];
}
