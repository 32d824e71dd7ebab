import { AttributeType, DataType, int64ToNumber, type OnnxGraph, type OnnxNode } from './onnx-types.js';

/** Ops whose outputs are all int64, whatever their inputs. */
const INT64_OPS = new Set(['Shape', 'Size', 'NonZero', 'ArgMax', 'ArgMin', 'NonMaxSuppression']);
/** Ops whose outputs are all bool. */
const BOOL_OPS = new Set([
  'Equal',
  'Less',
  'LessOrEqual',
  'Greater',
  'GreaterOrEqual',
  'Not',
  'And',
  'Or',
  'Xor',
  'IsNaN',
  'IsInf',
]);
/** Ops whose inputs all have the output's element type (any known input tells it). */
const SAME_TYPE_OPS = new Set([
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Max',
  'Min',
  'Sum',
  'Mean',
  'Concat',
  'MatMul',
  'Gemm',
  'Conv',
  'ConvTranspose',
  'PRelu',
  'Mod',
]);
/** Ops whose first output has the type of their input 1 (the rest: none known). */
const SECOND_INPUT_OPS = new Set(['Where', 'CastLike']);

const attribute = (node: OnnxNode, name: string) => node.attribute?.find((a) => a.name === name);

function constantType(node: OnnxNode): number | undefined {
  for (const a of node.attribute ?? []) {
    if (a.name === 'value' && a.t) return a.t.dataType;
    if (a.name === 'value_float' || a.name === 'value_floats') return DataType.FLOAT;
    if (a.name === 'value_int' || a.name === 'value_ints') return DataType.INT64;
  }
  return undefined;
}

/** The element types of a node's outputs from those of its inputs (undefined where unknown). */
function outputTypes(node: OnnxNode, typeOf: (name: string) => number | undefined): (number | undefined)[] {
  const outputs = node.output ?? [];
  const op = node.opType ?? '';
  // The data input's type: input 0, or any input for ops whose inputs all share it. Not the first
  // known input in general: Reshape, Expand, Slice, Gather, Pow ... take int64 or other-typed
  // inputs after the data, which would be taken for the output's type when the data's is unknown.
  const first = SAME_TYPE_OPS.has(op)
    ? (node.input ?? []).map((name) => (name ? typeOf(name) : undefined)).find((t) => t)
    : node.input?.[0]
      ? typeOf(node.input[0])
      : undefined;
  const dtype = attribute(node, 'dtype');
  const all = (type: number | undefined) => outputs.map(() => type);
  if (node.domain && node.domain !== 'ai.onnx') return all(undefined);
  if (INT64_OPS.has(op)) return all(DataType.INT64);
  if (BOOL_OPS.has(op)) return all(DataType.BOOL);
  if (op === 'Cast') return all(int64ToNumber(attribute(node, 'to')?.i));
  if (op === 'Constant') return all(constantType(node));
  if (op === 'ConstantOfShape') return all(attribute(node, 'value')?.t?.dataType ?? DataType.FLOAT);
  if (SECOND_INPUT_OPS.has(op))
    return [typeOf(node.input?.[1] ?? ''), ...outputs.slice(1).map(() => undefined)];
  if (/^Random(Uniform|Normal)Like$|^EyeLike$/.test(op)) {
    return all(dtype?.type === AttributeType.INT ? int64ToNumber(dtype.i) : typeOf(node.input?.[0] ?? ''));
  }
  if (/^Random(Uniform|Normal)$/.test(op)) return all(dtype ? int64ToNumber(dtype.i) : DataType.FLOAT);
  // Dropout's mask is bool from opset 10, the data's type before: left unknown.
  if (op === 'Dropout') return [first];
  if (op === 'TopK' || op === 'MaxPool') return [first, DataType.INT64];
  // Control flow, quantisation and a few others decide their types elsewhere: unknown.
  if (
    /^(If|Loop|Scan|Sequence|Split|Quantize|Dequantize|QLinear|MatMulInteger|ConvInteger|OneHot|Range|Unique|Optional|Multinomial|StringNormalizer|TfIdf|Bernoulli)/.test(
      op,
    )
  ) {
    return all(undefined);
  }
  // Every other standard op (element-wise math, Conv, Gemm, MatMul, pooling, Reshape, Concat,
  // Gather, Slice, Softmax, normalisations, activations ...) outputs the type of its data input.
  return all(first);
}

/**
 * The element type (TensorProto.DataType) of every value of `graph` that can be told without
 * running the model: graph inputs and outputs, value_info, initializers, Constant outputs, then
 * forward through the nodes in order. `outer` holds the types visible from an enclosing graph.
 * A wrong guess cannot pass silently: ORT type-checks the model when it loads it.
 */
export function elementTypes(graph: OnnxGraph, outer?: ReadonlyMap<string, number>): Map<string, number> {
  const types = new Map<string, number>(outer ?? []);
  for (const info of [...(graph.input ?? []), ...(graph.output ?? []), ...(graph.valueInfo ?? [])]) {
    const elemType = info.type?.tensorType?.elemType;
    if (info.name && elemType) types.set(info.name, elemType);
  }
  for (const tensor of graph.initializer ?? []) {
    if (tensor.name && tensor.dataType) types.set(tensor.name, tensor.dataType);
  }
  const typeOf = (name: string) => types.get(name);
  for (const node of graph.node ?? []) {
    const outputs = node.output ?? [];
    const inferred = outputTypes(node, typeOf);
    outputs.forEach((name, i) => {
      if (name && !types.has(name) && inferred[i]) types.set(name, inferred[i] as number);
    });
  }
  return types;
}

/** Element types of every graph's values, each subgraph seeing its enclosing graphs' (for the inline form). */
export function graphTypes(
  graph: OnnxGraph,
  outer?: Map<string, number>,
): Map<OnnxGraph, Map<string, number>> {
  const result = new Map<OnnxGraph, Map<string, number>>();
  const types = elementTypes(graph, outer);
  result.set(graph, types);
  for (const node of graph.node ?? []) {
    for (const attribute of node.attribute ?? []) {
      for (const sub of [attribute.g, ...(attribute.graphs ?? [])]) {
        if (sub) for (const [g, t] of graphTypes(sub, types)) result.set(g, t);
      }
    }
  }
  return result;
}
