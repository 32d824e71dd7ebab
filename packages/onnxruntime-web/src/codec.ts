import { SparseoutError } from '@sparseout/core';
import protobuf from 'protobufjs/light.js';
import { ONNX_SCHEMA } from './onnx-schema.js';
import type { OnnxModel } from './onnx-types.js';

const root = protobuf.Root.fromJSON(ONNX_SCHEMA as protobuf.INamespace);
const ModelProto = root.lookupType('onnx.ModelProto');

/**
 * Decodes `.onnx` bytes into a ModelProto (S1.4: SPARSEOUT_INVALID_INPUT for anything that is not
 * a model with a graph). The input bytes are only read.
 */
export function decodeModel(bytes: unknown, what = 'model'): OnnxModel {
  if (!(bytes instanceof Uint8Array)) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${what} must be the .onnx bytes as a Uint8Array, got ${describe(bytes)}`,
    );
  }
  let model: OnnxModel;
  try {
    model = ModelProto.decode(bytes) as unknown as OnnxModel;
  } catch (error) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${what} is not a valid ONNX ModelProto (truncated or corrupt, ${bytes.length} bytes): ${(error as Error).message}`,
    );
  }
  if (!model.graph) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${what} is not a valid ONNX model: it has no graph (${bytes.length} bytes)`,
    );
  }
  return model;
}

/** Encodes a ModelProto into fresh `.onnx` bytes (a plain Uint8Array, never a pooled view). */
export function encodeModel(model: OnnxModel): Uint8Array {
  const bytes = ModelProto.encode(model as unknown as protobuf.Message).finish();
  return Uint8Array.from(bytes);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}
