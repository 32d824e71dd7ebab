import { CLASSES, PIXELS } from '@sparseout/example-data';
import { sparseoutLayer } from '@sparseout/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Hyperparameters of one run. */
export interface MlpOptions {
  hidden: number;
  rate: number;
  q: number;
  seed: number;
  learningRate: number;
}

/**
 * An MLP 784-h-h-10 with a Sparseout layer after each hidden ReLU layer (seeded, so a run is
 * reproducible). The hidden layers are named 'hidden1' and 'hidden2' for the sparsity probe, the
 * Sparseout layers 'sparseout1' and 'sparseout2' for the sparsity monitor's logs.
 */
export function sparseoutMlp({ hidden, rate, q, seed, learningRate }: MlpOptions): tfl.Sequential {
  const init = (offset: number) => tfl.initializers.glorotUniform({ seed: seed + offset });
  const model = tfl.sequential();
  model.add(
    tfl.layers.dense({
      inputShape: [PIXELS],
      units: hidden,
      activation: 'relu',
      kernelInitializer: init(1),
      name: 'hidden1',
    }),
  );
  model.add(sparseoutLayer({ rate, q, seed: seed + 10, name: 'sparseout1' }));
  model.add(
    tfl.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: init(2), name: 'hidden2' }),
  );
  model.add(sparseoutLayer({ rate, q, seed: seed + 20, name: 'sparseout2' }));
  model.add(tfl.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: init(3) }));
  model.compile({
    optimizer: tf.train.adam(learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}
