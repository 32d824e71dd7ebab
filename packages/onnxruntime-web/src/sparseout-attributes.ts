import { SparseoutError, validateEpsilon, validateQ, validateSeed } from '@sparseout/core';
import { epsilonAttr, floatAttr } from './onnx-builders.js';
import type { OnnxAttribute } from './onnx-types.js';

/** The attributes a graph tool puts on a Sparseout node. */
export interface SparseoutNodeOptions {
  /** S1.2: the norm exponent, >= 0 (2 is Dropout). */
  q: number;
  /** S1.3: default 1e-12. */
  epsilon?: number;
  /**
   * Seeds of ORT's samplers: the nodes a tool writes get seed, seed + 1, ... in graph order (as
   * `seedSparseoutNodes`; one seed for all would give same-shaped nodes the same masks), each an
   * integer in [0, 2^24] ({@link MAX_ONNX_SEED}), as it is stored in ONNX RandomUniformLike's float
   * `seed` attribute, which holds every integer exactly up to 2^24 only; absent: ORT picks one.
   */
  seed?: number;
}

/**
 * Largest seed the ONNX path keeps exactly: seeds are RandomUniformLike's float32 `seed`
 * attribute, exact for every integer up to 2^24 (16777217 would be stored as 16777216).
 */
export const MAX_ONNX_SEED = 2 ** 24;

/**
 * A seed for ONNX's float `seed` attribute (S1.4): an integer in [0, 2^24], else
 * SPARSEOUT_INVALID_SEED (a larger seed would be rounded, and two seeds would give one stream).
 */
export function onnxSeed(seed: unknown, name = 'seed'): number {
  const valid = validateSeed(seed, name);
  if (typeof valid === 'bigint' || valid > MAX_ONNX_SEED) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_SEED',
      `${name} must be an integer in [0, 2^24] on the ONNX path (RandomUniformLike stores seeds as float32), got ${String(seed)}${typeof seed === 'bigint' ? 'n' : ''}`,
    );
  }
  return valid;
}

/**
 * The options object of a graph tool (S1.4): undefined and null read as {} (so the missing q is
 * reported as SPARSEOUT_INVALID_Q), anything else that is not an object is SPARSEOUT_INVALID_INPUT.
 */
export function toolOptions<T extends object>(options: unknown, tool: string): Partial<T> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${tool} options must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}`,
    );
  }
  return options as Partial<T>;
}

/** Validates q, epsilon and seed with core (S1.4) and returns the node attributes. */
export function sparseoutAttributes(options: Partial<SparseoutNodeOptions>): OnnxAttribute[] {
  const attributes = [floatAttr('q', validateQ(options.q))];
  if (options.epsilon !== undefined) {
    attributes.push(epsilonAttr(validateEpsilon(options.epsilon)));
  }
  if (options.seed !== undefined) attributes.push(floatAttr('seed', onnxSeed(options.seed)));
  return attributes;
}
