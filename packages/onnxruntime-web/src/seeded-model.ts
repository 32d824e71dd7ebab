import { validateSeed } from '@sparseout/core';
import { decodeModel, encodeModel } from './codec.js';
import { SPARSEOUT_DOMAIN } from './functions.js';
import { allGraphs } from './model-parts.js';
import { floatAttr } from './onnx-builders.js';
import type { OnnxGraph } from './onnx-types.js';

/**
 * Returns a copy of the model whose Sparseout nodes carry the seeds seed, seed + 1, ... in graph
 * order, so a fresh session of it draws a reproducible sequence of masks (ORT's own sampler, S4.5).
 */
export function seedSparseoutNodes(model: Uint8Array, seed: number): Uint8Array {
  validateSeed(seed);
  const decoded = decodeModel(model);
  let next = seed;
  for (const graph of allGraphs(decoded.graph as OnnxGraph)) {
    for (const node of graph.node ?? []) {
      if (node.domain !== SPARSEOUT_DOMAIN || node.opType !== 'Sparseout') continue;
      node.attribute = [...(node.attribute ?? []).filter((a) => a.name !== 'seed'), floatAttr('seed', next)];
      next += 1;
    }
  }
  return encodeModel(decoded);
}
