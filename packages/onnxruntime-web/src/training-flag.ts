import { SparseoutError } from '@sparseout/core';
import { decodeModel, encodeModel } from './codec.js';
import type { NameAllocator } from './model-parts.js';
import { boolTensor } from './onnx-builders.js';
import { DataType, type OnnxGraph } from './onnx-types.js';

/** Default name of the bool initializer that switches the inserted Sparseout nodes to training. */
export const TRAINING_MODE_FLAG = 'sparseout_training_mode';

/** The `trainingModeFlag` option (S1.4): a non-empty string, default {@link TRAINING_MODE_FLAG}. */
export function trainingModeFlagName(name: unknown): string {
  if (name === undefined) return TRAINING_MODE_FLAG;
  if (typeof name !== 'string' || name === '') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `trainingModeFlag must be a non-empty string, got ${typeof name === 'string' ? '""' : String(name)}`,
    );
  }
  return name;
}

/**
 * Adds a scalar bool initializer `name` = false that the graph tools wire to the Sparseout nodes'
 * `training_mode`: the model computes what it did (S2.4) until `setSparseoutTraining` flips it
 * (mcPredict does). An initializer, not a graph input, because ORT-web only accepts feeds for
 * inputs without initializers. Returns `name`; an existing bool initializer of that name (a
 * flag from an earlier call) is reused. Any other value of that name is SPARSEOUT_INVALID_INPUT
 * (S1.4): a renamed flag would be one that `mcPredict` and `setSparseoutTraining` do not find.
 */
export function addTrainingModeFlag(graph: OnnxGraph, names: NameAllocator, name: string): string {
  const existing = graph.initializer?.find((t) => t.name === name);
  if (existing?.dataType === DataType.BOOL) return name;
  if (names.has(name)) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `the training-mode flag ${JSON.stringify(name)} is already a value of the model (a graph input, a node's input or output, or an initializer that is not the tools' bool flag); pass another trainingModeFlag, and the same name to mcPredict`,
    );
  }
  graph.initializer = [...(graph.initializer ?? []), boolTensor(names.fresh(name), [], [false])];
  return name;
}

/**
 * Returns a copy of the model whose training-mode flag (from `replaceDropout`/`insertSparseout`)
 * is `training`: true turns every Sparseout node that reads it on (MC Sparseout), false off.
 */
export function setSparseoutTraining(
  model: Uint8Array,
  training: boolean,
  name: string = TRAINING_MODE_FLAG,
): Uint8Array {
  const flag = trainingModeFlagName(name);
  const decoded = decodeModel(model);
  const initializers = decoded.graph?.initializer ?? [];
  const index = initializers.findIndex((t) => t.name === flag && t.dataType === DataType.BOOL);
  if (index < 0) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `the model has no training-mode flag ${JSON.stringify(flag)} (made by replaceDropout or insertSparseout)`,
    );
  }
  initializers[index] = boolTensor(flag, [], [training]);
  return encodeModel(decoded);
}
