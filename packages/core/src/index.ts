/**
 * @sparseout/core: Sparseout (Khan & Stavness, 2019) over typed arrays. The public surface only;
 * each concept lives in its own file and names its clause of the specification (docs/spec.md).
 */
export type { FloatArray } from './arrays.js';
export { getKernelBackend, type KernelBackend, setKernelBackend, wasmKernelsAvailable } from './backend.js';
export { type BackwardParams, backwardKernel, gradientSlope, sparseoutBackward } from './backward.js';
export { SparseoutError, type SparseoutErrorCode } from './errors.js';
export { type ForwardParams, forwardKernel, sparseoutForward } from './forward.js';
export { bernoulliMask, fillMask, keepThreshold, type MaskOptions } from './mask.js';
export {
  type ActivationStats,
  type ActivationStatsOptions,
  activationStats,
  type Histogram,
  hoyerSparsity,
  lqNorm,
  MAX_HISTOGRAM_BINS,
} from './metrics.js';
export {
  DEFAULT_EPSILON,
  type GradientMode,
  MIN_EPSILON,
  type ResolvedParams,
  type SparseoutParams,
  validateEpsilon,
  validateGradient,
  validateParams,
  validateQ,
  validateRate,
  validateTraining,
} from './params.js';
export { philox4x32, philoxBlock } from './philox.js';
export { highWord, lowWord, randomSeed, type Seed, splitWords, validateSeed } from './seed.js';
export { type SparseoutOptions, type SparseoutResult, sparseout, sparseoutInto } from './sparseout.js';
export {
  glmExpectedLoss,
  glmPenalty,
  glmPenaltyMonteCarlo,
  MAX_MONTE_CARLO_DRAWS,
  MAX_MONTE_CARLO_SAMPLES,
  type MonteCarloEstimate,
  type MonteCarloOptions,
  outputVariance,
} from './theory.js';
