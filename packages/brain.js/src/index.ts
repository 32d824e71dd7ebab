/**
 * @sparseout/brain.js: Sparseout (Khan & Stavness, 2019) for brain.js. A layer for the layered
 * API (`sparseout`, `Sparseout`, `SparseoutFeedForward`) and a drop-in classic network
 * (`SparseoutNeuralNetwork`). The math is @sparseout/core's; this package is glue.
 */

export { SparseoutError } from '@sparseout/core';
export type { ResolvedSettings, SeedJSON, SparseoutSettings } from './options.js';
export { SparseoutFeedForward, sparseoutLayerFromJSON } from './sparseout-feed-forward.js';
export {
  Sparseout,
  type SparseoutLayerJSON,
  type SparseoutLayerSettings,
  sparseout,
} from './sparseout-layer.js';
export {
  SparseoutNeuralNetwork,
  type SparseoutNeuralNetworkOptions,
  type SparseoutSettingsJSON,
} from './sparseout-neural-network.js';
export { assertFiniteTrainingData } from './training-data.js';
