import { describe, expect, it } from 'vitest';
import { decodeModel } from './codec.js';
import { MASKED_OVERLOAD, SPARSEOUT_DOMAIN } from './functions.js';
import { sparseoutGradOpModel, sparseoutOpModel } from './op-models.js';

/** (domain, name, overload) of every function a model carries, and of its one node. */
function calls(bytes: Uint8Array) {
  const model = decodeModel(bytes);
  const node = model.graph?.node?.[0];
  return {
    node: [node?.domain, node?.opType, node?.overload ?? ''],
    functions: (model.functions ?? []).map((f) => [f.domain, f.name, f.overload ?? '']),
  };
}

describe('single-op models', () => {
  // ORT-web 1.19 to 1.26 ignore a node's `overload` and take the function listed last under the
  // node's domain and name: with both overloads of Sparseout in one model, a sampled node got the
  // 4-input masked body and the model failed to load (versions.test.ts runs them on 1.20).
  it.each([
    ['sampled', sparseoutOpModel({ q: 1.5 }), 'Sparseout', ''],
    ['masked', sparseoutOpModel({ q: 1.5, explicitMask: true }), 'Sparseout', MASKED_OVERLOAD],
    ['float64 sampled', sparseoutOpModel({ q: 3, dtype: 'float64' }), 'Sparseout', ''],
    ['gradient', sparseoutGradOpModel({ q: 1.5, gradient: 'exact' }), 'SparseoutGrad', ''],
  ])('the %s model carries only the function its node calls', (_, bytes, op, overload) => {
    expect(calls(bytes)).toEqual({
      node: [SPARSEOUT_DOMAIN, op, overload],
      functions: [[SPARSEOUT_DOMAIN, op, overload]],
    });
  });
});
