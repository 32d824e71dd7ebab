import type { FeedForward as BrainFeedForward, layer } from 'brain.js';
import { brain, brainMajor, layeredApiUnavailable } from './brain.js';
import { Sparseout, type SparseoutLayerJSON } from './sparseout-layer.js';
import { assertFiniteTrainingData } from './training-data.js';

type ILayer = layer.ILayer;
type ILayerJSON = layer.ILayerJSON;
type FeedForwardJSON = Parameters<typeof FeedForward.fromJSON>[0];
type GetLayer = (json: ILayerJSON, inputLayer1?: ILayer, inputLayer2?: ILayer) => ILayer;

/**
 * Rebuilds a Sparseout layer from its JSON (the `getLayer` hook of `FeedForward.fromJSON`);
 * returns undefined for any other type so another hook can handle it.
 */
export function sparseoutLayerFromJSON(json: ILayerJSON, inputLayer?: ILayer): Sparseout | undefined {
  if (json.type !== 'Sparseout') return undefined;
  if (!inputLayer) throw new Error('Sparseout layer JSON needs its inputLayerIndex');
  return Sparseout.fromJSON(inputLayer, json as SparseoutLayerJSON);
}

/** brain.js's FeedForward class; on brain.js 1.x a base that throws the typed layered-API error. */
const FeedForward: typeof BrainFeedForward =
  brainMajor === 2 ? brain.FeedForward : layeredApiUnavailable('SparseoutFeedForward');
type FeedForward = BrainFeedForward;

/**
 * A drop-in `brain.FeedForward` that knows its Sparseout layers: they train (masks, S2.3) inside
 * `train`/`trainAsync` and are the identity in `run` (S2.4). `SparseoutFeedForward.fromJSON`
 * restores them (settings and step) and returns a net ready to `run`.
 */
export class SparseoutFeedForward extends FeedForward {
  /** The Sparseout layers of this net, in forward order (empty before `initialize`). */
  get sparseoutLayers(): Sparseout[] {
    return (this.layers ?? []).filter((l): l is Sparseout => l instanceof Sparseout);
  }

  override initialize(): void {
    super.initialize();
    this.setTraining(false);
  }

  /** `FeedForward.train`, after checking that the data holds only finite numbers (S1.4). */
  override train(...args: Parameters<FeedForward['train']>): ReturnType<FeedForward['train']> {
    assertFiniteTrainingData(args[0]);
    return super.train(...args);
  }

  /** `FeedForward.trainAsync`, after checking that the data holds only finite numbers (S1.4). */
  override trainAsync(...args: Parameters<FeedForward['trainAsync']>): ReturnType<FeedForward['trainAsync']> {
    try {
      assertFiniteTrainingData(args[0]);
    } catch (error) {
      return Promise.reject(error);
    }
    return super.trainAsync(...args);
  }

  /** One training pattern (forward, backward, learn) with every Sparseout layer in training mode. */
  override _trainPattern(
    input: Parameters<FeedForward['_trainPattern']>[0],
    target: Parameters<FeedForward['_trainPattern']>[1],
    logErrorRate: boolean,
  ): ReturnType<FeedForward['_trainPattern']> {
    this.setTraining(true);
    try {
      return super._trainPattern(input, target, logErrorRate);
    } finally {
      this.setTraining(false);
    }
  }

  private setTraining(on: boolean): void {
    for (const l of this.sparseoutLayers) l.training = on;
  }

  /**
   * `FeedForward.fromJSON` that also rebuilds Sparseout layers (before trying `getLayer`, if given),
   * then initializes the net so `run` works at once.
   */
  static override fromJSON(json: FeedForwardJSON, getLayer?: GetLayer): SparseoutFeedForward {
    const hook: GetLayer = (layerJson, inputLayer1, inputLayer2) => {
      const restored = sparseoutLayerFromJSON(layerJson, inputLayer1);
      if (restored) return restored;
      if (getLayer) return getLayer(layerJson, inputLayer1, inputLayer2);
      throw new Error(`unknown layer type ${layerJson.type}`);
    };
    // biome-ignore lint/complexity/noThisInStatic: FeedForward.fromJSON builds `new this`, so it must run as this class
    const net = super.fromJSON(json, hook) as SparseoutFeedForward;
    net.initialize();
    return net;
  }
}
