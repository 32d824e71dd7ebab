import {
  type GradientMode,
  type Seed,
  validateGradient,
  validateParams,
  validateSeed,
} from '@sparseout/core';
import { serialization, type Tensor, tidy } from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';
import { type NoiseShape, resolveNoiseShape } from './noise_shape.js';
import { sparseout } from './op.js';

type LayerArgs = NonNullable<ConstructorParameters<typeof layers.Layer>[0]>;
type Kwargs = Parameters<layers.Layer['call']>[1];
type Shape = Parameters<layers.Layer['build']>[0];

/** Arguments of `sparseoutLayer`, as `tf.layers.dropout` takes them plus `q` and `gradient` (S8). */
export interface SparseoutLayerArgs extends LayerArgs {
  /** S1.1: probability that a unit is dropped, in [0, 1). */
  rate: number;
  /** S1.2: the norm exponent, >= 0; 2 is Dropout. */
  q: number;
  /** S1.3: default 1e-12. */
  epsilon?: number;
  /** S4.1: mask shape, broadcast over the input; `null` dims take the input's dim (as Keras). */
  noiseShape?: NoiseShape;
  /**
   * S4.2/S4.4: a seed makes a training run reproducible (the step advances per training call).
   * null (as Keras configs write "no seed") is the same as absent; a string is refused.
   */
  seed?: Seed | null;
  /** S3: 'reference' (default) or 'exact'. */
  gradient?: GradientMode;
}

/** S4 (amendment A2): null or undefined is no seed; anything but a number or bigint seed throws. */
function parseSeed(seed: unknown): Seed | undefined {
  if (seed === undefined || seed === null) return undefined;
  return validateSeed(seed);
}

/**
 * getConfig writes a bigint seed as a decimal string (JSON has no bigint); only `fromConfig` reads
 * that form back. The constructor, like every other API, refuses a string seed (amendment A2).
 */
function seedFromConfig(seed: unknown): unknown {
  return typeof seed === 'string' && /^\d+$/.test(seed) ? BigInt(seed) : seed;
}

/**
 * The Sparseout layer, mirroring `tf.layers.dropout`: the identity at inference (S2.4), Sparseout
 * (S2.3) when `model.fit` trains or `apply(x, { training: true })` is called. A seeded layer uses
 * step 0, 1, 2, ... for its successive training calls (S4.4). Serialized as class 'Sparseout'.
 * Invalid arguments throw SparseoutError (S1.4) in the constructor; a noise shape that does not
 * broadcast to the input throws SPARSEOUT_SHAPE_MISMATCH when the layer is built.
 */
export class SparseoutLayer extends layers.Layer {
  static className = 'Sparseout';
  readonly rate: number;
  readonly q: number;
  readonly epsilon: number;
  readonly gradient: GradientMode;
  readonly noiseShape: (number | null)[] | undefined;
  readonly seed: Seed | undefined;
  /** The next training call's step (S4.2); advances only when the layer is seeded. */
  step = 0;

  constructor(args: SparseoutLayerArgs) {
    const { rate, q, epsilon } = validateParams(args);
    const gradient = validateGradient(args.gradient);
    const seed = parseSeed(args.seed);
    const noiseShape =
      args.noiseShape === undefined || args.noiseShape === null
        ? undefined
        : resolveNoiseShape(
            args.noiseShape,
            Array.isArray(args.noiseShape) ? args.noiseShape.map(() => null) : [],
          );
    super(args);
    this.rate = rate;
    this.q = q;
    this.epsilon = epsilon;
    this.gradient = gradient;
    this.seed = seed;
    this.noiseShape = noiseShape;
    this.supportsMasking = true;
  }

  /** S4.1: checks the noise shape against the input shape (SPARSEOUT_SHAPE_MISMATCH). */
  override build(inputShape: Shape): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as (number | null)[];
    if (this.noiseShape !== undefined) resolveNoiseShape(this.noiseShape, shape);
    super.build(inputShape);
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor | Tensor[] {
    return tidy(() => {
      this.invokeCallHook(inputs, kwargs);
      const input = Array.isArray(inputs) ? inputs[0] : inputs;
      if (kwargs.training !== true || this.rate === 0) return input;
      const step = this.seed === undefined ? undefined : this.step++;
      return sparseout(input, {
        rate: this.rate,
        q: this.q,
        epsilon: this.epsilon,
        gradient: this.gradient,
        noiseShape: this.noiseShape,
        seed: this.seed,
        step,
      });
    });
  }

  /** Rebuilds a layer from `getConfig`'s output (a bigint seed comes back from its decimal string). */
  static override fromConfig<T extends serialization.Serializable>(
    cls: serialization.SerializableConstructor<T>,
    config: serialization.ConfigDict,
  ): T {
    return new cls({ ...config, seed: seedFromConfig(config.seed) });
  }

  override getConfig(): serialization.ConfigDict {
    return {
      rate: this.rate,
      q: this.q,
      epsilon: this.epsilon,
      gradient: this.gradient,
      noiseShape: this.noiseShape ?? null,
      seed: typeof this.seed === 'bigint' ? this.seed.toString() : (this.seed ?? null),
      ...super.getConfig(),
    };
  }
}
serialization.registerClass(SparseoutLayer);

/** Creates a Sparseout layer (see `SparseoutLayer`), as `tf.layers.dropout` creates a Dropout. */
export function sparseoutLayer(args: SparseoutLayerArgs): SparseoutLayer {
  return new SparseoutLayer(args);
}
