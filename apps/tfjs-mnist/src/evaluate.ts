import { hoyerSparsity } from '@sparseout/core';
import { type Digits, PIXELS } from '@sparseout/example-data';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Test accuracy and the mean per-sample Hoyer sparsity (S7.1) of each hidden layer's activations. */
export interface Evaluation {
  accuracy: number;
  hoyer: number[];
}

/** Mean over rows of the Hoyer sparsity of each row of an [n, h] activation matrix. */
function meanRowHoyer(values: Float32Array, rows: number): number {
  const width = values.length / rows;
  let sum = 0;
  for (let r = 0; r < rows; r++) sum += hoyerSparsity(values.subarray(r * width, (r + 1) * width));
  return sum / rows;
}

/** Runs the model at inference on the test set. */
export function evaluate(model: tfl.LayersModel, test: Digits, hiddenLayers: string[]): Evaluation {
  return tf.tidy(() => {
    const x = tf.tensor2d(test.images, [test.count, PIXELS]);
    const probe = tfl.model({
      inputs: model.inputs,
      outputs: [
        ...hiddenLayers.map((name) => model.getLayer(name).output as tfl.SymbolicTensor),
        model.outputs[0],
      ],
    });
    const outputs = probe.predict(x) as tf.Tensor[];
    const predicted = tf.argMax(outputs[outputs.length - 1], 1).dataSync();
    let correct = 0;
    for (let i = 0; i < test.count; i++) if (predicted[i] === test.labels[i]) correct++;
    const hoyer = outputs.slice(0, -1).map((h) => meanRowHoyer(h.dataSync() as Float32Array, test.count));
    return { accuracy: correct / test.count, hoyer };
  });
}
