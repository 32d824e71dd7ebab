/**
 * A deliberately plain float64 oracle for the tests: S2.1-S2.3 and S3.1-S3.2 written exactly as the
 * specification states them, with Math.pow and no fast paths, so the kernels are checked against
 * the text rather than against themselves. Test support only; not exported by the package.
 */

import { mulberry32 } from '@sparseout/testkit';

/** S2.1: n = m / (1 - r) - 1. */
export function noise(kept: boolean, rate: number): number {
  return (kept ? 1 : 0) / (1 - rate) - 1;
}

/** S2.2: g = (|x| + e)^((q - 2) / 2). */
export function gain(x: number, q: number, epsilon: number): number {
  return (Math.abs(x) + epsilon) ** ((q - 2) / 2);
}

/** S2.3: y = x * (1 + n * g). */
export function referenceForward(x: number, kept: boolean, rate: number, q: number, epsilon = 1e-12): number {
  return x * (1 + noise(kept, rate) * gain(x, q, epsilon));
}

/** S3.1 / S3.2: dx = dy * (1 + n * slope * g), slope 1 (reference) or q / 2 (exact). */
export function referenceBackward(
  dy: number,
  x: number,
  kept: boolean,
  rate: number,
  q: number,
  gradient: 'reference' | 'exact' = 'reference',
  epsilon = 1e-12,
): number {
  const slope = gradient === 'exact' ? q / 2 : 1;
  return dy * (1 + noise(kept, rate) * slope * gain(x, q, epsilon));
}

/**
 * The size of the largest term of S2.3, |x| * (1 + |n| g): where the kept/dropped terms nearly cancel
 * (a dropped unit with g close to 1), a rounding of g costs an absolute error of about ulp(this),
 * so float64 comparisons allow a few units of it as absolute error.
 */
export function termScale(x: number, kept: boolean, rate: number, q: number, epsilon = 1e-12): number {
  return Math.abs(x) * (1 + Math.abs(noise(kept, rate)) * gain(x, q, epsilon));
}

/** Activations spanning many magnitudes and both signs, plus the special values of S2.6. */
export function sampleActivations(n: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const magnitude = 10 ** (random() * 10 - 6);
    x[i] = (random() < 0.5 ? -1 : 1) * magnitude;
  }
  if (n > 4) {
    x[0] = 0;
    x[1] = -0;
    x[2] = 1;
    x[3] = -1;
  }
  return x;
}

/** A keep-mask with about (1 - rate) ones. */
export function sampleMask(n: number, rate: number, seed: number): Uint8Array {
  const random = mulberry32(seed);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = random() >= rate ? 1 : 0;
  return mask;
}
