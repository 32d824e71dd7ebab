import { CLASSES, PIXELS } from '@sparseout/example-data';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { type NoiseSpec, noiseLayer } from '../tf/noise-layer.js';

/** An MLP classifier and a model that shares its weights and outputs the hidden activations. */
export interface MlpModels {
  model: tfl.LayersModel;
  /** Input -> hidden ReLU activations (the input of the noise layer), for sparsity measurements. */
  hidden: tfl.LayersModel;
}

/** 784 -> dense(hidden, ReLU) -> noise -> dense(10, softmax), Adam, cross-entropy; weights seeded. */
export function buildMlp(options: {
  hiddenUnits: number;
  noise: NoiseSpec;
  seed: number;
  learningRate: number;
}): MlpModels {
  const input = tfl.input({ shape: [PIXELS] });
  const hiddenOut = tfl.layers
    .dense({
      units: options.hiddenUnits,
      activation: 'relu',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed }),
      name: 'hidden',
    })
    .apply(input) as tfl.SymbolicTensor;
  const noisy = noiseLayer(options.noise, 'noise').apply(hiddenOut) as tfl.SymbolicTensor;
  const output = tfl.layers
    .dense({
      units: CLASSES,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed + 1 }),
    })
    .apply(noisy) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: output });
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: 'categoricalCrossentropy' });
  return { model, hidden: tfl.model({ inputs: input, outputs: hiddenOut }) };
}
