import { randomSeed } from '@sparseout/core';
import { decodeModel, encodeModel } from './codec.js';
import { SPARSEOUT_DOMAIN } from './functions.js';
import { INLINE_SAMPLER_DOC } from './inline-sparseout.js';
import { allGraphs } from './model-parts.js';
import { floatAttr } from './onnx-builders.js';
import type { OnnxGraph, OnnxModel, OnnxNode } from './onnx-types.js';
import { MAX_ONNX_SEED, onnxSeed } from './sparseout-attributes.js';

/** A node that samples a Sparseout mask: a Sparseout function node, or the written-out form's RandomUniformLike. */
export const isSampler = (node: OnnxNode) =>
  (node.domain === SPARSEOUT_DOMAIN && node.opType === 'Sparseout') ||
  (node.opType === 'RandomUniformLike' && node.docString === INLINE_SAMPLER_DOC);

const samplersOf = (model: OnnxModel) =>
  allGraphs(model.graph as OnnxGraph).flatMap((g) => (g.node ?? []).filter(isSampler));

/** Gives `samplers` the seeds seed, seed + 1, ... in order (each checked to fit ONNX's float32 seeds). */
export function seedSamplers(samplers: OnnxNode[], seed: number): void {
  onnxSeed(seed);
  if (samplers.length > 0)
    onnxSeed(seed + samplers.length - 1, `seed + ${samplers.length - 1} (the last node's)`);
  samplers.forEach((node, i) => {
    node.attribute = [
      ...(node.attribute ?? []).filter((a) => a.name !== 'seed'),
      floatAttr('seed', seed + i),
    ];
  });
}

/**
 * Returns a copy of the model whose Sparseout nodes (functions, or the samplers of the written-out
 * form below opset 15) carry the seeds seed, seed + 1, ... in graph order, so a fresh session of
 * it draws a reproducible sequence of masks (ORT's own sampler, S4.5). Every seed used must be an
 * integer in [0, 2^24] (ONNX keeps seeds as float32), else SPARSEOUT_INVALID_SEED.
 */
export function seedSparseoutNodes(model: Uint8Array, seed: number): Uint8Array {
  onnxSeed(seed);
  const decoded = decodeModel(model);
  seedSamplers(samplersOf(decoded), seed);
  return encodeModel(decoded);
}

/**
 * A copy of the model whose Sparseout nodes are seeded from a random start, drawn by
 * core's `randomSeed` (S4.1). ORT-web seeds every unseeded RandomUniformLike from one
 * process-wide value, so every fresh session of a model in a process used to draw the same
 * masks; mcPredict's unseeded sampling sessions take this instead. Node seeds already set by the
 * user (replaceDropout/insertSparseout `seed`, a Dropout's own) are kept: they ask for repeatable masks.
 */
export function seedSparseoutNodesRandomly(model: Uint8Array): Uint8Array {
  const decoded = decodeModel(model);
  const unseeded = samplersOf(decoded).filter((n) => !(n.attribute ?? []).some((a) => a.name === 'seed'));
  if (unseeded.length === 0) return model;
  // A start in [0, starts), from core's 53-bit random seed (the modulo's bias is below 2^-28).
  const starts = MAX_ONNX_SEED + 2 - unseeded.length;
  seedSamplers(unseeded, randomSeed() % starts);
  return encodeModel(decoded);
}
