import { uniforms } from '../random.js';

/** The input distributions the noise panel offers. */
export const DISTRIBUTIONS = {
  relu: 'ReLU activations: max(0, z), z ~ N(0, 1)',
  gaussian: 'Gaussian: z ~ N(0, 1)',
  laplace: 'Laplace: heavy tails, scale 1/sqrt(2)',
} as const;

export type Distribution = keyof typeof DISTRIBUTIONS;

/** Input values the noise panel perturbs: n draws of `distribution`, seeded (Box-Muller on Philox). */
export function sampleInputs(distribution: Distribution, n: number, seed: number): Float32Array {
  const u = uniforms(2 * n, seed, 1);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(u[2 * i])) * Math.cos(2 * Math.PI * u[2 * i + 1]);
    if (distribution === 'relu') x[i] = Math.max(0, z);
    else if (distribution === 'gaussian') x[i] = z;
    else x[i] = (u[2 * i + 1] < 0.5 ? -1 : 1) * (-Math.log(u[2 * i]) / Math.SQRT2);
  }
  return x;
}
