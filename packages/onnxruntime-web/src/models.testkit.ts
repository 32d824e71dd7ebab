/** Models the tests build with the package's own codec (not shipped: no entry imports this). */
import { readFileSync } from 'node:fs';
import { mulberry32 } from '@sparseout/testkit';
import { decodeModel, encodeModel } from './codec.js';
import {
  boolTensor,
  floatAttr,
  floatTensor,
  graphAttr,
  makeNode,
  tensorAttr,
  tensorInfo,
} from './onnx-builders.js';
import { DataType, type OnnxGraph, type OnnxModel, type OnnxNode } from './onnx-types.js';

/** The bytes of a model of `graph` that imports ai.onnx at `opset` only (IR version 8 unless given). */
export function modelAt(opset: number, graph: OnnxGraph, irVersion = 8): Uint8Array {
  return encodeModel({ irVersion, opsetImport: [{ domain: '', version: opset }], graph });
}

/**
 * An If node on the bool `condition` whose branches apply `thenOp` and `elseOp` (one node each,
 * outputs of unknown type) to the outer-scope value `x`.
 */
export function ifNode(condition: string, output: string, thenOp: string, elseOp: string): OnnxNode {
  const branch = (name: string, op: string): OnnxGraph => ({
    name,
    node: [makeNode(op, ['x'], [`${name}_out`])],
    output: [{ name: `${name}_out` }],
  });
  return makeNode(
    'If',
    [condition],
    [output],
    [graphAttr('then_branch', branch('then', thenOp)), graphAttr('else_branch', branch('else', elseOp))],
  );
}

/** Seeded pseudo-random weights in [-scale, scale), the same on every run. */
export function weights(count: number, seed: number, scale = 0.5): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: count }, () => (random() - 0.5) * 2 * scale);
}

export interface MlpOptions {
  opset?: number;
  irVersion?: number;
  /**
   * Dropout ratio; undefined: none (Dropout's default 0.5). Below opset 12 it is Dropout's `ratio`
   * attribute; from 12 an input, from `ratioSource` (default an initializer).
   */
  ratio?: number;
  /** Where Dropout-12+'s ratio comes from: an initializer, a Constant node or a graph input `ratio` (fed). */
  ratioSource?: 'initializer' | 'constant' | 'input';
  /** Dropout-12+'s training_mode: absent (default), a Constant node, or a graph input `training` (fed). */
  trainingMode?: 'constant' | 'input';
  /** Value of a constant training_mode (default true, as PyTorch's training-mode export writes). */
  trainingModeValue?: boolean;
  /** Give the Dropout a mask output. */
  maskOutput?: boolean;
  /** Leave the Dropout out. */
  noDropout?: boolean;
}

/** pixels [N, 16] -> Gemm "fc1" -> Relu "relu1" -> Dropout "drop1" -> Gemm "fc2" -> Softmax "probs". */
export function mlpModel(options: MlpOptions = {}): Uint8Array {
  const opset = options.opset ?? 17;
  const attributeRatio = opset < 12;
  const source = options.ratioSource ?? 'initializer';
  const dropoutInputs = ['hidden'];
  const extra: OnnxNode[] = [];
  if (options.ratio !== undefined && !attributeRatio) {
    dropoutInputs.push('drop_ratio');
    if (source === 'constant') {
      extra.push(
        makeNode(
          'Constant',
          [],
          ['drop_ratio'],
          [tensorAttr('value', floatTensor('v', [], [options.ratio]))],
        ),
      );
    }
  }
  if (options.trainingMode && !attributeRatio) {
    if (dropoutInputs.length === 1) dropoutInputs.push('');
    dropoutInputs.push('drop_training');
    if (options.trainingMode === 'constant') {
      const value = options.trainingModeValue ?? true;
      extra.push(
        makeNode('Constant', [], ['drop_training'], [tensorAttr('value', boolTensor('v', [], [value]))]),
      );
    }
  }
  const nodes = [
    makeNode('Gemm', ['pixels', 'w1', 'b1'], ['pre1'], [], { name: 'fc1' }),
    makeNode('Relu', ['pre1'], ['hidden'], [], { name: 'relu1' }),
    ...extra,
    ...(options.noDropout
      ? [makeNode('Identity', ['hidden'], ['dropped'], [], { name: 'drop1' })]
      : [
          makeNode(
            'Dropout',
            dropoutInputs,
            options.maskOutput ? ['dropped', 'drop_mask'] : ['dropped'],
            attributeRatio && options.ratio !== undefined ? [floatAttr('ratio', options.ratio)] : [],
            { name: 'drop1' },
          ),
        ]),
    makeNode('Gemm', ['dropped', 'w2', 'b2'], ['logits'], [], { name: 'fc2' }),
    makeNode('Softmax', ['logits'], ['probs'], [], { name: 'softmax' }),
  ];
  const ratioIsInput = options.ratio !== undefined && !attributeRatio && source === 'input';
  const model: OnnxModel = {
    irVersion: options.irVersion ?? 8,
    producerName: 'sparseout-test',
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: 'mlp',
      node: nodes,
      initializer: [
        floatTensor('w1', [16, 32], weights(16 * 32, 1)),
        floatTensor('b1', [32], weights(32, 2, 0.1)),
        floatTensor('w2', [32, 4], weights(32 * 4, 3)),
        floatTensor('b2', [4], weights(4, 4, 0.1)),
        ...(options.ratio !== undefined && !attributeRatio && source === 'initializer'
          ? [floatTensor('drop_ratio', [], [options.ratio])]
          : []),
      ],
      input: [
        tensorInfo('pixels', DataType.FLOAT, ['batch', 16]),
        ...(ratioIsInput ? [tensorInfo('drop_ratio', DataType.FLOAT, [])] : []),
        ...(options.trainingMode === 'input' && !attributeRatio
          ? [tensorInfo('drop_training', DataType.BOOL, [])]
          : []),
      ],
      output: [tensorInfo('probs', DataType.FLOAT, ['batch', 4])],
    },
  };
  return encodeModel(model);
}

/** A copy of the model that also outputs the named values (of the given element types). */
export function exposeValues(model: Uint8Array, values: Record<string, number>): Uint8Array {
  const decoded = decodeModel(model);
  const graph = decoded.graph ?? {};
  graph.output = [...(graph.output ?? []), ...Object.entries(values).map(([n, t]) => tensorInfo(n, t))];
  return encodeModel(decoded);
}

/** The PyTorch models of fixtures/ (export_fixtures.py): input shape and each Dropout's ratio, in graph order. */
export const FIXTURE_MODELS = {
  mlp: { shape: [2, 8], ratios: [0.3] },
  cnn: { shape: [2, 1, 8, 8], ratios: [0.25, 0.5] },
  seq: { shape: [2, 5, 6], ratios: [0.2] },
} as const;
export type FixtureModel = keyof typeof FIXTURE_MODELS;
/** The opsets the fixtures were exported at. */
export const FIXTURE_OPSETS = [7, 9, 11, 12, 13, 14, 17] as const;

/** A committed fixture's bytes. */
export function fixture(model: FixtureModel, opset: number, mode: 'train' | 'eval'): Uint8Array {
  const url = new URL(`../fixtures/${model}-opset${opset}-${mode}.onnx`, import.meta.url);
  return new Uint8Array(readFileSync(url));
}
