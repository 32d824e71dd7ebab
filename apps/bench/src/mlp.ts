import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * MLP 784-h-h-10 with a regularising layer after each hidden layer, same seeds each time: the
 * training-step rows of the tfjs suites, in Node (suites/tfjs.ts) and in Chromium (browser/tfjs-page.ts).
 */
export function mlp(hidden: number, regulariser: () => tfl.layers.Layer): tfl.Sequential {
  const model = tfl.sequential();
  const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
  model.add(
    tfl.layers.dense({ inputShape: [784], units: hidden, activation: 'relu', kernelInitializer: init(1) }),
  );
  model.add(regulariser());
  model.add(tfl.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: init(2) }));
  model.add(regulariser());
  model.add(tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(3) }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
  return model;
}
