import { sparseoutLayer } from '@sparseout/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { CLASSES, PIXELS } from '../digits-format.js';

/** Units of the MLP's hidden layer. */
export const HIDDEN = 128;

/** One of the two runs: the MLP, and the same MLP cut after its hidden ReLU layer (for sparsity). */
export interface Mlp {
  model: tfl.LayersModel;
  hidden: tfl.LayersModel;
}

/**
 * The MLP 784 -> 128 ReLU -> noise -> 10 softmax, Adam (lr 1e-3), with the noise layer Sparseout
 * (rate, q) or tfjs's own Dropout (rate). Both runs start from the same seeded weights.
 */
export function buildMlp(
  noise: 'sparseout' | 'dropout',
  options: { rate: number; q: number; seed: number },
): Mlp {
  const { rate, q, seed } = options;
  const input = tfl.input({ shape: [PIXELS] });
  const hiddenLayer = tfl.layers.dense({
    units: HIDDEN,
    activation: 'relu',
    kernelInitializer: tfl.initializers.glorotUniform({ seed }),
    name: 'hidden',
  });
  const h = hiddenLayer.apply(input) as tfl.SymbolicTensor;
  const noisy = (
    noise === 'sparseout'
      ? sparseoutLayer({ rate, q, seed: seed + 2, name: 'noise' })
      : tfl.layers.dropout({ rate, seed: seed + 2, name: 'noise' })
  ).apply(h) as tfl.SymbolicTensor;
  const output = tfl.layers
    .dense({
      units: CLASSES,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }),
      name: 'out',
    })
    .apply(noisy) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: output });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return { model, hidden: tfl.model({ inputs: input, outputs: h }) };
}
