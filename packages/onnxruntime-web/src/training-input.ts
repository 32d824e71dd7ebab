import type { NameAllocator } from './model-parts.js';
import { boolTensor, tensorInfo } from './onnx-builders.js';
import { DataType, type OnnxGraph } from './onnx-types.js';

/** Default name of the graph input that switches every Sparseout node to training mode. */
export const TRAINING_MODE_INPUT = 'sparseout_training_mode';

/**
 * Adds a scalar bool graph input `name` backed by an initializer `false` (an overridable default,
 * IR >= 4): the model behaves as before unless a caller feeds `true` (MC Sparseout, S2.3).
 * Returns the name actually used (an existing input of that name is reused).
 */
export function addTrainingModeInput(graph: OnnxGraph, names: NameAllocator, name: string): string {
  if (graph.input?.some((i) => i.name === name)) return name;
  const fresh = names.fresh(name);
  graph.input = [...(graph.input ?? []), tensorInfo(fresh, DataType.BOOL, [])];
  graph.initializer = [...(graph.initializer ?? []), boolTensor(fresh, [], [false])];
  return fresh;
}
