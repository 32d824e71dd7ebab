import {
  AttributeType,
  DataType,
  type OnnxAttribute,
  type OnnxGraph,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './onnx-types.js';

/** A NodeProto. */
export function makeNode(
  opType: string,
  input: string[],
  output: string[],
  attribute: OnnxAttribute[] = [],
  extra: { name?: string; domain?: string } = {},
): OnnxNode {
  const node: OnnxNode = { input, output, opType, attribute };
  if (extra.name !== undefined) node.name = extra.name;
  if (extra.domain !== undefined) node.domain = extra.domain;
  return node;
}

/** A FLOAT attribute. */
export function floatAttr(name: string, f: number): OnnxAttribute {
  return { name, type: AttributeType.FLOAT, f };
}

/** An INT attribute. */
export function intAttr(name: string, i: number): OnnxAttribute {
  return { name, type: AttributeType.INT, i };
}

/** An INTS attribute (e.g. Constant's `value_ints`, a 1-D int64 tensor). */
export function intsAttr(name: string, ints: number[]): OnnxAttribute {
  return { name, type: AttributeType.INTS, ints };
}

/** A GRAPH attribute (If branches). */
export function graphAttr(name: string, g: OnnxGraph): OnnxAttribute {
  return { name, type: AttributeType.GRAPH, g };
}

/** A TENSOR attribute (Constant's `value`). */
export function tensorAttr(name: string, t: OnnxTensor): OnnxAttribute {
  return { name, type: AttributeType.TENSOR, t };
}

/** An attribute of a function body node that takes its value from the caller's attribute `ref`. */
export function refAttr(name: string, ref: string, type: number): OnnxAttribute {
  return { name, refAttrName: ref, type };
}

/** A tensor of `dataType` whose raw little-endian bytes are those of `data`. */
function rawTensor(
  name: string,
  dims: number[],
  dataType: number,
  data: Float32Array | Float64Array,
): OnnxTensor {
  return { name, dims, dataType, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** A float32 tensor with raw little-endian data. */
export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): OnnxTensor {
  return rawTensor(name, dims, DataType.FLOAT, Float32Array.from(values));
}

/** A bool tensor (one byte per element). */
export function boolTensor(name: string, dims: number[], values: ArrayLike<boolean | number>): OnnxTensor {
  const data = Uint8Array.from(values, (v) => (v ? 1 : 0));
  return { name, dims, dataType: DataType.BOOL, rawData: data };
}

/** A ValueInfoProto for a tensor; a string dim is symbolic. */
export function tensorInfo(name: string, elemType: number, dims?: (number | string)[]): OnnxValueInfo {
  const tensorType: NonNullable<NonNullable<OnnxValueInfo['type']>['tensorType']> = { elemType };
  if (dims) {
    tensorType.shape = {
      dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
    };
  }
  return { name, type: { tensorType } };
}

/** A STRING attribute (UTF-8). */
export function stringAttr(name: string, value: string): OnnxAttribute {
  return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
}

/** A float64 tensor with raw little-endian data. */
export function doubleTensor(name: string, dims: number[], values: ArrayLike<number>): OnnxTensor {
  return rawTensor(name, dims, DataType.DOUBLE, Float64Array.from(values));
}

/**
 * The `epsilon` attribute of the Sparseout operators: a scalar float64 tensor, so that 1e-12 (S1.3)
 * reaches float64 inputs exactly (a FLOAT attribute would round it to float32).
 */
export function epsilonAttr(epsilon: number): OnnxAttribute {
  return tensorAttr('epsilon', doubleTensor('epsilon', [], [epsilon]));
}
