import { decodeModel, encodeModel } from './codec.js';
import { SPARSEOUT_DOMAIN } from './functions.js';
import { INLINE_SAMPLER_DOC } from './inline-sparseout.js';
import { allGraphs } from './model-parts.js';
import { floatAttr } from './onnx-builders.js';
import type { OnnxGraph, OnnxNode } from './onnx-types.js';
import { onnxSeed } from './sparseout-attributes.js';

const isSampler = (node: OnnxNode) =>
  (node.domain === SPARSEOUT_DOMAIN && node.opType === 'Sparseout') ||
  (node.opType === 'RandomUniformLike' && node.docString === INLINE_SAMPLER_DOC);

/**
 * Returns a copy of the model whose Sparseout nodes (functions, or the samplers of the written-out
 * form below opset 15) carry the seeds seed, seed + 1, ... in graph order, so a fresh session of
 * it draws a reproducible sequence of masks (ORT's own sampler, S4.5). Every seed used must be an
 * integer in [0, 2^24] (ONNX keeps seeds as float32), else SPARSEOUT_INVALID_SEED.
 */
export function seedSparseoutNodes(model: Uint8Array, seed: number): Uint8Array {
  onnxSeed(seed);
  const decoded = decodeModel(model);
  const samplers = allGraphs(decoded.graph as OnnxGraph).flatMap((g) => (g.node ?? []).filter(isSampler));
  if (samplers.length > 0)
    onnxSeed(seed + samplers.length - 1, `seed + ${samplers.length - 1} (the last node's)`);
  samplers.forEach((node, i) => {
    node.attribute = [
      ...(node.attribute ?? []).filter((a) => a.name !== 'seed'),
      floatAttr('seed', seed + i),
    ];
  });
  return encodeModel(decoded);
}
