import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { type NoiseSpec, noiseLayer } from '../tf/noise-layer.js';

/**
 * A character-level language model: one-hot characters [T, V] -> LSTM(units, all time steps) ->
 * noise on the LSTM outputs -> dense(V, softmax) per step; Adam, cross-entropy; weights seeded.
 * One-hot inputs instead of an embedding: the embedding's gradient (UnsortedSegmentSum) has no wasm
 * kernel. The recurrent kernel is Glorot-initialised: tfjs's orthogonal initializer fails on wasm.
 */
export function buildLstm(options: {
  timeSteps: number;
  vocabularySize: number;
  units: number;
  noise: NoiseSpec;
  seed: number;
  learningRate: number;
}): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.lstm({
        inputShape: [options.timeSteps, options.vocabularySize],
        units: options.units,
        returnSequences: true,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed }),
        recurrentInitializer: tfl.initializers.glorotUniform({ seed: options.seed + 1 }),
      }),
      noiseLayer(options.noise, 'noise'),
      tfl.layers.timeDistributed({
        layer: tfl.layers.dense({
          units: options.vocabularySize,
          activation: 'softmax',
          kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed + 2 }),
        }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: 'categoricalCrossentropy' });
  return model;
}
