import { type Seed, SparseoutError, validateSeed } from '@sparseout/core';
import {
  add,
  cast,
  concat,
  dispose,
  div,
  mul,
  nextFrame,
  slice,
  sub,
  Tensor,
  tidy,
  util,
  zerosLike,
} from '@tensorflow/tfjs-core';
import { LayersModel, type layers } from '@tensorflow/tfjs-layers';
import { SparseoutLayer } from './layer.js';
import { allLayers, type LayerCall, withLayerCalls } from './layer_calls.js';
import { sparseout } from './op.js';

/**
 * Which layers draw noise during the Monte Carlo passes: only the Sparseout layers
 * ('sparseout', the default) or the Sparseout and Dropout layers ('noise'). Every other layer
 * (BatchNormalization, GaussianNoise, ...) runs in inference mode.
 */
export type McInclude = 'sparseout' | 'noise';

/** Options of {@link mcPredict}. */
export interface McPredictOptions {
  /** Number of stochastic forward passes, an integer >= 1. */
  samples: number;
  /**
   * Makes the result reproducible on every backend (S4.2, S4.4): the i-th noisy layer (in the
   * order of the model's layers, from 0) draws the Philox mask of seed `seed + i` and step `k` in
   * pass k (of the first batch; batch b uses steps b * samples + k). Layers' own seeds and steps
   * are neither used nor advanced. Without it each pass draws fresh masks.
   */
  seed?: Seed;
  /** Rows of `x` per forward pass (default: all of them in one pass). */
  batchSize?: number;
  /** Called after each forward pass with (done, total); total = samples x batches. */
  onProgress?: (done: number, total: number) => void;
  /** Which layers draw noise (default 'sparseout'). */
  include?: McInclude;
}

/** Per-output Monte Carlo summary, tensors of the output's shape (float32). */
export interface McPrediction<T extends Tensor | Tensor[] = Tensor | Tensor[]> {
  /** Element-wise mean of the samples. */
  mean: T;
  /** Element-wise unbiased sample variance (divisor samples - 1); zeros when samples is 1. */
  variance: T;
}

type Layer = layers.Layer;

/** The class names of tfjs-layers' Dropout layers that `include: 'noise'` samples. */
const DROPOUT_CLASSES = new Set(['Dropout', 'SpatialDropout1D']);

/** tfjs-layers yields to the event loop at most this often in `fit` (its 'auto'); so do we. */
const YIELD_EVERY_MS = 125;

/**
 * Monte Carlo prediction (MC Dropout, Gal & Ghahramani 2016, with Sparseout): runs `x` through
 * `model` `samples` times with only the Sparseout layers (or, with `include: 'noise'`, also the
 * Dropout layers) drawing noise (S2.3) and every other layer in inference mode, and resolves to
 * the element-wise mean and unbiased sample variance of each output. A model with several
 * outputs gets arrays, in the order of `model.outputs`, as `model.predict` returns them.
 *
 * Dropout layers are sampled as Sparseout with q = 2, which is inverted Dropout (S2.5): the same
 * Philox stream as Sparseout, so a seed repeats on every backend (tfjs's own seeded Dropout
 * would draw the same mask in every pass). A layer shared by several nodes draws, when seeded,
 * the same mask at each of its calls within a pass.
 *
 * Throws SparseoutError (S1.4) before running anything when an option is invalid or the model
 * has no layer to sample. Disposes everything it creates but the result; does not dispose `x`.
 */
export async function mcPredict<T extends Tensor | Tensor[] = Tensor | Tensor[]>(
  model: LayersModel,
  x: Tensor | Tensor[],
  options: McPredictOptions,
): Promise<McPrediction<T>> {
  const { samples, seed, batchSize, onProgress, include } = checkOptions(model, x, options);
  const noisy = noisyLayers(model, include);
  const inputs = Array.isArray(x) ? x : [x];
  const rows = inputs[0].shape[0];
  const size = Math.min(batchSize ?? rows, rows);
  const batches = Math.ceil(rows / size);
  const total = batches * samples;
  const perBatch: { mean: Tensor[]; variance: Tensor[] }[] = [];
  let lastYield = util.now();
  try {
    for (let b = 0; b < batches; b++) {
      const count = Math.min(size, rows - b * size);
      const feed = batches === 1 ? inputs : inputs.map((t) => slice(t, [b * size], [count]));
      let mean: Tensor[] = [];
      let m2: Tensor[] = [];
      try {
        for (let k = 0; k < samples; k++) {
          const calls = samplingCalls(noisy, seed, b * samples + k);
          const out = withLayerCalls(calls, () =>
            model.predict(Array.isArray(x) ? feed : feed[0], { batchSize: count }),
          );
          const ys = Array.isArray(out) ? out : [out];
          const next = tidy(() => ys.flatMap((y, i) => welford(mean[i], m2[i], y, k + 1)));
          dispose([...ys, ...mean, ...m2]);
          mean = next.filter((_, i) => i % 2 === 0);
          m2 = next.filter((_, i) => i % 2 === 1);
          onProgress?.(b * samples + k + 1, total);
          if (util.now() - lastYield >= YIELD_EVERY_MS) {
            await nextFrame();
            lastYield = util.now();
          }
        }
        const variance = m2.map((m) => (samples > 1 ? div(m, samples - 1) : zerosLike(m)));
        perBatch.push({ mean, variance });
        mean = [];
      } finally {
        dispose([...mean, ...m2]);
        if (feed !== inputs) dispose(feed);
      }
    }
    const outputs = perBatch[0].mean.length;
    const join = (part: 'mean' | 'variance') =>
      Array.from({ length: outputs }, (_, i) =>
        batches === 1
          ? perBatch[0][part][i]
          : concat(
              perBatch.map((p) => p[part][i]),
              0,
            ),
      );
    const { mean, variance } = tidy(() => ({ mean: join('mean'), variance: join('variance') }));
    if (batches === 1) perBatch.length = 0;
    return model.outputs.length === 1
      ? { mean: mean[0] as T, variance: variance[0] as T }
      : { mean: mean as T, variance: variance as T };
  } finally {
    dispose(perBatch.flatMap((p) => [...p.mean, ...p.variance]));
  }
}

