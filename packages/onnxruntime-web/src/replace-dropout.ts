import { SparseoutError } from '@sparseout/core';
import { decodeModel, encodeModel } from './codec.js';
import { graphTypes } from './element-types.js';
import { SPARSEOUT_DOMAIN } from './functions.js';
import { inlineSparseoutNodes } from './inline-sparseout.js';
import {
  addSparseoutDefinitions,
  allGraphs,
  listInitializersForIr3,
  NameAllocator,
  requireOpset,
  usesFunction,
} from './model-parts.js';
import { floatAttr, floatTensor } from './onnx-builders.js';
import { AttributeType, int64ToNumber, type OnnxGraph, type OnnxNode } from './onnx-types.js';
import { isSampler, seedSamplers } from './seeded-model.js';
import {
  onnxSeed,
  type SparseoutNodeOptions,
  sparseoutAttributes,
  toolOptions,
} from './sparseout-attributes.js';
import { addTrainingModeFlag, trainingModeFlagName } from './training-flag.js';

/** Options of {@link replaceDropout}. */
export interface ReplaceDropoutOptions extends SparseoutNodeOptions {
  /**
   * Name of the bool initializer (false) wired to the converted nodes' training mode (default
   * 'sparseout_training_mode'); `setSparseoutTraining` or `mcPredict` turn it on.
   */
  trainingModeFlag?: string;
  /**
   * What becomes of a Dropout whose `training_mode` is a constant (a Constant node's output or an
   * initializer that is not a graph input; PyTorch's training-mode export writes a constant true):
   * 'flag' (default) wires it to the training-mode flag like a Dropout without one, so plain
   * inference is deterministic and `mcPredict` samples; 'keep' keeps the constant (a constant true
   * then samples on every run). A `training_mode` fed as a graph input is always kept.
   */
  constantTrainingMode?: 'flag' | 'keep';
}

const isDropout = (node: OnnxNode) =>
  node.opType === 'Dropout' && (!node.domain || node.domain === 'ai.onnx');

/** Names whose value is fixed when the model is built: Constant outputs, initializers that are not graph inputs. */
function constantNames(graph: OnnxGraph): Set<string> {
  const names = new Set<string>();
  for (const g of allGraphs(graph)) {
    const inputs = new Set((g.input ?? []).map((i) => i.name));
    for (const t of g.initializer ?? []) if (t.name && !inputs.has(t.name)) names.add(t.name);
    for (const n of g.node ?? []) if (n.opType === 'Constant' && n.output?.[0]) names.add(n.output[0]);
  }
  return names;
}

/**
 * Turns every ONNX `Dropout` (in the main graph and its subgraphs) into Sparseout with the same
 * ratio, inputs and outputs, and the given `q` (S1.2). Every Dropout form of ai.onnx opset 7 and
 * later: Dropout-7/10's `ratio` attribute becomes an initializer; Dropout-12/13's `ratio` input
 * (initializer, Constant, graph input or any other value) is read as it is, an absent one is
 * Dropout's default 0.5; the `training_mode` input, when absent or a constant (see
 * {@link ReplaceDropoutOptions.constantTrainingMode}), becomes the model's shared training-mode
 * flag (an initializer, false, so the model computes what it did), a graph input is kept; a
 * Dropout's own `seed` is kept unless `seed` is given.
 *
 * At opset >= 15 each Dropout becomes one `ai.sparseout::Sparseout` node (same node name; a fresh
 * unused `mask` output when it had none) and the function and its opset import are added once.
 * Below 15 the function's body cannot be written with the model's ops (it needs CastLike), so each
 * Dropout is replaced in place by the same computation as standard nodes (inline-sparseout.ts);
 * the model's opset import and IR version are left as they are. No other node changes. Returns
 * new bytes; `model` is only read.
 */
