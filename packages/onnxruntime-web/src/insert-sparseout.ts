import { SparseoutError, validateRate } from '@sparseout/core';
import { decodeModel, encodeModel } from './codec.js';
import { graphTypes } from './element-types.js';
import { SPARSEOUT_DOMAIN } from './functions.js';
import { inlineSparseoutNodes } from './inline-sparseout.js';
import {
  addSparseoutDefinitions,
  listInitializersForIr3,
  NameAllocator,
  requireOpset,
  usesFunction,
} from './model-parts.js';
import { floatTensor, makeNode } from './onnx-builders.js';
import { DataType, type OnnxGraph, type OnnxNode } from './onnx-types.js';
import { isSampler, seedSamplers } from './seeded-model.js';
import { type SparseoutNodeOptions, sparseoutAttributes, toolOptions } from './sparseout-attributes.js';
import { addTrainingModeFlag, trainingModeFlagName } from './training-flag.js';

/** Element types Sparseout takes (TensorProto.DataType). */
const FLOAT_TYPES = new Set<number>([DataType.FLOAT, DataType.DOUBLE, DataType.FLOAT16]);
const TYPE_NAMES: Record<number, string> = {
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};
const typeName = (type: number | undefined) => TYPE_NAMES[type ?? -1] ?? `type ${type}`;

/** Options of {@link insertSparseout}. */
export interface InsertSparseoutOptions extends SparseoutNodeOptions {
  /**
   * Where to insert: node names, or op types (every node of that type whose first output is not
   * known to be non-floating-point: an Add of int64 shapes is skipped), in the main graph. Each
   * entry must match at least one node; a named node with an integer or bool output is refused.
   * Sparseout goes on each matched node's first output.
   */
  after: string | string[];
  /** S1.1: the drop probability, in [0, 1). */
  rate: number;
  /** Name of the bool initializer (false) that switches the new nodes on (default 'sparseout_training_mode'). */
  trainingModeFlag?: string;
}

/**
 * Inserts Sparseout after the chosen nodes of the main graph. The matched node's first output is
 * renamed and Sparseout writes the original name, so every consumer and graph output now sees the
 * Sparseout value and keeps its own names. The new nodes read one shared ratio initializer and the
 * training-mode flag (an initializer, false: the model computes what it did until
 * `setSparseoutTraining` or `mcPredict` turns it on). At ai.onnx opset >= 15 each is one
 * `ai.sparseout::Sparseout` node (the function is added once); below 15 the same computation is
 * written out as standard nodes (see replaceDropout). Returns new bytes; `model` is only read.
 */
export function insertSparseout(model: Uint8Array, options: InsertSparseoutOptions): Uint8Array {
  const opts = toolOptions<InsertSparseoutOptions>(options, 'insertSparseout');
  const rate = validateRate(opts.rate);
  const attributes = sparseoutAttributes(opts);
  const flag = trainingModeFlagName(opts.trainingModeFlag);
  const after = typeof opts.after === 'string' ? [opts.after] : opts.after;
  if (!Array.isArray(after) || after.length === 0 || after.some((a) => typeof a !== 'string')) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      'after must be a node name, an op type, or a non-empty array of them',
    );
  }
  const decoded = decodeModel(model);
  const graph = decoded.graph as OnnxGraph;
  const userInitializers = new Set((graph.initializer ?? []).map((t) => t.name));
  const nodes = graph.node ?? [];
  // Element types of the main graph's values, where they can be told (element-types.ts).
  const types = graphTypes(graph).get(graph) ?? new Map<string, number>();
  const isNotFloat = (node: OnnxNode) => {
    const type = types.get(node.output?.[0] ?? '');
    return type !== undefined && !FLOAT_TYPES.has(type);
  };
  const targets = new Set<(typeof nodes)[number]>();
  for (const wanted of after) {
    const named = nodes.filter((n) => n.name === wanted && (n.output?.[0] ?? '') !== '');
    for (const node of named.filter(isNotFloat)) {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_INPUT',
        `after: node ${JSON.stringify(wanted)} outputs element type ${types.get(node.output?.[0] ?? '')} (${typeName(types.get(node.output?.[0] ?? ''))}), Sparseout takes floating-point tensors only`,
      );
    }
    const ofType = nodes.filter((n) => n.opType === wanted && (n.output?.[0] ?? '') !== '');
    // By op type, only the nodes with a floating-point output (an Add of int64 shapes is skipped).
    const matches = named.length > 0 ? named : ofType.filter((n) => !isNotFloat(n));
    if (matches.length === 0) {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_INPUT',
        ofType.length > 0
          ? `after: every node of op type ${JSON.stringify(wanted)} outputs a non-floating-point tensor (e.g. ${JSON.stringify(ofType[0].name ?? ofType[0].output?.[0])}: element type ${typeName(types.get(ofType[0].output?.[0] ?? ''))}), Sparseout takes floating-point tensors only`
          : `after: no node named or of op type ${JSON.stringify(wanted)} in the model's graph`,
      );
    }
    for (const match of matches) targets.add(match);
  }
  const opset = requireOpset(decoded);
  const inline = !usesFunction(opset);
  const names = new NameAllocator(graph);
  const training = addTrainingModeFlag(graph, names, flag);
  const ratio = names.fresh('sparseout_ratio');
  graph.initializer = [...(graph.initializer ?? []), floatTensor(ratio, [], [rate])];
  const result: OnnxNode[] = [];
  for (const node of nodes) {
    result.push(node);
    if (!targets.has(node)) continue;
    const output = [...(node.output ?? [])];
    const original = output[0];
    const base = node.name || original;
    const label = `node ${JSON.stringify(base)}`;
    const elementType = types.get(original);
    if (inline && elementType === undefined) {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_INPUT',
        `after: cannot tell the element type of the output ${JSON.stringify(original)} of ${label}, which a model below ai.onnx opset 15 needs to write Sparseout out; add value_info for it (onnx.shape_inference)`,
      );
    }
    output[0] = names.fresh(`${original}_before_sparseout`);
    node.output = output;
    if (inline) {
      result.push(
        ...inlineSparseoutNodes(
          {
            data: output[0],
            ratio,
            trainingMode: training,
            output: original,
            elementType: elementType as number,
            q: opts.q as number,
            ...(opts.epsilon === undefined ? {} : { epsilon: opts.epsilon }),
            ...(opts.seed === undefined ? {} : { seed: opts.seed }),
            base,
            nodeLabel: label,
          },
          names,
        ),
      );
      continue;
    }
    result.push(
      makeNode(
        'Sparseout',
        [output[0], ratio, training],
        [original, names.fresh(`${base}_sparseout_mask`)],
        attributes,
        { domain: SPARSEOUT_DOMAIN, name: names.fresh(`${base}_sparseout`) },
      ),
    );
  }
  graph.node = result;
  // One seed per inserted node, seed, seed + 1, ... in graph order (the same seed on every node
  // would give same-shaped nodes the same masks).
  if (opts.seed !== undefined) {
    const existing = new Set(nodes);
    seedSamplers(
      result.filter((n) => !existing.has(n) && isSampler(n)),
      opts.seed,
    );
  }
  if (!inline) addSparseoutDefinitions(decoded, opset);
  listInitializersForIr3(decoded, userInitializers);
  return encodeModel(decoded);
}
