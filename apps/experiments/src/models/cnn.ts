import { CLASSES, SIDE } from '@sparseout/example-data';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { type NoiseSpec, noiseLayer } from '../tf/noise-layer.js';

/**
 * A small CNN: conv(8, 3x3, ReLU) -> maxpool 2 -> conv(16, 3x3, ReLU) -> maxpool 2 -> dense(64, ReLU)
 * -> noise -> dense(10, softmax); Adam, cross-entropy; weights seeded.
 */
export function buildCnn(options: { noise: NoiseSpec; seed: number; learningRate: number }): tfl.LayersModel {
  const init = (offset: number) => tfl.initializers.glorotUniform({ seed: options.seed + offset });
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [SIDE, SIDE, 1],
        filters: 8,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(0),
      }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(2) }),
      noiseLayer(options.noise, 'noise'),
      tfl.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: init(3) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: 'categoricalCrossentropy' });
  return model;
}
