import { SparseoutError } from '@sparseout/core';
import * as brainNamespace from 'brain.js';

/** The brain.js module as its 2.x typings describe it. */
export type BrainModule = typeof brainNamespace;

/**
 * The installed brain.js, whichever version: 2.0.0-beta marks its CommonJS build `__esModule` and
 * names every export (so Node's ESM loader and esbuild's CJS interop both see them), while 1.6.x
 * assigns one object to `module.exports`, which only the `default` import reaches. One accessor for
 * both, so no module of this package imports a named binding from 'brain.js'.
 */
export const brain: BrainModule = pickModule(brainNamespace as BrainModule & { default?: BrainModule });

function pickModule(namespace: BrainModule & { default?: BrainModule }): BrainModule {
  const fallback = namespace.default;
  if (typeof namespace.NeuralNetwork === 'function') return namespace;
  if (fallback && typeof fallback.NeuralNetwork === 'function') return fallback;
  throw new Error(
    'brain.js did not load: neither its named exports nor its default export hold NeuralNetwork',
  );
}

/**
 * The major version of the installed brain.js, told by its API: 2.0.0-beta has the layered API
 * (`brain.layer`, `brain.FeedForward`), 1.6.x does not.
 */
export const brainMajor: 1 | 2 = typeof (brain as Partial<BrainModule>).FeedForward === 'function' ? 2 : 1;

/** The error for a layered-API call on brain.js 1.x, which has no layers (S1.4: SPARSEOUT_INVALID_INPUT). */
export function layeredApiError(what: string): SparseoutError {
  return new SparseoutError(
    'SPARSEOUT_INVALID_INPUT',
    `${what} needs brain.js 2.0.0-beta (the layered API: brain.layer, FeedForward); the installed brain.js is 1.x, which has none`,
  );
}

/**
 * A base class for the layered API's classes when brain.js 1.x is installed: constructing it, or
 * calling its static `fromJSON`, throws `layeredApiError`, so importing this package never fails and
 * using a 2.x-only class fails with a typed error naming the version.
 */
export function layeredApiUnavailable<T>(what: string): T {
  class Unavailable {
    constructor() {
      throw layeredApiError(what);
    }
    static fromJSON(): never {
      throw layeredApiError(what);
    }
  }
  return Unavailable as unknown as T;
}
