import { SparseoutError } from '@sparseout/core';
import { decodeModel, encodeModel } from './codec.js';
import { SPARSEOUT_DOMAIN } from './functions.js';
import { addSparseoutDefinitions, allGraphs, NameAllocator, requireOpset } from './model-parts.js';
import type { OnnxGraph, OnnxNode } from './onnx-types.js';
import { type SparseoutNodeOptions, sparseoutAttributes } from './sparseout-attributes.js';
import { addTrainingModeFlag, TRAINING_MODE_INPUT } from './training-input.js';

/** Options of {@link replaceDropout}. */
export interface ReplaceDropoutOptions extends SparseoutNodeOptions {
  /**
   * Name of the bool initializer (false) given to Dropouts without a `training_mode` input
   * (default 'sparseout_training_mode'); `setSparseoutTraining` or `mcPredict` turn it on.
   */
  trainingModeFlag?: string;
}

const isDropout = (node: OnnxNode) =>
  node.opType === 'Dropout' && (!node.domain || node.domain === 'ai.onnx');

/**
 * Turns every ONNX `Dropout` (in the main graph and its subgraphs) into `ai.sparseout::Sparseout`
 * with the same ratio, inputs, outputs and node name, and the given `q` (S1.2). A Dropout without
 * `training_mode` gets the model's shared training-mode flag (an initializer, false, so the model
 * still computes what it did); a Dropout without a `mask` output gets a fresh unused one. Adds the
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
  for (const node of dropouts) {
    const input = [...(node.input ?? [])];
    if (!input[2]) {
      trainingInput ??= addTrainingModeFlag(graph, names, options.trainingModeFlag ?? TRAINING_MODE_INPUT);
      input[1] ??= '';
      input[2] = trainingInput;
    }
    const output = [...(node.output ?? [])];
    if (!output[1]) output[1] = names.fresh(`${output[0] ?? node.name ?? 'sparseout'}_mask`);
    node.opType = 'Sparseout';
    node.domain = SPARSEOUT_DOMAIN;
    node.input = input;
    node.output = output;
    const ownSeed = node.attribute?.find((a) => a.name === 'seed');
    node.attribute = options.seed === undefined && ownSeed ? [...attributes, ownSeed] : attributes;
  }
  addSparseoutDefinitions(decoded);
  return encodeModel(decoded);
}
