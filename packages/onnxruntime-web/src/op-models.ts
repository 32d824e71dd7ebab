import { validateEpsilon, validateGradient, validateQ } from '@sparseout/core';
import { encodeModel } from './codec.js';
import {
  MASKED_OVERLOAD,
  MIN_SPARSEOUT_GRAD_OPSET,
  SPARSEOUT_DOMAIN,
  SPARSEOUT_OPSET_VERSION,
  sparseoutFunction,
  sparseoutGradFunction,
  sparseoutMaskedFunction,
} from './functions.js';
import { epsilonAttr, floatAttr, makeNode, stringAttr, tensorInfo } from './onnx-builders.js';
import { DataType, type OnnxFunction, type OnnxModel, type OnnxNode } from './onnx-types.js';
import { type SparseoutNodeOptions, sparseoutAttributes } from './sparseout-attributes.js';

/** Element types the single-op models take (ORT-web wasm runs all three; see the README). */
export type FloatType = 'float32' | 'float64' | 'float16';

const ELEMENT_TYPE: Record<FloatType, number> = {
  float32: DataType.FLOAT,
  float64: DataType.DOUBLE,
  float16: DataType.FLOAT16,
};

/** Options of {@link sparseoutOpModel}. */
export interface SparseoutOpModelOptions extends SparseoutNodeOptions {
  /** Element type of `data`, `ratio` and `output`. Default 'float32'. */
  dtype?: FloatType;
  /** true: the `masked` overload, with a 4th graph input `mask` (bool, true = keep). */
  explicitMask?: boolean;
}

/**
 * A model of one node and the one function it calls. Only that function: ORT-web before 1.21
 * ignores a node's `overload` and resolves a function call by domain and name alone, the function
 * listed last winning, so a model carrying both overloads of `Sparseout` ran the `masked` body for
 * a sampled node (a 3-input call of a 4-input body: a load error). With one function per model the
 * node finds the right body on every version (see versions.test.ts).
 */
function singleNodeModel(
  node: OnnxNode,
  opset: number,
  io: Pick<NonNullable<OnnxModel['graph']>, 'input' | 'output'>,
  fn: OnnxFunction,
): Uint8Array {
  const model: OnnxModel = {
    irVersion: 10,
    producerName: '@sparseout/onnxruntime-web',
    opsetImport: [
      { domain: '', version: opset },
      { domain: SPARSEOUT_DOMAIN, version: SPARSEOUT_OPSET_VERSION },
    ],
    graph: { name: node.opType, node: [node], ...io },
    functions: [fn],
  };
  return encodeModel(model);
}

/**
 * A model of one `ai.sparseout::Sparseout` node, any shape: graph inputs `data`, `ratio` (scalar),
 * `training_mode` (bool scalar) and, with `explicitMask`, `mask`; outputs `output` and `mask`.
 */
export function sparseoutOpModel(options: SparseoutOpModelOptions): Uint8Array {
  const attributes = sparseoutAttributes(options);
  const type = ELEMENT_TYPE[options.dtype ?? 'float32'];
  const inputs = ['data', 'ratio', 'training_mode', ...(options.explicitMask ? ['mask'] : [])];
  const node: OnnxNode = makeNode('Sparseout', inputs, ['output', 'mask_out'], attributes, {
    domain: SPARSEOUT_DOMAIN,
    name: 'sparseout',
  });
  if (options.explicitMask) node.overload = MASKED_OVERLOAD;
  const fn = options.explicitMask ? sparseoutMaskedFunction() : sparseoutFunction();
  return singleNodeModel(
    node,
    MIN_SPARSEOUT_GRAD_OPSET,
    {
      input: [
        tensorInfo('data', type),
        tensorInfo('ratio', type, []),
        tensorInfo('training_mode', DataType.BOOL, []),
        ...(options.explicitMask ? [tensorInfo('mask', DataType.BOOL)] : []),
      ],
      output: [tensorInfo('output', type), tensorInfo('mask_out', DataType.BOOL)],
    },
    fn,
  );
}

/** Options of {@link sparseoutGradOpModel}. */
export interface SparseoutGradOpModelOptions {
  q: number;
  epsilon?: number;
  /** S3.1 'reference' (default) or S3.2 'exact'. */
  gradient?: 'reference' | 'exact';
  dtype?: FloatType;
}

/**
 * A model of one `ai.sparseout::SparseoutGrad` node, any shape: inputs `dy`, `data`, `mask` (bool)
 * and `ratio` (scalar); output `dx`.
 */
export function sparseoutGradOpModel(options: SparseoutGradOpModelOptions): Uint8Array {
  const attributes = [
    floatAttr('q', validateQ(options.q)),
    epsilonAttr(validateEpsilon(options.epsilon)),
    stringAttr('gradient', validateGradient(options.gradient)),
  ];
  const type = ELEMENT_TYPE[options.dtype ?? 'float32'];
  const node = makeNode('SparseoutGrad', ['dy', 'data', 'mask', 'ratio'], ['dx'], attributes, {
    domain: SPARSEOUT_DOMAIN,
    name: 'sparseout_grad',
  });
  return singleNodeModel(
    node,
    MIN_SPARSEOUT_GRAD_OPSET,
    {
      input: [
        tensorInfo('dy', type),
        tensorInfo('data', type),
        tensorInfo('mask', DataType.BOOL),
        tensorInfo('ratio', type, []),
      ],
      output: [tensorInfo('dx', type)],
    },
    sparseoutGradFunction(),
  );
}
