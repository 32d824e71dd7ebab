import { SparseoutError } from '@sparseout/core';
import {
  MAX_MODEL_OPSET,
  MIN_MODEL_OPSET,
  MIN_SPARSEOUT_OPSET,
  SPARSEOUT_DOMAIN,
  SPARSEOUT_OPSET_VERSION,
  sparseoutFunction,
} from './functions.js';
import { tensorInfo } from './onnx-builders.js';
import { AttributeType, int64ToNumber, type OnnxGraph, type OnnxModel } from './onnx-types.js';

/** IR version 8 introduced model-local functions. */
const MIN_IR_VERSION = 8;

/** The model's ai.onnx opset version (domain '' or 'ai.onnx'), or undefined when not imported. */
export function defaultOpset(model: OnnxModel): number | undefined {
  const entry = model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx');
  return entry ? int64ToNumber(entry.version) : undefined;
}

/**
 * The model's ai.onnx opset; throws SPARSEOUT_INVALID_INPUT when it imports none, one below 7
 * (ORT guarantees nothing below 7) or one above 21 (no random-op kernel in ORT-web 1.30).
 */
export function requireOpset(model: OnnxModel): number {
  const opset = defaultOpset(model);
  if (opset === undefined || opset < MIN_MODEL_OPSET) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `model opset is too old: Sparseout needs ai.onnx opset >= ${MIN_MODEL_OPSET}, the model imports ${opset ?? 'none'}`,
    );
  }
  if (opset > MAX_MODEL_OPSET) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `model opset ${opset} is not supported: onnxruntime-web 1.30 has no kernel for RandomUniformLike (nor any random op but Dropout, whose masks are not independent) at ai.onnx opset 22 or later, so Sparseout cannot sample there; the model imports ${opset}, Sparseout takes 7 to ${MAX_MODEL_OPSET}`,
    );
  }
  return opset;
}

/** Whether Sparseout is a model-local function at this opset (else it is written out inline). */
export const usesFunction = (opset: number) => opset >= MIN_SPARSEOUT_OPSET;

/**
 * Adds the `ai.sparseout` opset import and the Sparseout function (importing the model's `opset`)
 * once (a model that already has them keeps its own), and raises the IR version to 8 if it is
 * lower (IR 8 introduced model-local functions; ONNX ties opset 15 to IR 8, so a well-formed model
 * at opset >= 15 already has it).
 */
export function addSparseoutDefinitions(model: OnnxModel, opset: number): void {
  const imports = model.opsetImport ?? [];
  const existing = imports.find((o) => o.domain === SPARSEOUT_DOMAIN);
  if (existing && int64ToNumber(existing.version) !== SPARSEOUT_OPSET_VERSION) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `model imports ${SPARSEOUT_DOMAIN} version ${int64ToNumber(existing.version)}, this package provides version ${SPARSEOUT_OPSET_VERSION}`,
    );
  }
  if (!existing) imports.push({ domain: SPARSEOUT_DOMAIN, version: SPARSEOUT_OPSET_VERSION });
  model.opsetImport = imports;
  const functions = model.functions ?? [];
  const hasSparseout = functions.some(
    (f) => f.domain === SPARSEOUT_DOMAIN && f.name === 'Sparseout' && !f.overload,
  );
  if (!hasSparseout) functions.push(sparseoutFunction(opset));
  model.functions = functions;
  if (int64ToNumber(model.irVersion) < MIN_IR_VERSION) model.irVersion = MIN_IR_VERSION;
}

/** Every graph of the model: the main graph and, recursively, the subgraphs of its nodes. */
export function allGraphs(graph: OnnxGraph): OnnxGraph[] {
  const graphs = [graph];
  for (const node of graph.node ?? []) {
    for (const attribute of node.attribute ?? []) {
      if (attribute.type === AttributeType.GRAPH && attribute.g) graphs.push(...allGraphs(attribute.g));
      if (attribute.type === AttributeType.GRAPHS) {
        for (const sub of attribute.graphs ?? []) graphs.push(...allGraphs(sub));
      }
    }
  }
  return graphs;
}

/** Hands out value and node names that no graph of the model uses yet. */
export class NameAllocator {
  private readonly used = new Set<string>();

  constructor(graph: OnnxGraph) {
    for (const g of allGraphs(graph)) {
      for (const node of g.node ?? []) {
        if (node.name) this.used.add(node.name);
        for (const name of [...(node.input ?? []), ...(node.output ?? [])]) this.used.add(name);
      }
      for (const list of [g.input, g.output, g.valueInfo, g.initializer]) {
        for (const item of list ?? []) if (item.name) this.used.add(item.name);
      }
    }
  }

  /** Whether a graph of the model already uses `name`. */
  has(name: string): boolean {
    return this.used.has(name);
  }

  /** `base`, or `base_1`, `base_2`, ... whichever is free first; the name is then taken. */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }
}

/**
 * IR 3 required every initializer to be listed among the graph inputs too (IR 4 lifted it; the
 * onnx checker still holds IR 3 models to it). For a model below IR 4, lists the initializers the
 * tools added (ratios, the training-mode flag: any not in `original`) as inputs, so the model stays valid at its own IR
 * version instead of being raised. ORT keeps such an input's initializer as its value.
 */
export function listInitializersForIr3(model: OnnxModel, original: ReadonlySet<string | undefined>): void {
  if (int64ToNumber(model.irVersion) >= 4) return;
  const graph = model.graph as OnnxGraph;
  const inputs = new Set((graph.input ?? []).map((i) => i.name));
  for (const tensor of graph.initializer ?? []) {
    if (!tensor.name || inputs.has(tensor.name) || original.has(tensor.name)) continue;
    const dims = (tensor.dims ?? []).map((d) => int64ToNumber(d));
    graph.input = [...(graph.input ?? []), tensorInfo(tensor.name, tensor.dataType ?? 0, dims)];
  }
}
