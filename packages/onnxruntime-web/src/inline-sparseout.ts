import { DEFAULT_EPSILON, SparseoutError } from '@sparseout/core';
import { MIN_SPARSEOUT_OPSET } from './functions.js';
import type { NameAllocator } from './model-parts.js';
import {
  doubleTensor,
  floatAttr,
  floatTensor,
  graphAttr,
  intAttr,
  makeNode,
  tensorAttr,
} from './onnx-builders.js';
import { DataType, type OnnxNode, type OnnxTensor } from './onnx-types.js';

/** doc_string of the RandomUniformLike that samples an inlined Sparseout (seedSparseoutNodes finds it). */
export const INLINE_SAMPLER_DOC = 'ai.sparseout::Sparseout sampler';

/** Element types an inlined Sparseout computes in (the typed constants are written per type). */
const INLINE_TYPES: Record<number, (name: string, value: number) => OnnxTensor> = {
  [DataType.FLOAT]: (name, value) => floatTensor(name, [], [value]),
  [DataType.DOUBLE]: (name, value) => doubleTensor(name, [], [value]),
};

/** Exponents k = (q - 2) / 2 with an exact square-root form (as gain-dispatch.ts, chosen here at build time). */
const ROOTS: Record<string, number> = { '-0.5': 1, '-0.25': 2, '0.5': 1, '0.25': 2, '-1': 0, '1': 0 };

/** What one inlined Sparseout reads and writes. */
export interface InlineSparseout {
  /** Names of the input tensor, the ratio (any float type, scalar) and the bool training mode. */
  data: string;
  ratio: string;
  trainingMode: string;
  /** Name of the result; `mask`, when given, receives the keep-mask (bool, or the data type for `maskAsData`). */
  output: string;
  mask?: string;
  /** Dropout-7's mask has the data's element type (Dropout-10 made it bool). */
  maskAsData?: boolean;
  /** TensorProto.DataType of `data` (float or double). */
  elementType: number;
  q: number;
  epsilon?: number;
  /** Seed of the sampler (a float attribute, as RandomUniformLike's). */
  seed?: number;
  /** Base of the fresh value names, and the node that is being replaced (for errors and names). */
  base: string;
  nodeLabel: string;
}

/**
 * `ai.sparseout::Sparseout` written out as standard ai.onnx nodes that exist from opset 7 on
 * (Cast-6, Greater/Less/And-7, Not, Mul/Sub/Div/Add-7, Abs/Sqrt-6, Pow-7, Constant-1,
 * RandomUniformLike-1, If-1), for models below {@link MIN_SPARSEOUT_OPSET}. The function body's type
 * genericity (CastLike), its `If` dispatch on q and its `value_float` constants are resolved here
 * at build time: the element type, q and epsilon are known, so the constants are written in the
 * data's type and only the gain's branch for this q is emitted. Computes what the function does:
 * u ~ U[0, 1) (float32), keep iff u >= r_eff with r_eff = r when training_mode and r > 0, else 0
 * (S2.4); n = m / (1 - r_eff) - 1 (S2.1); y = x * (1 + n * (|x| + e)^((q - 2) / 2)) (S2.2, S2.3).
 */
export function inlineSparseoutNodes(spec: InlineSparseout, names: NameAllocator): OnnxNode[] {
  const typed = INLINE_TYPES[spec.elementType];
  if (!typed) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${spec.nodeLabel}: its input ${JSON.stringify(spec.data)} has element type ${spec.elementType}; below ai.onnx opset ${MIN_SPARSEOUT_OPSET} Sparseout is written out for float (1) and double (11) only`,
    );
  }
  const v = (what: string) => names.fresh(`${spec.base}/sparseout/${what}`);
  const nodes: OnnxNode[] = [];
  // Where `node` writes: the graph's node list, or the branch of the final If being built.
  let target = nodes;
  const node = (op: string, input: string[], attributes: OnnxNode['attribute'] = [], out = v(op)) => {
    target.push(
      makeNode(op, input, [out], attributes, { name: names.fresh(`${spec.base}/sparseout/${op}`) }),
    );
    return out;
  };
  const constant = (what: string, value: number) => {
    const name = v(what);
    return node('Constant', [], [tensorAttr('value', typed(name, value))], name);
  };
  const cast = (input: string, to: number) => node('Cast', [input], [intAttr('to', to)]);

  const zero = constant('zero', 0);
  const one = constant('one', 1);
  const r = cast(spec.ratio, spec.elementType);
  const perturb = node('And', [spec.trainingMode, node('Greater', [r, zero])]);
  const effectiveR = node('Mul', [r, cast(perturb, spec.elementType)]);
  const samplerAttributes = [intAttr('dtype', DataType.FLOAT)];
  if (spec.seed !== undefined) samplerAttributes.push(floatAttr('seed', spec.seed));
  // The sampler reads |x|, never `data` itself: see the sampler of functions.ts (WebGPU).
  const abs = node('Abs', [spec.data]);
  const u = node('RandomUniformLike', [abs], samplerAttributes);
  nodes[nodes.length - 1].docString = INLINE_SAMPLER_DOC;
  // Keep iff u >= r_eff (S4.1): Not(Less), as GreaterOrEqual only exists from opset 12.
  const keep = node('Not', [node('Less', [u, cast(effectiveR, DataType.FLOAT)])]);
  // y = x * (1 + n * g) when perturbing, else x (S2.4), through an If on the scalar `perturb`:
  // n = 0 is not enough, as 0 * g is NaN wherever g is infinite (see forwardNodes in functions.ts).
  // The noise is computed in the perturbing branch only.
  const perturbed: OnnxNode[] = [];
  target = perturbed;
  const scale = node('Div', [one, node('Sub', [one, effectiveR])]);
  const n = node('Sub', [node('Mul', [cast(keep, spec.elementType), scale]), one]);
  const ng = gainTimesNoise(spec, n, abs, node, constant);
  const perturbedOutput = node('Mul', [spec.data, node('Add', [one, ng])]);
  const unperturbed: OnnxNode[] = [];
  target = unperturbed;
  const unperturbedOutput = node('Identity', [spec.data]);
  target = nodes;
  node(
    'If',
    [perturb],
    [
      graphAttr('then_branch', {
        name: v('perturbed'),
        node: perturbed,
        output: [{ name: perturbedOutput }],
      }),
      graphAttr('else_branch', {
        name: v('unperturbed'),
        node: unperturbed,
        output: [{ name: unperturbedOutput }],
      }),
    ],
    spec.output,
  );
  if (spec.mask) {
    if (spec.maskAsData) node('Cast', [keep], [intAttr('to', spec.elementType)], spec.mask);
    else node('Identity', [keep], [], spec.mask);
  }
  return nodes;
}

/** n * g, g = (|x| + e)^k, k = (q - 2) / 2 (S2.2): no pass for q = 2, square roots where exact, else Pow. */
function gainTimesNoise(
  spec: InlineSparseout,
  n: string,
  abs: string,
  node: (op: string, input: string[]) => string,
  constant: (what: string, value: number) => string,
): string {
  const k = (spec.q - 2) / 2;
  if (k === 0) return n;
  const base = node('Add', [abs, constant('epsilon', spec.epsilon ?? DEFAULT_EPSILON)]);
  const roots = ROOTS[String(k)];
  if (roots === undefined) return node('Mul', [n, node('Pow', [base, constant('exponent', k)])]);
  let value = base;
  for (let i = 0; i < roots; i++) value = node('Sqrt', [value]);
  return node(k > 0 ? 'Mul' : 'Div', [n, value]);
}
