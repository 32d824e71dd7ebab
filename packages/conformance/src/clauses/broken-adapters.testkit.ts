/**
 * Deliberately broken adapters, each wrong in one way, built on the correct core adapter. The
 * suite's own tests assert that each fails on the clause it breaks: the suite has teeth.
 */
import { bernoulliMask, keepThreshold, sparseout, sparseoutForward } from '@sparseout/core';
import type { ForwardRequest, SparseoutAdapter } from '../adapter.js';
import { coreAdapter } from '../core-adapter.js';

function variant(name: string, overrides: Partial<SparseoutAdapter>): SparseoutAdapter {
  return { ...coreAdapter, name, ...overrides };
}

/** Draws a mask the way the core adapter does: explicit, or seeded (random seed when none). */
function maskFor(request: ForwardRequest): Uint8Array {
  if (request.mask) return request.mask;
  return sparseout(new Float64Array(request.x.data.length), {
    rate: request.rate,
    q: 2,
    seed: request.seed,
    step: request.step,
  }).mask;
}

/** Plain inverted Dropout: q is ignored (always 2). */
export const ignoresQ = variant('broken: ignores q', {
  async forward(request) {
    return coreAdapter.forward({ ...request, q: 2 });
  },
  async backward(request) {
    return coreAdapter.backward!({ ...request, q: 2 });
  },
});

/** n = m - 1: kept units are not scaled by 1 / (1 - rate). */
export const noScaling = variant('broken: no 1/(1 - rate) scaling', {
  async forward(request) {
    const { x, rate, q, epsilon } = request;
    if (request.training === false || rate === 0) return coreAdapter.forward(request);
    const mask = maskFor(request);
    // rate r' with 1 / (1 - r') = 1 makes n = 0 for kept units; dropped units keep n = -1.
    const kept = sparseoutForward(x.data, new Uint8Array(mask.length).fill(1), { rate: 0, q, epsilon });
    const dropped = sparseoutForward(x.data, new Uint8Array(mask.length), { rate: rate, q, epsilon });
    const y = kept.slice();
    for (let i = 0; i < y.length; i++) if (!mask[i]) y[i] = dropped[i];
    return { y: { data: y, shape: [...x.shape] }, mask };
  },
});

/** y computed from |x|: negative inputs lose their sign. */
export const losesSign = variant('broken: loses the sign of negative inputs', {
  async forward(request) {
    const result = await coreAdapter.forward(request);
    const y = result.y.data.map((v, i) => (request.x.data[i] < 0 ? Math.abs(v) : v));
    return { ...result, y: { data: y, shape: result.y.shape } };
  },
});

/** Returns the exact gradient when the reference one is asked for. */
export const exactForReference = variant('broken: exact gradient for reference', {
  async backward(request) {
    return coreAdapter.backward!({ ...request, gradient: 'exact' });
  },
});

/** A sampler that drops 45% of units at rate 0.5 (threshold off by 5 points); no seeded masks. */
export const drops45 = variant('broken: drops 45% at rate 0.5', {
  supports: { ...coreAdapter.supports, seededMask: false },
  async forward(request) {
    if (request.mask || request.training === false) return coreAdapter.forward(request);
    const effective = request.rate === 0.5 ? 0.45 : request.rate;
    const mask = bernoulliMask(request.x.data.length, effective, {
      seed: Math.floor(Math.random() * 2 ** 52),
    });
    return coreAdapter.forward({ ...request, mask });
  },
});

/** Seeded masks from a different stream than core's (seed + 1). */
export const wrongSeededMasks = variant("broken: seeded masks differ from core's", {
  async forward(request) {
    if (request.seed === undefined || request.mask) return coreAdapter.forward(request);
    const seed = typeof request.seed === 'bigint' ? request.seed ^ 1n : request.seed + 1;
    return coreAdapter.forward({ ...request, seed });
  },
});

/** NaN for zero inputs when q < 2 (computes x * g with g = 1 / 0-ish via 0 * Infinity). */
export const nanAtZero = variant('broken: NaN for zero inputs when q < 2', {
  async forward(request) {
    const result = await coreAdapter.forward(request);
    if (request.q >= 2 || request.rate === 0 || request.training === false) return result;
    const y = result.y.data.map((v, i) => (request.x.data[i] === 0 ? Number.NaN : v));
    return { ...result, y: { data: y, shape: result.y.shape } };
  },
});

/** Writes the output into its input (in place). */
export const mutatesInput = variant('broken: mutates its input', {
  async forward(request) {
    const result = await coreAdapter.forward(request);
    request.x.data.set(result.y.data);
    return { ...result, y: { data: request.x.data, shape: result.y.shape } };
  },
});

/** Rejects bad parameters with a plain Error (the right message, no S1.4 `code`). */
export const plainErrors = variant('broken: plain Error without a code', {
  async forward(request) {
    try {
      return await coreAdapter.forward(request);
    } catch (error) {
      throw new Error((error as Error).message);
    }
  },
});

