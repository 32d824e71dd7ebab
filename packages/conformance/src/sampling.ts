import type { DType, ForwardRequest } from './adapter.js';
import { callForward, nextStep, SUITE_SEED } from './calls.js';
import { type CheckContext, ensure } from './check.js';
import { ensureShapeAndType } from './compare.js';
import { outcomes } from './reference.js';
import { constant, fmt } from './tensors.js';
import { agrees } from './tolerance.js';

/** S5.4: every statistical check keeps its false-failure probability at or below this. */
export const FALSE_FAILURE_RATE = 1e-6;

/** Elements per sampling call: one forward over 2^18 copies of one x gives 2^18 i.i.d. draws (S4.1). */
export const SAMPLE_SHAPE = [512, 512];
export const SAMPLE_SIZE = 512 * 512;

/**
 * Hoeffding's inequality: the mean of N independent values in an interval of width R deviates from
 * its expectation by t or more with probability at most 2 exp(-2 N t^2 / R^2). Solving for
 * probability delta gives t = R * sqrt(ln(2 / delta) / (2 N)).
 */
export function hoeffdingBound(n: number, width: number, delta: number): number {
  return width * Math.sqrt(Math.log(2 / delta) / (2 * n));
}

/** One forward call of the adapter's own sampler over a constant input. */
export interface ConstantSample {
  y: Float32Array | Float64Array;
  /** S2 values of a kept and of a dropped element, from core. */
  kept: number;
  dropped: number;
  /** The mask the adapter reported, if any. */
  reported?: Uint8Array;
}

/**
 * Draws SAMPLE_SIZE Sparseout outputs of `value` from the adapter's own sampler (no explicit mask;
 * a fresh seed step per call when the adapter is seeded).
 */
export async function sampleConstant(
  context: CheckContext,
  value: number,
  params: { rate: number; q: number },
  shape: number[] = SAMPLE_SHAPE,
  dtype: DType = 'float32',
): Promise<ConstantSample> {
  const x = constant(value, shape, dtype);
  const request: ForwardRequest = { x, ...params };
  if (context.supports.seededMask) {
    request.seed = SUITE_SEED;
    request.step = nextStep();
  }
  const result = await callForward(context, request);
  ensureShapeAndType(result?.y, shape, dtype, 'y');
  const stored = dtype === 'float32' ? Math.fround(value) : value;
  const { kept, dropped } = outcomes([stored], params);
  // Copies: an adapter may reuse its output and mask buffers in the next call (S4.1 compares calls).
  const reported =
    result.mask instanceof Uint8Array && result.mask.length === x.data.length
      ? result.mask.slice()
      : undefined;
  return { y: result.y.data.slice(), kept: kept[0], dropped: dropped[0], reported };
}

/**
 * The keep-mask of a sample: the reported one, or recovered from y (each element must then be the
 * kept or the dropped value).
 */
export function sampleMask(sample: ConstantSample, x: number): Uint8Array {
  if (sample.reported) return sample.reported;
  const { y, kept, dropped } = sample;
  const mask = new Uint8Array(y.length);
  const dtype: DType = y instanceof Float32Array ? 'float32' : 'float64';
  for (let i = 0; i < y.length; i++) {
    const isKept = agrees(y[i], kept, dtype, x);
    if (!isKept && !agrees(y[i], dropped, dtype, x)) {
      ensure(
        false,
        `element ${i}: the kept value ${fmt(kept)} or the dropped value ${fmt(dropped)}`,
        fmt(y[i]),
      );
    }
    mask[i] = isKept ? 1 : 0;
  }
  return mask;
}

/** Mean and (1/N) variance of a sample, in float64. */
export function moments(y: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += y[i];
  const mean = sum / y.length;
  let squares = 0;
  for (let i = 0; i < y.length; i++) squares += (y[i] - mean) ** 2;
  return { mean, variance: squares / y.length };
}
