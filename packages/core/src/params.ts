import { describeValue, SparseoutError } from './errors.js';

/** S1.3: the default epsilon of the published implementation. */
export const DEFAULT_EPSILON = 1e-12;

/**
 * S1.3 (amendment A1 of docs/spec.md): the smallest epsilon accepted. At x = 0 the gain is at most
 * 1 / epsilon (q = 0) and the noise n at most 2^53 (the largest r / (1 - r) of a float64 rate
 * below 1), so n * g <= 2^53 * 1e20 < 1e36: finite in float32 as in float64, on every backend, and
 * x * (1 + n * g) is 0 at x = 0 (S2.6) and dx = dy * (1 + n * g) is finite (S3.4). Below it,
 * 1 / epsilon overflows float64 (epsilon < 5.6e-309) or n * g overflows float32.
 */
export const MIN_EPSILON = 1e-20;

/** S3: which derivative the backward pass uses. */
export type GradientMode = 'reference' | 'exact';

/** The parameters of S1 as a caller passes them. */
export interface SparseoutParams {
  /** S1.1: probability that a unit is dropped, in [0, 1). */
  rate: number;
  /** S1.2: the norm exponent, >= 0; 2 is Dropout. */
  q: number;
  /** S1.3: added to |x| before the power; finite and >= 1e-20 (MIN_EPSILON). Default 1e-12. */
  epsilon?: number;
}

/** S1 parameters after validation, with defaults filled in. */
export interface ResolvedParams {
  rate: number;
  q: number;
  epsilon: number;
}

/** S1.1: throws SPARSEOUT_INVALID_RATE unless rate is a finite number in [0, 1). */
export function validateRate(rate: unknown, name = 'rate'): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate >= 1) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_RATE',
      `${name} must be in [0, 1), got ${describeValue(rate)}`,
    );
  }
  return rate;
}

/** S1.2: throws SPARSEOUT_INVALID_Q unless q is a finite number >= 0. */
export function validateQ(q: unknown): number {
  if (typeof q !== 'number' || !Number.isFinite(q) || q < 0) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_Q',
      `q must be a finite number >= 0, got ${describeValue(q)}`,
    );
  }
  return q;
}

/**
 * S1.3: returns the default 1e-12 for undefined; throws SPARSEOUT_INVALID_EPSILON unless epsilon is
 * a finite number >= MIN_EPSILON (1e-20, amendment A1).
 */
export function validateEpsilon(epsilon: unknown): number {
  if (epsilon === undefined) return DEFAULT_EPSILON;
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || !(epsilon >= MIN_EPSILON)) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_EPSILON',
      `epsilon must be a finite number >= ${MIN_EPSILON}, got ${describeValue(epsilon)}`,
    );
  }
  return epsilon;
}

/** S2.4/S3.3: returns true for undefined; throws SPARSEOUT_INVALID_INPUT unless a boolean. */
export function validateTraining(training: unknown): boolean {
  if (training === undefined) return true;
  if (typeof training !== 'boolean') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `training must be a boolean, got ${describeValue(training)}`,
    );
  }
  return training;
}

/** S3: returns 'reference' for undefined; throws SPARSEOUT_INVALID_INPUT for any other string. */
export function validateGradient(gradient: unknown): GradientMode {
  if (gradient === undefined) return 'reference';
  if (gradient !== 'reference' && gradient !== 'exact') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `gradient must be 'reference' or 'exact', got ${describeValue(gradient)}`,
    );
  }
  return gradient;
}

/** S1: validates rate, q and epsilon together and fills in the default epsilon. */
export function validateParams(params: SparseoutParams): ResolvedParams {
  if (params === null || typeof params !== 'object') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `params must be an object with rate and q, got ${describeValue(params)}`,
    );
  }
  return {
    rate: validateRate(params.rate),
    q: validateQ(params.q),
    epsilon: validateEpsilon(params.epsilon),
  };
}

/** Indices of `readParams`' output: rate, q, epsilon (and a slot the kernels use for the slope, SLOPE). */
export const RATE = 0;
export const Q = 1;
export const EPSILON = 2;

/**
 * S1: validates rate, q and epsilon as validateParams does (same errors, same order) and writes
 * them to `into[RATE]`, `into[Q]`, `into[EPSILON]` (default epsilon filled in). Allocates nothing
 * (README, "Allocation"): the checks run inline, the validators only to throw.
 */
export function readParams(params: SparseoutParams, into: Float64Array): void {
  if (params === null || typeof params !== 'object') validateParams(params);
  const { rate, q, epsilon } = params;
  if (!(typeof rate === 'number' && rate >= 0 && rate < 1)) validateRate(rate);
  if (!(typeof q === 'number' && q >= 0 && q < Number.POSITIVE_INFINITY)) validateQ(q);
  if (
    epsilon !== undefined &&
    !(typeof epsilon === 'number' && epsilon >= MIN_EPSILON && epsilon < Number.POSITIVE_INFINITY)
  ) {
    validateEpsilon(epsilon);
  }
  into[RATE] = rate;
  into[Q] = q;
  into[EPSILON] = epsilon ?? DEFAULT_EPSILON;
}
