/** Models the tests build with the package's own codec (not shipped: no entry imports this). */
import { encodeModel } from './codec.js';
import { floatTensor, makeNode, tensorInfo } from './onnx-builders.js';
import { DataType, type OnnxModel } from './onnx-types.js';

/** Deterministic pseudo-random weights in [-scale, scale). */
export function weights(count: number, seed: number, scale = 0.5): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32 - 0.5) * 2 * scale;
  });
}

export interface MlpOptions {
  opset?: number;
  /** Dropout ratio as an initializer input; undefined: no ratio input (default 0.5). */
  ratio?: number;
  /** Give the Dropout a mask output. */
  maskOutput?: boolean;
  /** Leave the Dropout out. */
  noDropout?: boolean;
}

/** pixels [N, 16] -> Gemm "fc1" -> Relu "relu1" -> Dropout "drop1" -> Gemm "fc2" -> Softmax "probs". */
export function mlpModel(options: MlpOptions = {}): Uint8Array {
  const dropoutInputs = options.ratio === undefined ? ['hidden'] : ['hidden', 'drop_ratio'];
  const nodes = [
    makeNode('Gemm', ['pixels', 'w1', 'b1'], ['pre1'], [], { name: 'fc1' }),
    makeNode('Relu', ['pre1'], ['hidden'], [], { name: 'relu1' }),
    ...(options.noDropout
      ? [makeNode('Identity', ['hidden'], ['dropped'], [], { name: 'drop1' })]
      : [
          makeNode(
            'Dropout',
            dropoutInputs,
            options.maskOutput ? ['dropped', 'drop_mask'] : ['dropped'],
            [],
            { name: 'drop1' },
          ),
        ]),
    makeNode('Gemm', ['dropped', 'w2', 'b2'], ['logits'], [], { name: 'fc2' }),
    makeNode('Softmax', ['logits'], ['probs'], [], { name: 'softmax' }),
  ];
  const model: OnnxModel = {
    irVersion: 8,
    producerName: 'sparseout-test',
    opsetImport: [{ domain: '', version: options.opset ?? 17 }],
    graph: {
      name: 'mlp',
      node: nodes,
      initializer: [
        floatTensor('w1', [16, 32], weights(16 * 32, 1)),
        floatTensor('b1', [32], weights(32, 2, 0.1)),
        floatTensor('w2', [32, 4], weights(32 * 4, 3)),
        floatTensor('b2', [4], weights(4, 4, 0.1)),
        ...(options.ratio === undefined ? [] : [floatTensor('drop_ratio', [], [options.ratio])]),
      ],
      input: [tensorInfo('pixels', DataType.FLOAT, ['batch', 16])],
      output: [tensorInfo('probs', DataType.FLOAT, ['batch', 4])],
    },
  };
  return encodeModel(model);
}
