import {
  type GradientMode,
  randomSeed,
  type Seed,
  validateEpsilon,
  validateGradient,
  validateQ,
  validateRate,
  validateSeed,
} from '@sparseout/core';

/** Sparseout settings in brain.js vocabulary (S8): `probability` is brain.js dropout's name for the rate. */
export interface SparseoutSettings {
  /** S1.1: probability that a unit is dropped, in [0, 1). */
  probability: number;
  /** S1.2: the norm exponent, >= 0; 2 is (inverted) Dropout, < 2 sparser, > 2 denser. */
  q: number;
  /** S4.2: the Philox seed, an integer in [0, 2^64). A fresh random seed when absent (or null); a string is refused. */
  seed?: Seed | null;
  /** S1.3: added to |x| before the power. Default 1e-12. */
  epsilon?: number;
  /** S3: 'reference' (default, the published implementation) or 'exact'. */
  gradient?: GradientMode;
}

/** Settings after validation, with defaults filled in and a seed drawn when none was given. */
export interface ResolvedSettings {
  probability: number;
  q: number;
  seed: Seed;
  epsilon: number;
  gradient: GradientMode;
}

/**
 * S1.4: validates Sparseout settings with @sparseout/core's validators (throwing its SparseoutError
 * before anything is built) and fills in the defaults.
 */
export function resolveSettings(settings: SparseoutSettings): ResolvedSettings {
  const { probability, q, seed, epsilon, gradient } = settings ?? ({} as SparseoutSettings);
  return {
    probability: validateRate(probability, 'probability'),
    q: validateQ(q),
    seed: seed === undefined || seed === null ? randomSeed() : validateSeed(seed),
    epsilon: validateEpsilon(epsilon),
    gradient: validateGradient(gradient),
  };
}

/** The JSON form of a seed or step: a number when it is a safe integer, else a decimal string. */
export type SeedJSON = number | string;

/** Writes a seed or step so that JSON.stringify accepts it (bigints become decimal strings). */
export function seedToJSON(seed: Seed): SeedJSON {
  return typeof seed === 'bigint' ? seed.toString() : seed;
}

/**
 * Reads a seed or step written by `seedToJSON`, validating it (S4.2). Only the JSON loaders take
 * the decimal-string form; settings given in code refuse strings (amendment A2).
 */
export function seedFromJSON(value: SeedJSON, name: string): Seed {
  return validateSeed(typeof value === 'string' && /^[0-9]+$/.test(value) ? BigInt(value) : value, name);
}

/** S4.4: the next step, as a number while it is safe, else as a bigint. */
export function nextStep(step: Seed): Seed {
  if (typeof step === 'bigint') return step + 1n;
  return step < Number.MAX_SAFE_INTEGER ? step + 1 : BigInt(step) + 1n;
}
