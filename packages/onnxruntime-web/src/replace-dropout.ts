import { SparseoutError } from '@sparseout/core';
import { decodeModel, encodeModel } from './codec.js';
import { SPARSEOUT_DOMAIN } from './functions.js';
import { addSparseoutDefinitions, allGraphs, NameAllocator, requireOpset } from './model-parts.js';
import { floatAttr, floatTensor } from './onnx-builders.js';
import { int64ToNumber, type OnnxGraph, type OnnxNode } from './onnx-types.js';
import { type SparseoutNodeOptions, sparseoutAttributes } from './sparseout-attributes.js';
import { addTrainingModeFlag, TRAINING_MODE_FLAG } from './training-flag.js';

/** Options of {@link replaceDropout}. */
export interface ReplaceDropoutOptions extends SparseoutNodeOptions {
  /**
   * Name of the bool initializer (false) given to Dropouts without a `training_mode` input
   * (default 'sparseout_training_mode'); `setSparseoutTraining` or `mcPredict` turn it on.
   */
  trainingModeFlag?: string;
}

/** A scalar float initializer 0.5: ONNX Dropout's default ratio, for Dropouts without one. */
function addDefaultRatio(graph: OnnxGraph, names: NameAllocator): string {
  const name = names.fresh('sparseout_default_ratio');
  graph.initializer = [...(graph.initializer ?? []), floatTensor(name, [], [0.5])];
  return name;
}

const isDropout = (node: OnnxNode) =>
  node.opType === 'Dropout' && (!node.domain || node.domain === 'ai.onnx');

/**
 * Turns every ONNX `Dropout` (in the main graph and its subgraphs) into `ai.sparseout::Sparseout`
 * with the same ratio, inputs, outputs and node name, and the given `q` (S1.2). A Dropout without
 * `ratio` gets a shared initializer 0.5 (Dropout's default); one without `training_mode` gets
 * the model's shared training-mode flag (an initializer, false, so the model still computes what
 * it did); a Dropout without a `mask` output gets a fresh unused one. Adds the
 * function and the opset import once; nothing else changes. Returns new bytes; `model` is only read.
 */
export function replaceDropout(model: Uint8Array, options: ReplaceDropoutOptions): Uint8Array {
  const attributes = sparseoutAttributes(options);
  const decoded = decodeModel(model);
  const graph = decoded.graph as OnnxGraph;
  const dropouts = allGraphs(graph).flatMap((g) => (g.node ?? []).filter(isDropout));
  if (dropouts.length === 0) {
    throw new SparseoutError('SPARSEOUT_INVALID_INPUT', 'model has no Dropout node to replace');
  }
  requireOpset(decoded);
  const names = new NameAllocator(graph);
  let trainingInput: string | undefined;
  let defaultRatio: string | undefined;
  for (const node of dropouts) {
    const input = [...(node.input ?? [])];
    if (!input[1]) {
      defaultRatio ??= addDefaultRatio(graph, names);
      input[1] = defaultRatio;
    }
    if (!input[2]) {
      const flag = options.trainingModeFlag ?? TRAINING_MODE_FLAG;
      trainingInput ??= addTrainingModeFlag(graph, names, flag);
      input[2] = trainingInput;
    }
    const output = [...(node.output ?? [])];
    if (!output[1]) output[1] = names.fresh(`${output[0] ?? node.name ?? 'sparseout'}_mask`);
    node.opType = 'Sparseout';
    node.domain = SPARSEOUT_DOMAIN;
    node.input = input;
    node.output = output;
    const ownSeed = node.attribute?.find((a) => a.name === 'seed');
    node.attribute =
      options.seed === undefined && ownSeed
        ? [...attributes, floatAttr('seed', int64ToNumber(ownSeed.i))]
        : attributes;
  }
  addSparseoutDefinitions(decoded);
  return encodeModel(decoded);
}
