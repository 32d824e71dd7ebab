import { floatAttr, graphAttr, makeNode } from './onnx-builders.js';
import type { OnnxGraph, OnnxNode } from './onnx-types.js';

/**
 * Exponents k = (q - 2) / 2 of S2.2 with a cheaper exact form than ORT's generic Pow (which costs
 * several times a Sqrt on the wasm EP): g = base^k from square roots, then n * g as one Mul (k > 0)
 * or one Div (k < 0); correctly rounded steps, so within a few ulp of n * pow(base, k). These are
 * q = 0, 1, 1.5, 2, 2.5, 3 and 4; every other q takes Pow.
 */
const SPECIAL_EXPONENTS: { k: number; roots: number }[] = [
  { k: 0, roots: 0 },
  { k: -0.5, roots: 1 },
  { k: -0.25, roots: 2 },
  { k: 0.5, roots: 1 },
  { k: 0.25, roots: 2 },
  { k: -1, roots: 0 },
  { k: 1, roots: 0 },
];

/**
 * base = |x| + e (S2.2), inside a branch (names prefixed, so each branch owns its values), from the
 * outer-scope `data_abs` (|x|, computed once by the body: the sampler reads it too).
 */
function baseNodes(prefix: string): OnnxNode[] {
  return [makeNode('Add', ['data_abs', 'eps'], [`${prefix}_base`])];
}

/** A branch computing `n` * base^k from the outer-scope `data`, `eps` and noise `n`. */
function branch(n: string, index: number, k: number, roots: number): OnnxGraph {
  const prefix = `gain_${index}`;
  const output = `${prefix}_ng`;
  if (k === 0) {
    return { name: prefix, node: [makeNode('Identity', [n], [output])], output: [{ name: output }] };
  }
  const nodes = baseNodes(prefix);
  let value = `${prefix}_base`;
  for (let step = 0; step < roots; step++) {
    nodes.push(makeNode('Sqrt', [value], [`${prefix}_root_${step}`]));
    value = `${prefix}_root_${step}`;
  }
  nodes.push(makeNode(k > 0 ? 'Mul' : 'Div', [n, value], [output]));
  return { name: prefix, node: nodes, output: [{ name: output }] };
}

/**
 * `output` = n * g, g = (|x| + e)^k (S2.2), k the scalar `exponent_f`, as a chain of If nodes:
 * the special exponents take their cheap branch, any other k falls through to Pow. Needs
 * `data_abs` (|x|), `eps` and `exponent_f` in scope.
 */
export function gainTimesNoiseNodes(n: string, output: string): OnnxNode[] {
  const generic: OnnxGraph = {
    name: 'gain_pow',
    node: [
      ...baseNodes('gain_pow'),
      // Pow (opset 12+) takes a float exponent for any base type.
      makeNode('Pow', ['gain_pow_base', 'exponent_f'], ['gain_pow_g']),
      makeNode('Mul', [n, 'gain_pow_g'], ['gain_pow_ng']),
    ],
    output: [{ name: 'gain_pow_ng' }],
  };
  let elseBranch = generic;
  let nodes: OnnxNode[] = [];
  for (let index = SPECIAL_EXPONENTS.length - 1; index >= 0; index--) {
    const { k, roots } = SPECIAL_EXPONENTS[index];
    const result = index === 0 ? output : `gain_if_${index}`;
    nodes = [
      makeNode('Constant', [], [`gain_k_${index}`], [floatAttr('value_float', k)]),
      makeNode('Equal', ['exponent_f', `gain_k_${index}`], [`gain_is_k_${index}`]),
      makeNode(
        'If',
        [`gain_is_k_${index}`],
        [result],
        [graphAttr('then_branch', branch(n, index, k, roots)), graphAttr('else_branch', elseBranch)],
      ),
    ];
    if (index > 0) elseBranch = { name: `gain_after_${index}`, node: nodes, output: [{ name: result }] };
  }
  return nodes;
}
