import { sparseoutLayer } from '@sparseout/tfjs';
import * as tfl from '@tensorflow/tfjs-layers';

/** The regulariser between two layers: tfjs's own Dropout, or Sparseout with its q. */
export type NoiseSpec =
  | { kind: 'dropout'; rate: number }
  | { kind: 'sparseout'; rate: number; q: number; seed: number };

/** A short label, e.g. 'dropout' or 'sparseout q=1.5'. */
export function noiseLabel(spec: NoiseSpec): string {
  return spec.kind === 'dropout' ? 'dropout' : `sparseout q=${spec.q}`;
}

/**
 * Builds the regularising layer. Dropout is tf.layers.dropout without a seed (tfjs reuses one mask on
 * every call when given a seed). Sparseout comes from @sparseout/tfjs, seeded (S4.4: one step per call).
 */
export function noiseLayer(spec: NoiseSpec, name?: string): tfl.layers.Layer {
  if (spec.kind === 'dropout') return tfl.layers.dropout({ rate: spec.rate, name });
  return sparseoutLayer({ rate: spec.rate, q: spec.q, seed: spec.seed, name });
}
