import {
  backwardKernel,
  forwardKernel,
  type GradientMode,
  gradientSlope,
  type Seed,
  SparseoutError,
  validateSeed,
} from '@sparseout/core';
import type { layer, layerTypes } from 'brain.js';
import { brain, brainMajor, layeredApiUnavailable } from './brain.js';
import { drawMask } from './mask.js';
import { allocateRows, gather, type Rows, releaseTexture, scatter } from './matrix.js';
import {
  nextStep,
  resolveSettings,
  type SeedJSON,
  type SparseoutSettings,
  seedFromJSON,
  seedToJSON,
} from './options.js';

type ILayer = layer.ILayer;
type ILayerJSON = layer.ILayerJSON;

/** Settings of a Sparseout layer: S1/S4 settings plus, when restored from JSON, the step reached. */
export interface SparseoutLayerSettings extends SparseoutSettings {
  /** S4.4: the step of the next training call. Default 0 (also for null); a string is refused. */
  step?: Seed | null;
}

/** The JSON of a Sparseout layer: brain.js's layer JSON plus the settings and the step reached. */
export interface SparseoutLayerJSON extends ILayerJSON {
  type: 'Sparseout';
  probability: number;
  q: number;
  epsilon: number;
  gradient: GradientMode;
  seed: SeedJSON;
  step: SeedJSON;
}

/** Who drives the layer's mode: nobody yet (a plain FeedForward), or an explicit train/run switch. */
type Mode = 'unmanaged' | 'training' | 'inference';

/** brain.js's Activation layer class; on brain.js 1.x a base that throws the typed layered-API error. */
const Activation: typeof layerTypes.Activation =
  brainMajor === 2 ? brain.layerTypes.Activation : layeredApiUnavailable('The Sparseout layer');

/**
 * A brain.js layer applying Sparseout (Khan & Stavness, 2019) to its input layer's values.
 * `predict` (forward): in training, a seeded Philox keep-mask (S4.2) and y = x (1 + n g) (S2.3);
 * in inference the identity (S2.4). `compare` (backward): dx = dy (1 + n g) (S3.1, or S3.2 with
 * `gradient: 'exact'`) into the input layer's deltas, through the same mask and x.
 * The step advances by one per training `predict` (S4.4) and is saved by `toJSON`.
 *
 * The math runs in JavaScript on the values (read back from a Texture in gpu.js GPU mode), never
 * in a gpu.js kernel, so CPU and GPU modes give the same numbers.
 *
 * Training mode is switched by `SparseoutFeedForward` around each training pattern, or by setting
 * `training` yourself. A layer nobody switched is the identity in `predict` and refuses `compare`,
 * so that a plain `brain.FeedForward` cannot silently train without Sparseout.
 */
export class Sparseout extends Activation {
  /** S1.1 (brain.js calls the rate `probability`). */
  readonly probability: number;
  /** S1.2 */
  readonly q: number;
  /** S1.3 */
  readonly epsilon: number;
  /** S3.1 or S3.2 */
  readonly gradient: GradientMode;
  /** S4.2: the Philox key of this layer's masks. */
  readonly seed: Seed;
  /** S4.4: the step of the next training `predict`. */
  step: Seed;
  /** The keep-mask of the last `predict` (1 = kept; all ones after an inference `predict`). */
  readonly mask: Uint8Array;

  private mode: Mode = 'unmanaged';
  private pendingMask: Uint8Array | null = null;
  private lastPredictTrained = false;
  private readonly x: Float32Array;
  private readonly y: Float32Array;
  private readonly dy: Float32Array;
  private readonly output: Rows;
  private readonly inputDeltas: Rows;