/**
 * One step of Welford's update with the s-th sample y (s from 1): the new mean and sum of squared
 * deviations m2, on the device. The first sample starts them at (y, 0).
 */
function welford(mean: Tensor | undefined, m2: Tensor | undefined, y: Tensor, s: number): Tensor[] {
  const value = y.dtype === 'float32' ? y : cast(y, 'float32');
  if (mean === undefined || m2 === undefined) return [value.clone(), zerosLike(value)];
  const delta = sub(value, mean);
  const next = add(mean, div(delta, s));
  return [next, add(m2, mul(delta, sub(value, next)))];
}

/** A layer that draws noise in the passes, and how. */
interface NoisyLayer {
  layer: Layer;
  kind: 'sparseout' | 'dropout';
}

/** The layers that draw noise under `include`, in the order of the model's layers. */
export function noisyLayers(model: LayersModel, include: McInclude): NoisyLayer[] {
  const found: NoisyLayer[] = [];
  for (const layer of allLayers(model)) {
    if (layer instanceof SparseoutLayer) found.push({ layer, kind: 'sparseout' });
    else if (include === 'noise' && DROPOUT_CLASSES.has(layer.getClassName())) {
      found.push({ layer, kind: 'dropout' });
    }
  }
  if (found.length === 0) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      include === 'noise'
        ? 'mcPredict: the model has no Sparseout or Dropout layer to sample'
        : "mcPredict: the model has no Sparseout layer to sample (include: 'noise' also samples Dropout layers)",
    );
  }
  return found;
}

const TWO_64 = 1n << 64n;

/** Each noisy layer's replacement `call` for the pass that uses `step`. */
function samplingCalls(
  noisy: NoisyLayer[],
  seed: Seed | undefined,
  step: number,
): Map<Layer, (own: LayerCall) => LayerCall> {
  const calls = new Map<Layer, (own: LayerCall) => LayerCall>();
  noisy.forEach(({ layer, kind }, i) => {
    const layerSeed = seed === undefined ? undefined : (BigInt(seed) + BigInt(i)) % TWO_64;
    const seeded = layerSeed === undefined ? {} : { seed: layerSeed, step };
    calls.set(layer, () => (inputs) => {
      const input = Array.isArray(inputs) ? inputs[0] : inputs;
      if (kind === 'sparseout') {
        const l = layer as SparseoutLayer;
        if (l.rate === 0) return input;
        return sparseout(input, {
          rate: l.rate,
          q: l.q,
          epsilon: l.epsilon,
          gradient: l.gradient,
          noiseShape: l.noiseShape,
          ...seeded,
        });
      }
      // tfjs's Dropout is the identity unless 0 < rate < 1 (tfjs-layers core.ts).
      const d = layer as Layer & { rate: number; getNoiseShape(x: Tensor): number[] | undefined };
      if (!(d.rate > 0 && d.rate < 1)) return input;
      return sparseout(input, { rate: d.rate, q: 2, noiseShape: d.getNoiseShape(input), ...seeded });
    });
  });
  return calls;
}

/** S1.4: every option checked before anything runs. */
function checkOptions(model: unknown, x: unknown, options: McPredictOptions) {
  const invalid = (message: string) => new SparseoutError('SPARSEOUT_INVALID_INPUT', `mcPredict: ${message}`);
  if (!(model instanceof LayersModel))
    throw invalid('model must be a tf.LayersModel (tf.sequential or tf.model)');
  const inputs = Array.isArray(x) ? x : [x];
  if (inputs.length === 0 || !inputs.every((t) => t instanceof Tensor)) {
    throw invalid('x must be a tf.Tensor or an array of them');
  }
  if ((inputs as Tensor[]).some((t) => t.rank === 0 || t.shape[0] === 0)) {
    throw invalid('x must have at least one row (a batch dimension > 0)');
  }
  if (options === null || typeof options !== 'object')
    throw invalid(`options must be an object, got ${String(options)}`);
  const { samples, batchSize, onProgress } = options;
  if (!Number.isSafeInteger(samples) || samples < 1) {
    throw invalid(`samples must be an integer >= 1, got ${String(samples)}`);
  }
  if (batchSize !== undefined && (!Number.isSafeInteger(batchSize) || batchSize < 1)) {
    throw invalid(`batchSize must be an integer >= 1, got ${String(batchSize)}`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw invalid(`onProgress must be a function, got ${typeof onProgress}`);
  }
  const include = options.include ?? 'sparseout';
  if (include !== 'sparseout' && include !== 'noise') {
    throw invalid(`include must be 'sparseout' or 'noise', got ${String(include)}`);
  }
  const seed = options.seed === undefined ? undefined : validateSeed(options.seed);
  return { samples, seed, batchSize, onProgress, include };
}
