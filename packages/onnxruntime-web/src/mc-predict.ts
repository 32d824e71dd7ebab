import { SparseoutError } from '@sparseout/core';
import type * as ort from 'onnxruntime-web';
import { Tensor } from 'onnxruntime-web';
import { floatValues } from './float16.js';
import { seedSparseoutNodes, seedSparseoutNodesRandomly } from './seeded-model.js';
import { companionSession, createSparseoutSession, sessionModel, sessionOptions } from './session.js';
import { setSparseoutTraining, TRAINING_MODE_FLAG } from './training-flag.js';

/** Options of {@link mcPredict}. */
export interface McPredictOptions {
  /** Number of stochastic forward passes (>= 1). */
  samples: number;
  /**
   * Makes the result reproducible: the passes run on a fresh session of the same model whose
   * Sparseout nodes are seeded seed, seed + 1, ... (each an integer in [0, 2^24], ONNX's float32
   * seeds; else SPARSEOUT_INVALID_SEED). Needs a session from `createSparseoutSession`.
   */
  seed?: number;
  /** Called after each pass with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * The training-mode flag (default 'sparseout_training_mode'): fed as true when the model has a
   * graph input of that name, else flipped to true in a copy of the model (see `setSparseoutTraining`).
   */
  trainingModeFlag?: string;
}

/** Per-output Monte Carlo summary: element-wise mean and unbiased variance over the samples. */
export interface McOutput {
  dims: readonly number[];
  mean: Float64Array;
  /** Sample variance (divisor samples - 1); zeros when samples is 1. */
  variance: Float64Array;
}

const FLOAT_TYPES = new Set(['float32', 'float64', 'float16']);

/**
 * Monte Carlo Sparseout at inference (as MC Dropout, Gal & Ghahramani 2016): runs the model
 * `samples` times with the training-mode input set to true and returns, for every floating-point
 * output, the element-wise mean and variance of the samples (the predictive uncertainty).
 */
export async function mcPredict(
  session: ort.InferenceSession,
  feeds: Record<string, ort.Tensor>,
  options: McPredictOptions,
): Promise<Record<string, McOutput>> {
  const samples = options?.samples;
  if (!Number.isSafeInteger(samples) || samples < 1) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `samples must be an integer >= 1, got ${String(samples)}`,
    );
  }
  const trainingName = options.trainingModeFlag ?? TRAINING_MODE_FLAG;
  const fed = session.inputNames.includes(trainingName);
  const runner = await samplingSession(session, fed, trainingName, options.seed);
  const allFeeds = fed ? { ...feeds, [trainingName]: new Tensor('bool', [true], []) } : feeds;
  const sums: Record<string, { dims: readonly number[]; mean: Float64Array; m2: Float64Array }> = {};
  try {
    for (let s = 1; s <= samples; s++) {
      const outputs = await runner.run(allFeeds);
      for (const [name, tensor] of Object.entries(outputs)) {
        if (!FLOAT_TYPES.has(tensor.type)) continue;
        sums[name] ??= fresh(tensor);
        accumulate(sums[name], tensor, s);
      }
      options.onProgress?.(s, samples);
    }
  } finally {
    if (options.seed !== undefined) await runner.release();
  }
  const result: Record<string, McOutput> = {};
  for (const [name, { dims, mean, m2 }] of Object.entries(sums)) {
    const variance = m2.map((v) => (samples > 1 ? v / (samples - 1) : 0));
    result[name] = { dims, mean, variance };
  }
  return result;
}

/**
 * The session the samples run on: a session of the model with the flag turned on (or, when the
 * flag is a graph input, fed as true) whose Sparseout nodes are seeded: from `seed` (fresh each
 * call, so the result is reproducible), else from a random start (cached per session and flag, released with the session).
 * Not the caller's session itself: ORT-web seeds every unseeded sampler of a process from one
 * value, so two sessions of a model would otherwise draw the same masks (S4.1). Only a session
 * not made by createSparseoutSession, whose flag is a graph input, samples on itself.
 */
async function samplingSession(
  session: ort.InferenceSession,
  fed: boolean,
  flag: string,
  seed: number | undefined,
): Promise<ort.InferenceSession> {
  const bytes = sessionModel(session);
  // A session from elsewhere with the flag as a graph input: its own (process-seeded) samplers.
  if (!bytes && fed && seed === undefined) return session;
  if (!bytes) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      'mcPredict needs a session created by createSparseoutSession (it derives the sampling model from its bytes)',
    );
  }
  const training = () => (fed ? bytes : setSparseoutTraining(bytes, true, flag));
  const options = sessionOptions(session);
  if (seed !== undefined) return createSparseoutSession(seedSparseoutNodes(training(), seed), options);
  return companionSession(session, flag, () =>
    createSparseoutSession(seedSparseoutNodesRandomly(training()), options),
  );
}

function fresh(tensor: ort.Tensor) {
  const size = tensor.size;
  return { dims: [...tensor.dims], mean: new Float64Array(size), m2: new Float64Array(size) };
}

/** Welford's update with the s-th sample. */
function accumulate(acc: { mean: Float64Array; m2: Float64Array }, tensor: ort.Tensor, s: number) {
  const data = floatValues(tensor.type, tensor.data);
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    const delta = x - acc.mean[i];
    acc.mean[i] += delta / s;
    acc.m2[i] += delta * (x - acc.mean[i]);
  }
}
