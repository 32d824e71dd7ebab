import { CLASSES, PIXELS } from '@sparseout/example-data';
import { DataType, encodeModel, onnx } from '@sparseout/onnxruntime-web';
import type { MlpWeights } from './train.js';

/**
 * The trained MLP as an ONNX model (opset 17) with a standard Dropout, the way an exporter writes
 * one: pixels [batch, 784] -> Gemm fc1 -> Relu -> Dropout drop1 (ratio 0.3) -> Gemm fc2 -> Softmax.
 */
export function mlpOnnx(weights: MlpWeights, rate: number): Uint8Array {
  const { hidden } = weights;
  return encodeModel({
    irVersion: 8,
    producerName: '@sparseout/onnx-example',
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
        onnx.floatTensor('w1', [PIXELS, hidden], weights.w1),
        onnx.floatTensor('b1', [hidden], weights.b1),
        onnx.floatTensor('drop1_ratio', [], [rate]),
        onnx.floatTensor('w2', [hidden, CLASSES], weights.w2),
        onnx.floatTensor('b2', [CLASSES], weights.b2),
      ],
      input: [onnx.tensorInfo('pixels', DataType.FLOAT, ['batch', PIXELS])],
      output: [onnx.tensorInfo('probs', DataType.FLOAT, ['batch', CLASSES])],
    },
  });
}