/**
 * Keeps a unit iff its Philox word is strictly greater than floor(r * 2^32) (S4.2 says >=): the
 * seeded masks differ from core's only where a word equals the threshold, one draw in 2^32.
 */
export const strictThreshold = variant('broken: keeps iff word > threshold', {
  async forward(request) {
    const { seed, mask: given, training, rate, noiseShape } = request;
    if (seed === undefined || given || noiseShape || training === false || rate === 0) {
      return coreAdapter.forward(request);
    }
    // The threshold t + 1 keeps exactly the words > t; (t + 1) / 2^32 is exact in float64.
    const threshold = keepThreshold(request.rate);
    const mask = bernoulliMask(request.x.data.length, (threshold + 1) / 2 ** 32, {
      seed,
      step: request.step ?? 0,
    });
    return coreAdapter.forward({ ...request, mask });
  },
});

/** Uses only the low 32-bit word of the step (counter word 3 always 0). */
export const stepLowWordOnly = variant('broken: ignores the high word of the step', {
  async forward(request) {
    if (request.step === undefined || request.mask) return coreAdapter.forward(request);
    const step = typeof request.step === 'bigint' ? request.step & 0xffffffffn : request.step % 2 ** 32;
    return coreAdapter.forward({ ...request, step });
  },
});

/** A kernel that works in groups of four and leaves the last n mod 4 elements as they came (q != 2). */
export const skipsTail = variant('broken: leaves the last n mod 4 elements alone', {
  async forward(request) {
    const result = await coreAdapter.forward(request);
    if (request.q === 2) return result;
    const y = result.y.data.slice();
    const x = request.x.data;
    for (let i = x.length - (x.length % 4); i < x.length; i++) y[i] = x[i];
    return { ...result, y: { data: y, shape: result.y.shape } };
  },
  async backward(request) {
    const result = await coreAdapter.backward!(request);
    if (request.q === 2) return result;
    const dx = result.dx.data.slice();
    const dy = request.dy.data;
    for (let i = dy.length - (dy.length % 4); i < dy.length; i++) dx[i] = dy[i];
    return { dx: { data: dx, shape: result.dx.shape } };
  },
});

/** Takes the Dropout fast path for any q within 1e-3 of 2. */
export const nearTwoIsDropout = variant('broken: q within 1e-3 of 2 runs as Dropout', {
  async forward(request) {
    return coreAdapter.forward(Math.abs(request.q - 2) < 1e-3 ? { ...request, q: 2 } : request);
  },
  async backward(request) {
    return coreAdapter.backward!(Math.abs(request.q - 2) < 1e-3 ? { ...request, q: 2 } : request);
  },
});

/** Whether a rate-0 call with this mask drops anything (the mutant below only acts then). */
const dropsAtRateZero = (rate: number, training: boolean | undefined, mask: Uint8Array | undefined) =>
  rate === 0 && training !== false && mask?.includes(0) === true;

/** Applies an explicit mask with dropped bits at rate 0 (n = m - 1: dropped units get x (1 - g)). */
export const masksAtRateZero = variant('broken: applies the mask at rate 0', {
  async forward(request) {
    if (!dropsAtRateZero(request.rate, request.training, request.mask)) return coreAdapter.forward(request);
    // The smallest positive rate: n = 5e-324 (kept, so y = x) and -1 (dropped).
    return coreAdapter.forward({ ...request, rate: Number.MIN_VALUE });
  },
  async backward(request) {
    if (!dropsAtRateZero(request.rate, request.training, request.mask)) return coreAdapter.backward!(request);
    return coreAdapter.backward!({ ...request, rate: Number.MIN_VALUE });
  },
});

/** Accepts any epsilon > 0, silently raising one below 1e-20 to 1e-20 (S1.3 amendment A1). */
export const acceptsTinyEpsilon = variant('broken: accepts epsilon below 1e-20', {
  async forward(request) {
    const { epsilon } = request;
    const raised = epsilon !== undefined && epsilon > 0 && epsilon < 1e-20 ? 1e-20 : epsilon;
    return coreAdapter.forward({ ...request, epsilon: raised });
  },
});

/** Never uses an epsilon below 1e-12 (a floor meant to keep the gain finite). */
export const floorsEpsilon = variant('broken: epsilon floored at 1e-12', {
  async forward(request) {
    const { epsilon } = request;
    return coreAdapter.forward(
      epsilon !== undefined && epsilon >= 1e-20 ? { ...request, epsilon: Math.max(epsilon, 1e-12) } : request,
    );
  },
  async backward(request) {
    const { epsilon } = request;
    return coreAdapter.backward!(
      epsilon !== undefined && epsilon >= 1e-20 ? { ...request, epsilon: Math.max(epsilon, 1e-12) } : request,
    );
  },
});

/** Applies an explicit mask in inference too (training is honoured only without a mask). */
export const masksInInference = variant('broken: applies an explicit mask in inference', {
  async forward(request) {
    if (request.training !== false || request.mask === undefined) return coreAdapter.forward(request);
    return coreAdapter.forward({ ...request, training: true });
  },
});
