/**
 * Plain TypeScript views of the ONNX messages the graph tools read and write. Decoded messages
 * carry every other field of onnx.proto too; the tools copy those through untouched.
 */

/** An int64 as protobufjs gives it: a number, or a Long-like object when `long` is loaded. */
export type Int64 = number | { toNumber(): number } | string;

export interface OnnxAttribute {
  name?: string;
  refAttrName?: string;
  type?: number;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: OnnxTensor;
  g?: OnnxGraph;
  floats?: number[];
  ints?: Int64[];
  graphs?: OnnxGraph[];
  [field: string]: unknown;
}

export interface OnnxTensor {
  name?: string;
  dims?: Int64[];
  dataType?: number;
  rawData?: Uint8Array;
  floatData?: number[];
  [field: string]: unknown;
}

export interface OnnxNode {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  domain?: string;
  overload?: string;
  attribute?: OnnxAttribute[];
  [field: string]: unknown;
}

export interface OnnxValueInfo {
  name?: string;
  type?: {
    tensorType?: { elemType?: number; shape?: { dim?: { dimValue?: Int64; dimParam?: string }[] } };
  };
  [field: string]: unknown;
}

export interface OnnxGraph {
  name?: string;
  node?: OnnxNode[];
  initializer?: OnnxTensor[];
  input?: OnnxValueInfo[];
  output?: OnnxValueInfo[];
  valueInfo?: OnnxValueInfo[];
  [field: string]: unknown;
}

export interface OnnxOpsetId {
  domain?: string;
  version?: Int64;
}

export interface OnnxFunction {
  name?: string;
  domain?: string;
  overload?: string;
  input?: string[];
  output?: string[];
  attribute?: string[];
  attributeProto?: OnnxAttribute[];
  node?: OnnxNode[];
  opsetImport?: OnnxOpsetId[];
  docString?: string;
  [field: string]: unknown;
}

export interface OnnxModel {
  irVersion?: Int64;
  opsetImport?: OnnxOpsetId[];
  producerName?: string;
  graph?: OnnxGraph;
  functions?: OnnxFunction[];
  [field: string]: unknown;
}

/** TensorProto.DataType values used here. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT64: 7,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
} as const;

/** AttributeProto.AttributeType values used here. */
export const AttributeType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  INTS: 7,
  GRAPHS: 10,
} as const;

/** An int64 field as a JS number (ONNX versions, dims and seeds fit in a double here). */
export function int64ToNumber(value: Int64 | null | undefined): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  return value.toNumber();
}
