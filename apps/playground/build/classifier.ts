import { DataType, encodeModel, onnx } from '@sparseout/onnxruntime-web';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { CLASSES, type DigitSet, PIXELS } from '../src/digits-format.js';
import { permutation } from '../src/random.js';

/** Hidden units, Dropout rate, epochs and seed of the build's classifier. */
export const CLASSIFIER = { hidden: 64, rate: 0.3, epochs: 3, batch: 32, seed: 11 } as const;

/**
 * Trains the classifier 784 -> 64 ReLU -> Dropout(0.3) -> 10 softmax with tfjs on the cpu backend
 * (seeded weights, masks and order) and exports it as an ONNX model (opset 17) with a standard
 * Dropout, as an exporter writes one: pixels [batch, 784] -> Gemm -> Relu -> Dropout -> Gemm ->
 * Softmax. The page turns the Dropout into Sparseout with `replaceDropout`.
 */
export async function buildClassifier(data: DigitSet): Promise<{ model: Uint8Array; seconds: number }> {
  const started = performance.now();
  await tf.setBackend('cpu');
  const { hidden, rate, epochs, batch, seed } = CLASSIFIER;
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [PIXELS],
        units: hidden,
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed }),
      }),
      tfl.layers.dropout({ rate, seed: seed + 2 }),
      tfl.layers.dense({
        units: CLASSES,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const xAll = tf.tensor2d(data.images, [data.count, PIXELS]);
  const yAll = tf.oneHot(tf.tensor1d(data.labels, 'int32'), CLASSES);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = tf.tensor1d(permutation(data.count, seed, epoch), 'int32');
    const [x, y] = [tf.gather(xAll, order), tf.gather(yAll, order)];
    await model.fit(x, y, { batchSize: batch, epochs: 1, shuffle: false, verbose: 0 });
    tf.dispose([order, x, y]);
  }
  tf.dispose([xAll, yAll]);
  const [w1, b1, w2, b2] = await Promise.all(
    model.getWeights().map((w) => w.data() as Promise<Float32Array>),
  );
  model.dispose();
  const bytes = encodeModel({
    irVersion: 8,
    producerName: '@sparseout/playground',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'mnist_mlp',
      node: [
        onnx.makeNode('Gemm', ['pixels', 'w1', 'b1'], ['fc1_out'], [], { name: 'fc1' }),
        onnx.makeNode('Relu', ['fc1_out'], ['relu1_out'], [], { name: 'relu1' }),
        onnx.makeNode('Dropout', ['relu1_out', 'drop1_ratio'], ['drop1_out'], [], { name: 'drop1' }),
        onnx.makeNode('Gemm', ['drop1_out', 'w2', 'b2'], ['logits'], [], { name: 'fc2' }),
        onnx.makeNode('Softmax', ['logits'], ['probs'], [], { name: 'softmax' }),
      ],
      initializer: [
        onnx.floatTensor('w1', [PIXELS, hidden], w1),
        onnx.floatTensor('b1', [hidden], b1),
        onnx.floatTensor('drop1_ratio', [], [rate]),
        onnx.floatTensor('w2', [hidden, CLASSES], w2),
        onnx.floatTensor('b2', [CLASSES], b2),
      ],
      input: [onnx.tensorInfo('pixels', DataType.FLOAT, ['batch', PIXELS])],
      output: [onnx.tensorInfo('probs', DataType.FLOAT, ['batch', CLASSES])],
    },
  });
  return { model: bytes, seconds: (performance.now() - started) / 1000 };
}
