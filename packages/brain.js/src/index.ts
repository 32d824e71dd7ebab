/**
 * @sparseout/brain.js: Sparseout (Khan & Stavness, 2019) for brain.js 1.6.x and 2.0.0-beta. A
 * drop-in classic network (`SparseoutNeuralNetwork`), drop-in recurrent networks (`SparseoutLSTM`,
 * `SparseoutGRU`, `SparseoutRNN` and their `TimeStep` siblings) and, on 2.0.0-beta, a layer for the
 * layered API (`sparseout`, `Sparseout`, `SparseoutFeedForward`). The math is @sparseout/core's;
 * this package is glue.
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
export type { SparseoutRecurrentOptions } from './sparseout-recurrent.js';
export {
  SparseoutGRU,
  SparseoutGRUTimeStep,
  SparseoutLSTM,
  SparseoutLSTMTimeStep,
  SparseoutRNN,
  type SparseoutRNNOptions,
  SparseoutRNNTimeStep,
  type SparseoutRNNTimeStepOptions,
} from './sparseout-recurrent-nets.js';
export { assertFiniteTrainingData } from './training-data.js';
