import { bernoulliMask } from '@sparseout/core';
import type { ForwardRequest, ForwardResult, SeedValue, TensorData } from './adapter.js';
import type { CheckContext } from './check.js';
import { ensureShapeAndType, inferMask } from './compare.js';
import { type CallParams, outcomes } from './reference.js';
import { dtypeOf } from './tensors.js';

/** The seed the suite uses when it needs one; checks vary the step. */
export const SUITE_SEED = 0x5eed;

let stepCounter = 0;

/** A fresh step for each seeded call, so seeded adapters draw different masks call after call. */
export function nextStep(): number {
  stepCounter++;
  return stepCounter;
}

/** Calls forward, turning a synchronous throw into a rejection. */
export async function callForward(context: CheckContext, request: ForwardRequest): Promise<ForwardResult> {
  return await Promise.resolve().then(() => context.adapter.forward(request));
}

/** A forward call whose mask the suite knows: the mask used and the output. */
export interface MaskedForward {
  y: TensorData;
  mask: Uint8Array;
  /** How the suite knows the mask. */
  maskSource: 'explicit' | 'seeded' | 'reported' | 'inferred';
}

/**
 * Runs forward with `mask` when the adapter takes explicit masks. Otherwise lets the adapter draw
 * (seeded when it supports S4.2, so the mask is core's) and recovers the mask: the seeded stream,
 * the reported mask, or, failing both, from y (each element must then be its kept or its dropped
 * value). Checks the output's shape and type (S2.8).
 */
export async function forwardWithMask(
  context: CheckContext,
  x: TensorData,
  params: CallParams,
  mask: Uint8Array,
): Promise<MaskedForward> {
  const dtype = dtypeOf(x) as 'float32' | 'float64';
  if (context.supports.explicitMask) {
    const result = await callForward(context, { x, ...params, mask: mask.slice() });
    ensureShapeAndType(result?.y, x.shape, dtype, 'y');
    return { y: result.y, mask, maskSource: 'explicit' };
  }
  const request: ForwardRequest = { x, ...params };
  let seeded: Uint8Array | undefined;
  if (context.supports.seededMask) {
    const step: SeedValue = nextStep();
    request.seed = SUITE_SEED;
    request.step = step;
    seeded = bernoulliMask(x.data.length, params.rate, { seed: SUITE_SEED, step });
  }
  const result = await callForward(context, request);
  ensureShapeAndType(result?.y, x.shape, dtype, 'y');
  if (result.mask instanceof Uint8Array && result.mask.length === x.data.length) {
    // A copy: an adapter may reuse its mask buffer in the next call.
    return { y: result.y, mask: result.mask.slice(), maskSource: 'reported' };
  }
  if (seeded !== undefined) return { y: result.y, mask: seeded, maskSource: 'seeded' };
  const { kept, dropped } = outcomes(x.data, params);
  const inferred = inferMask(result.y.data, kept, dropped, dtype, x.data, 'y without a known mask');
  return { y: result.y, mask: inferred, maskSource: 'inferred' };
}

/** Words for the report: how the mask was known. */
export function maskNote(source: MaskedForward['maskSource']): string {
  switch (source) {
    case 'explicit':
      return 'explicit masks';
    case 'seeded':
      return "seeded masks (core's Philox stream)";
    case 'reported':
      return 'masks reported by the adapter';
    default:
      return 'masks inferred from y (no explicit mask)';
  }
}