  constructor(inputLayer: ILayer, settings: SparseoutLayerSettings) {
    const resolved = resolveSettings(settings);
    const step =
      settings?.step === undefined || settings.step === null ? 0 : validateSeed(settings.step, 'step');
    if (typeof inputLayer !== 'object' || inputLayer === null) {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_INPUT',
        `inputLayer must be a brain.js layer, got ${inputLayer === null ? 'null' : typeof inputLayer}`,
      );
    }
    super(inputLayer, {});
    this.probability = resolved.probability;
    this.q = resolved.q;
    this.epsilon = resolved.epsilon;
    this.gradient = resolved.gradient;
    this.seed = resolved.seed;
    this.step = step;
    const { width, height, depth } = this;
    const size = width * height * Math.max(depth, 1);
    this.mask = new Uint8Array(size).fill(1);
    this.x = new Float32Array(size);
    this.y = new Float32Array(size);
    this.dy = new Float32Array(size);
    this.output = allocateRows(width, height, depth);
    this.inputDeltas = allocateRows(width, height, depth);
    this.weights = this.output;
    this.deltas = allocateRows(width, height, depth);
  }

  /** true while training (masks drawn, S2.3), false for inference (identity, S2.4). */
  get training(): boolean {
    return this.mode === 'training';
  }

  set training(on: boolean) {
    this.mode = on ? 'training' : 'inference';
  }

  /** Number of values this layer holds (width x height x max(depth, 1)). */
  get size(): number {
    return this.mask.length;
  }

  /**
   * Makes the next training `predict` use this keep-mask (one byte per value, 1 = keep) instead
   * of drawing one; the step still advances. For tests and the conformance suite.
   */
  useMask(mask: Uint8Array): void {
    const describe = (value: unknown) =>
      Array.isArray(value)
        ? `Array(${value.length})`
        : ((value as object | null)?.constructor?.name ?? String(value));
    // S1.4, with core's codes for the same cases: not a Uint8Array is INVALID_INPUT, the wrong length SHAPE_MISMATCH.
    if (!(mask instanceof Uint8Array)) {
      throw new SparseoutError('SPARSEOUT_INVALID_INPUT', `mask must be a Uint8Array, got ${describe(mask)}`);
    }
    if (mask.length !== this.size) {
      throw new SparseoutError(
        'SPARSEOUT_SHAPE_MISMATCH',
        `mask must have length ${this.size} (the layer's size), got ${mask.length}`,
      );
    }
    this.pendingMask = mask;
  }

  /** Rebuilds a layer from its `toJSON` output: a seed or step beyond 2^53 comes back from its decimal string. */
  static fromJSON(inputLayer: ILayer, json: SparseoutLayerJSON): Sparseout {
    return new Sparseout(inputLayer, {
      ...json,
      seed: seedFromJSON(json.seed, 'seed'),
      step: seedFromJSON(json.step ?? 0, 'step'),
    });
  }

  /** Forward (S2): reads the input layer's values, writes this layer's `weights`. */
  override predict(): void {
    const { x, y, mask } = this;
    gather(this.inputLayer.weights, x);
    this.lastPredictTrained = this.mode === 'training' && this.probability > 0;
    if (this.lastPredictTrained) {
      if (this.pendingMask) {
        mask.set(this.pendingMask);
        this.pendingMask = null;
      } else {
        drawMask(mask, this.probability, this.seed, this.step);
      }
      forwardKernel(x, mask, this.probability, this.q, this.epsilon, y);
      scatter(y, this.output);
    } else {
      mask.fill(1);
      scatter(x, this.output);
    }
    if (this.mode === 'training') this.step = nextStep(this.step);
    // brain.js's weights setter also zeroes this layer's deltas, which downstream layers such as
    // Multiply accumulate into during compare.
    this.weights = this.output;
  }

  /** Backward (S3): reads this layer's `deltas`, writes the input layer's `deltas`. */
  override compare(): void {
    if (this.mode === 'unmanaged') {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_INPUT',
        'Sparseout layer: compare() called but nobody put the layer in training mode; train with ' +
          'SparseoutFeedForward (a drop-in for brain.FeedForward) or set layer.training = true',
      );
    }
    const { dy } = this;
    gather(this.deltas, dy);
    if (this.lastPredictTrained) {
      const slope = gradientSlope(this.gradient, this.q);
      backwardKernel(dy, this.x, this.mask, this.probability, this.q, this.epsilon, slope, dy);
    }
    scatter(dy, this.inputDeltas);
    if (this.inputLayer.deltas !== this.inputDeltas) {
      releaseTexture(this.inputLayer.deltas);
      this.inputLayer.deltas = this.inputDeltas as ILayer['deltas'];
    }
  }

  /** No parameters to learn. */
  override learn(): void {}

  /** brain.js layer JSON plus the Sparseout settings and the step reached (activations are not saved). */
  override toJSON(): SparseoutLayerJSON {
    return {
      width: this.width,
      height: this.height,
      depth: this.depth,
      weights: null,
      praxisOpts: null,
      type: 'Sparseout',
      probability: this.probability,
      q: this.q,
      epsilon: this.epsilon,
      gradient: this.gradient,
      seed: seedToJSON(this.seed),
      step: seedToJSON(this.step),
    };
  }
}

/**
 * Adds a Sparseout layer after `inputLayer`, in brain.js's layer-factory style:
 * `sparseout(feedForward({ height: 16 }, input), { probability: 0.3, q: 1 })`.
 * Throws SparseoutError (S1.4) for an invalid probability, q, epsilon, gradient or seed.
 */
export function sparseout(inputLayer: ILayer, settings: SparseoutLayerSettings): Sparseout {
  return new Sparseout(inputLayer, settings);
}
