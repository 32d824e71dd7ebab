import { describeValue, SparseoutError } from './errors.js';
import { forwardKernel } from './forward.js';
import { fillMask, keepThreshold } from './mask.js';
import { assertValues } from './metrics.js';
import { type SparseoutParams, validateParams } from './params.js';
import { type Seed, splitWords } from './seed.js';

function toFloat64(values: unknown, name: string): Float64Array {
  assertValues(values, name);
  return Float64Array.from(values);
}

function checkPair(a: unknown, w: unknown): [Float64Array, Float64Array] {
  const features = toFloat64(a, 'a');
  const weights = toFloat64(w, 'w');
  if (features.length !== weights.length) {
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `w must have the length of a (${features.length}), got ${weights.length}`,
    );
  }
  return [features, weights];
}

/**
 * S5.2: Var[y | x] = r / (1 - r) * (|x| + e)^(q - 2) * x^2, the variance Sparseout adds to one
 * activation x (r / (1 - r) * |x|^q up to e). `x` is one number (SPARSEOUT_INVALID_INPUT otherwise).
 */
export function outputVariance(x: number, params: SparseoutParams): number {
  if (typeof x !== 'number') {
    throw new SparseoutError('SPARSEOUT_INVALID_INPUT', `x must be a number, got ${describeValue(x)}`);
  }
  const { rate, q, epsilon } = validateParams(params);
  // (g x)^2 with g = (|x| + e)^((q - 2) / 2) (S2.2): g^2 and x^2 alone overflow or vanish for
  // |x| beyond 1e154 or below 1e-154, where their product does not.
  const gx = (Math.abs(x) + epsilon) ** ((q - 2) / 2) * x;
  return (rate / (1 - rate)) * gx * gx;
}

/**
 * S6 closed form: the penalty Sparseout adds to a linear model's expected squared loss,
 * r / (1 - r) * sum_j w_j^2 * (|a_j| + e)^(q - 2) * a_j^2, which is r / (1 - r) * sum_j w_j^2 |a_j|^q
 * up to e. This is exactly sum_j w_j^2 Var[y_j] (S5.2), so it matches the sampler with e included.
 */
export function glmPenalty(a: ArrayLike<number>, w: ArrayLike<number>, params: SparseoutParams): number {
  const { rate, q, epsilon } = validateParams(params);
  const [features, weights] = checkPair(a, w);
  const resolved = { rate, q, epsilon };
  let sum = 0;
  for (let j = 0; j < features.length; j++)
    sum += weights[j] * weights[j] * outputVariance(features[j], resolved);
  return sum;
}

/** S6: the expected squared loss (t - w.a)^2 + glmPenalty(a, w) of a linear model over Sparseout features. */
export function glmExpectedLoss(
  a: ArrayLike<number>,
  w: ArrayLike<number>,
  target: number,
  params: SparseoutParams,
): number {
  const [features, weights] = checkPair(a, w);
  if (typeof target !== 'number') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `target must be a number, got ${describeValue(target)}`,
    );
  }
  let prediction = 0;
  for (let j = 0; j < features.length; j++) prediction += weights[j] * features[j];
  return (target - prediction) ** 2 + glmPenalty(features, weights, params);
}

/**
 * The most work `glmPenaltyMonteCarlo` takes on: 2^24 draws, and 2^30 element draws in all
 * (samples times the number of features, about ten seconds). Beyond either it refuses with
 * SPARSEOUT_INVALID_INPUT instead of running for hours.
 */
export const MAX_MONTE_CARLO_SAMPLES = 2 ** 24;
export const MAX_MONTE_CARLO_DRAWS = 2 ** 30;

/** Options of the S6 Monte Carlo estimate. */
export interface MonteCarloOptions extends SparseoutParams {
  /** Number of Sparseout draws, in [2, 2^24], with samples * a.length <= 2^30. */
  samples: number;
  /** S4.2 seed; draw s uses step s. */
  seed: Seed;
}

/** A Monte Carlo estimate with its standard error (the sample standard deviation over sqrt(samples)). */
export interface MonteCarloEstimate {
  estimate: number;
  standardError: number;
  samples: number;
}

/**
 * S6 Monte Carlo: the mean over `samples` seeded Sparseout draws y of (w.y - w.a)^2, which
 * estimates glmPenalty(a, w) (Sparseout is unbiased, S5.1), with its standard error.
 */
export function glmPenaltyMonteCarlo(
  a: ArrayLike<number>,
  w: ArrayLike<number>,
  options: MonteCarloOptions,
): MonteCarloEstimate {
  const { rate, q, epsilon } = validateParams(options);
  const [features, weights] = checkPair(a, w);
  const samples = options.samples;
  if (!Number.isSafeInteger(samples) || samples < 2 || samples > MAX_MONTE_CARLO_SAMPLES) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `samples must be an integer in [2, ${MAX_MONTE_CARLO_SAMPLES}], got ${describeValue(samples)}`,
    );
  }
  if (samples * Math.max(1, features.length) > MAX_MONTE_CARLO_DRAWS) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `samples times the number of features must be at most ${MAX_MONTE_CARLO_DRAWS}, got samples ${samples} for ${features.length} features`,
    );
  }
  const [k0, k1] = splitWords(options.seed, 'seed');
  let mean = 0;
  for (let j = 0; j < features.length; j++) mean += weights[j] * features[j];
  const mask = new Uint8Array(features.length);
  const y = new Float64Array(features.length);
  const threshold = keepThreshold(rate);
  let total = 0;
  let totalSquares = 0;
  for (let s = 0; s < samples; s++) {
    fillMask(mask, threshold, k0, k1, s % 2 ** 32, Math.floor(s / 2 ** 32), 0);
    forwardKernel(features, mask, rate, q, epsilon, y);
    let prediction = 0;
    for (let j = 0; j < y.length; j++) prediction += weights[j] * y[j];
    const loss = (prediction - mean) ** 2;
    total += loss;
    totalSquares += loss * loss;
  }
  const estimate = total / samples;
  const variance = Math.max(0, (totalSquares - samples * estimate * estimate) / (samples - 1));
  return { estimate, standardError: Math.sqrt(variance / samples), samples };
}
