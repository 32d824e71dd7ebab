import { floatAttr, graphAttr, makeNode } from './onnx-builders.js';
import type { OnnxGraph, OnnxNode } from './onnx-types.js';

/**
 * Exponents k = (q - 2) / 2 of S2.2 with a cheaper exact form than ORT's generic Pow (which costs
 * several times a Sqrt on the wasm EP): each maps `base` to g with square roots and reciprocals,
 * correctly rounded steps, so within a few ulp of pow(base, k). q = 0, 1, 1.5, 2, 2.5, 3, 4.
 */
const SPECIAL_EXPONENTS: { k: number; ops: string[] }[] = [
  { k: 0, ops: [] },
  { k: -0.5, ops: ['Sqrt', 'Reciprocal'] },
  { k: -0.25, ops: ['Sqrt', 'Sqrt', 'Reciprocal'] },
  { k: 0.5, ops: ['Sqrt'] },
  { k: 0.25, ops: ['Sqrt', 'Sqrt'] },
  { k: -1, ops: ['Reciprocal'] },
  { k: 1, ops: [] },
];

/** A branch graph computing g from the outer-scope `base` with `ops` (k = 0: the scalar `one`). */
function branch(index: number, k: number, ops: string[]): OnnxGraph {
  const nodes: OnnxNode[] = [];
  let value = k === 0 ? 'one_g' : 'base';
  if (k === 0) nodes.push(makeNode('CastLike', ['one_f', 'base'], ['one_g']));
  ops.forEach((op, step) => {
    const next = `g_${index}_${step}`;
    nodes.push(makeNode(op, [value], [next]));
    value = next;
  });
  const output = `g_${index}`;
  nodes.push(makeNode('Identity', [value], [output]));
  return { name: `gain_k${k}`, node: nodes, output: [{ name: output }] };
}

/**
 * g = base^k (S2.2) as a chain of If nodes on the scalar k (`exponent_f`): the special exponents
 * take their cheap branch, any other k falls through to Pow(base, exponent).
 */
export function gainDispatchNodes(): OnnxNode[] {
  const generic: OnnxGraph = {
    name: 'gain_pow',
    node: [makeNode('Pow', ['base', 'exponent'], ['g_pow'])],
    output: [{ name: 'g_pow' }],
  };
  let elseBranch = generic;
  let nodes: OnnxNode[] = [];
  for (let index = SPECIAL_EXPONENTS.length - 1; index >= 0; index--) {
    const { k, ops } = SPECIAL_EXPONENTS[index];
    const output = index === 0 ? 'g' : `g_if_${index}`;
    nodes = [
      makeNode('Constant', [], [`k_${index}`], [floatAttr('value_float', k)]),
      makeNode('Equal', ['exponent_f', `k_${index}`], [`is_k_${index}`]),
      makeNode(
        'If',
        [`is_k_${index}`],
        [output],
        [graphAttr('then_branch', branch(index, k, ops)), graphAttr('else_branch', elseBranch)],
      ),
    ];
    if (index > 0) elseBranch = { name: `gain_after_${index}`, node: nodes, output: [{ name: output }] };
  }
  return nodes;
}
