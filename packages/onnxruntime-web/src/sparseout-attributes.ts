import { validateEpsilon, validateQ, validateSeed } from '@sparseout/core';
import { epsilonAttr, floatAttr } from './onnx-builders.js';
import type { OnnxAttribute } from './onnx-types.js';

/** The attributes a graph tool puts on a Sparseout node. */
export interface SparseoutNodeOptions {
  /** S1.2: the norm exponent, >= 0 (2 is Dropout). */
  q: number;
  /** S1.3: default 1e-12. */
  epsilon?: number;
  /**
   * Seed of ORT's sampler for this node (an integer, stored as a float attribute like ONNX
   * RandomUniformLike's, so exact up to 2^24); absent: ORT picks one.
   */
  seed?: number;
}

/** Validates q, epsilon and seed with core (S1.4) and returns the node attributes. */
export function sparseoutAttributes(options: SparseoutNodeOptions): OnnxAttribute[] {
  const attributes = [floatAttr('q', validateQ(options.q))];
  if (options.epsilon !== undefined) {
    attributes.push(epsilonAttr(validateEpsilon(options.epsilon)));
  }
  if (options.seed !== undefined) attributes.push(floatAttr('seed', Number(validateSeed(options.seed))));
  return attributes;
}