export function replaceDropout(model: Uint8Array, options: ReplaceDropoutOptions): Uint8Array {
  const opts = toolOptions<ReplaceDropoutOptions>(options, 'replaceDropout');
  const attributes = sparseoutAttributes(opts);
  const flag = trainingModeFlagName(opts.trainingModeFlag);
  const constantMode = opts.constantTrainingMode ?? 'flag';
  if (constantMode !== 'flag' && constantMode !== 'keep') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `constantTrainingMode must be 'flag' or 'keep', got ${JSON.stringify(constantMode)}`,
    );
  }
  const decoded = decodeModel(model);
  const graph = decoded.graph as OnnxGraph;
  const userInitializers = new Set((graph.initializer ?? []).map((t) => t.name));
  // A function body sees only its own inputs: the training-mode flag and ratio initializers
  // cannot reach it, so Dropouts there are refused rather than left as they are.
  const inFunctions = (decoded.functions ?? []).filter(
    (f) =>
      f.domain !== SPARSEOUT_DOMAIN &&
      allGraphs({ node: f.node ?? [] }).some((g) => (g.node ?? []).some(isDropout)),
  );
  if (inFunctions.length > 0) {
    const listed = inFunctions.map((f) => `${f.domain}::${f.name}`).join(', ');
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `the model has Dropout inside model-local functions (${listed}); replaceDropout converts the Dropouts of the graph and its subgraphs only: inline the functions first (onnx >= 1.16: onnx.inliner.inline_local_functions(model)), then convert`,
    );
  }
  const graphs = allGraphs(graph).filter((g) => (g.node ?? []).some(isDropout));
  if (graphs.length === 0) {
    throw new SparseoutError('SPARSEOUT_INVALID_INPUT', 'model has no Dropout node to replace');
  }
  const opset = requireOpset(decoded);
  const inline = !usesFunction(opset);
  const constants = constantNames(graph);
  const types = inline ? graphTypes(graph) : undefined;
  const names = new NameAllocator(graph);
  let trainingFlag: string | undefined;
  let defaultRatio: string | undefined;
  const ratioInitializer = (value: number, base: string) => {
    const name = names.fresh(base);
    graph.initializer = [...(graph.initializer ?? []), floatTensor(name, [], [value])];
    return name;
  };
  // The samplers written here, in graph order: the `seed` option seeds them seed, seed + 1, ...
  const samplers: OnnxNode[] = [];
  for (const g of graphs) {
    const replaced: OnnxNode[] = [];
    for (const node of g.node ?? []) {
      if (!isDropout(node)) {
        replaced.push(node);
        continue;
      }
      const label = `Dropout ${JSON.stringify(node.name ?? '')}`;
      const input = [...(node.input ?? [])];
      const output = [...(node.output ?? [])];
      if (!input[0] || !output[0]) {
        throw new SparseoutError('SPARSEOUT_INVALID_INPUT', `${label} has no data input or no output`);
      }
      const base = node.name || output[0];
      const ratioAttribute = node.attribute?.find((a) => a.name === 'ratio');
      if (opset < 12 && ratioAttribute) {
        // Dropout-7/10: ratio is a float attribute (default 0.5).
        input[1] = ratioInitializer(ratioAttribute.f ?? 0.5, `${base}_ratio`);
      } else if (!input[1]) {
        defaultRatio ??= ratioInitializer(0.5, 'sparseout_default_ratio');
        input[1] = defaultRatio;
      }
      // What became of training_mode, kept on the converted node's doc_string (README, "Training mode").
      let note = 'training_mode: none, wired to the training-mode flag';
      if (input[2] && constants.has(input[2])) {
        note = `training_mode: the constant ${JSON.stringify(input[2])}, ${constantMode === 'flag' ? 'wired to the training-mode flag instead' : 'kept'}`;
      } else if (input[2]) note = `training_mode: ${JSON.stringify(input[2])}, kept`;
      if (!input[2] || (constantMode === 'flag' && constants.has(input[2]))) {
        trainingFlag ??= addTrainingModeFlag(graph, names, flag);
        input[2] = trainingFlag;
      }
      const docString = `ai.sparseout::Sparseout from Dropout ${JSON.stringify(node.name ?? '')}; ${note}`;
      const ownSeed = node.attribute?.find((a) => a.name === 'seed' && a.type === AttributeType.INT);
      const seed =
        opts.seed === undefined && ownSeed ? onnxSeed(int64ToNumber(ownSeed.i), `${label} seed`) : undefined;
      if (inline) {
        const elementType = types?.get(g)?.get(input[0]);
        if (elementType === undefined) {
          throw new SparseoutError(
            'SPARSEOUT_INVALID_INPUT',
            `${label}: cannot tell the element type of its input ${JSON.stringify(input[0])}, which a model below ai.onnx opset 15 needs to write Sparseout out; add value_info for it (onnx.shape_inference)`,
          );
        }
        const written = inlineSparseoutNodes(
          {
            data: input[0],
            ratio: input[1],
            trainingMode: input[2],
            output: output[0],
            ...(output[1] ? { mask: output[1], maskAsData: opset < 10 } : {}),
            elementType,
            q: opts.q as number,
            ...(opts.epsilon === undefined ? {} : { epsilon: opts.epsilon }),
            ...(opts.seed !== undefined ? { seed: opts.seed } : seed !== undefined ? { seed } : {}),
            base,
            nodeLabel: label,
          },
          names,
        );
        // The node that writes the Dropout's output (the final If) carries the note.
        const last = written.find((n) => n.output?.[0] === output[0]);
        if (last) last.docString = docString;
        samplers.push(...written.filter(isSampler));
        replaced.push(...written);
        continue;
      }
      if (!output[1]) output[1] = names.fresh(`${output[0]}_mask`);
      node.opType = 'Sparseout';
      node.domain = SPARSEOUT_DOMAIN;
      node.input = input.slice(0, 3);
      node.output = output;
      node.attribute = seed === undefined ? attributes : [...attributes, floatAttr('seed', seed)];
      node.docString = docString;
      samplers.push(node);
      replaced.push(node);
    }
    g.node = replaced;
  }
  if (opts.seed !== undefined) seedSamplers(samplers, opts.seed);
  if (!inline) addSparseoutDefinitions(decoded, opset);
  listInitializersForIr3(decoded, userInitializers);
  return encodeModel(decoded);
}
