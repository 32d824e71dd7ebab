import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sparseoutBackward } from './backward.js';
import { SparseoutError } from './errors.js';
import { sparseoutForward } from './forward.js';
import { bernoulliMask } from './mask.js';
import { activationStats, hoyerSparsity, lqNorm, MAX_HISTOGRAM_BINS } from './metrics.js';
import { philox4x32 } from './philox.js';
import { sparseout, sparseoutInto } from './sparseout.js';
import {
  glmExpectedLoss,
  glmPenalty,
  glmPenaltyMonteCarlo,
  MAX_MONTE_CARLO_SAMPLES,
  outputVariance,
} from './theory.js';

/** Expects a SparseoutError with `code` whose message contains `text`. */
function expectCode(call: () => unknown, code: string, text?: string) {
  expect(call).toThrowError(
    expect.objectContaining({
      name: 'SparseoutError',
      code,
      ...(text ? { message: expect.stringContaining(text) } : {}),
    }),
  );
}

describe('S1.4 bad input is a typed SparseoutError', () => {
  it("S1.4 sparseoutBackward refuses training: 'false' (and leaves out untouched), as sparseout does", () => {
    const x = new Float32Array([0.5, -1]);
    const mask = new Uint8Array([1, 0]);
    const out = new Float32Array([7, 7]);
    for (const training of ['false', 0, 1, null, {}]) {
      const params = { rate: 0.5, q: 1, training } as unknown as {
        rate: number;
        q: number;
        training: boolean;
      };
      expectCode(
        () => sparseoutBackward(new Float32Array([1, 1]), x, mask, params, out),
        'SPARSEOUT_INVALID_INPUT',
        'training',
      );
      expectCode(() => sparseout(x, { ...params, seed: 1 }), 'SPARSEOUT_INVALID_INPUT', 'training');
    }
    expect(Array.from(out)).toEqual([7, 7]);
    expect(
      sparseoutBackward(new Float32Array([1, 1]), x, mask, { rate: 0.5, q: 1, training: false }),
    ).toEqual(new Float32Array([1, 1]));
  });

  it('S1.4 bigint arrays, bigint and array scalars are refused with SPARSEOUT_INVALID_INPUT', () => {
    const params = { rate: 0.5, q: 1 };
    expectCode(
      () => lqNorm(new BigInt64Array(2) as unknown as number[], 1),
      'SPARSEOUT_INVALID_INPUT',
      'BigInt64Array',
    );
    expectCode(() => hoyerSparsity(new BigUint64Array(2) as unknown as number[]), 'SPARSEOUT_INVALID_INPUT');
    expectCode(() => lqNorm([1n, 2n] as unknown as number[], 1), 'SPARSEOUT_INVALID_INPUT');
    expectCode(
      () => glmPenalty(new BigInt64Array(2) as unknown as number[], [1, 1], params),
      'SPARSEOUT_INVALID_INPUT',
    );
    expectCode(() => glmPenalty([1, 1], ['1', 2] as unknown as number[], params), 'SPARSEOUT_INVALID_INPUT');
    expectCode(() => outputVariance(1n as unknown as number, params), 'SPARSEOUT_INVALID_INPUT', 'got 1n');
    expectCode(
      () => outputVariance([1, 2] as unknown as number, params),
      'SPARSEOUT_INVALID_INPUT',
      'Array(2)',
    );
    expectCode(
      () => glmExpectedLoss([1], [1], '1' as unknown as number, params),
      'SPARSEOUT_INVALID_INPUT',
      'target',
    );
  });

  it('S1.4 activationStats takes null options as omitted and refuses a non-object', () => {
    expect(activationStats([1, 2], null)).toEqual(activationStats([1, 2]));
    expectCode(() => activationStats([1, 2], 5 as unknown as object), 'SPARSEOUT_INVALID_INPUT', 'options');
  });

  it('S1.4 philox4x32 refuses anything but four and two 32-bit words', () => {
    expectCode(
      () => philox4x32(null as unknown as number[], null as unknown as number[]),
      'SPARSEOUT_INVALID_INPUT',
      'counter',
    );
    expectCode(
      () => philox4x32([0, 0, 0, 0], undefined as unknown as number[]),
      'SPARSEOUT_INVALID_INPUT',
      'key',
    );
    expectCode(() => philox4x32([0, 0, 0], [0, 0]), 'SPARSEOUT_SHAPE_MISMATCH', 'counter');
    expectCode(() => philox4x32([0, 0, 0, 2 ** 32], [0, 0]), 'SPARSEOUT_INVALID_INPUT', 'counter[3]');
    expectCode(() => philox4x32([0, 0, 0, 0], [-1, 0]), 'SPARSEOUT_INVALID_INPUT', 'key[0]');
    expectCode(() => philox4x32([0, 0, 0, 0], [0.5, 0]), 'SPARSEOUT_INVALID_INPUT', 'key[0]');
    expect(Array.from(philox4x32(new Uint32Array(4), [0, 0]))).toEqual([
      0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8,
    ]);
  });

  it('S1.4 sparseoutBackward: an x of another length is SPARSEOUT_SHAPE_MISMATCH whatever its float type', () => {
    // Same length, other float type is accepted; another length is a shape error either way.
    const mask = new Uint8Array(3).fill(1);
    const params = { rate: 0.5, q: 1 };
    expect(sparseoutBackward(new Float32Array(3), new Float64Array(3), mask, params)).toHaveLength(3);
    expectCode(
      () => sparseoutBackward(new Float32Array(3), new Float64Array(4), mask, params),
      'SPARSEOUT_SHAPE_MISMATCH',
      'x must have length 3',
    );
    expectCode(
      () => sparseoutBackward(new Float64Array(3), new Float32Array(2), mask, params),
      'SPARSEOUT_SHAPE_MISMATCH',
      'got 2',
    );
  });

  it('S1.4 bernoulliMask: an offset whose draw would pass 2^53 - 1 names offset + n, not the offset alone', () => {
    const offset = Number.MAX_SAFE_INTEGER - 10;
    expectCode(
      () => bernoulliMask(100, 0.5, { seed: 1, offset }),
      'SPARSEOUT_INVALID_INPUT',
      `offset + n must be at most 2^53 - 1, got offset ${offset} and n 100`,
    );
    expect(bernoulliMask(10, 0.5, { seed: 1, offset })).toHaveLength(10);
  });

  it('S1.4 a typed array of another realm (a vm context, an iframe) is refused with a message that says so', () => {
    const [x, mask] = runInNewContext('[new Float32Array([1, 2, 3]), new Uint8Array(3)]') as [
      Float32Array,
      Uint8Array,
    ];
    const here = new Float32Array(3);
    const realm = 'of another realm (a vm context or iframe): copy it into an array of this realm';
    expectCode(
      () => sparseout(x, { rate: 0.5, q: 1, seed: 1 }),
      'SPARSEOUT_INVALID_INPUT',
      `got Float32Array(3) ${realm}`,
    );
    expectCode(
      () => sparseoutForward(here, mask, { rate: 0.5, q: 1 }),
      'SPARSEOUT_INVALID_INPUT',
      `got Uint8Array(3) ${realm}`,
    );
  });

  it('S1.4 bernoulliMask(2^33) is refused with SPARSEOUT_INVALID_INPUT, not a RangeError', () => {
    expectCode(() => bernoulliMask(2 ** 33, 0.5, { seed: 1 }), 'SPARSEOUT_INVALID_INPUT', 'got 8589934592');
  });
});

describe('S1.4 unbounded work is refused', () => {
  it(`S7.2 activationStats refuses more than ${MAX_HISTOGRAM_BINS} bins, quickly`, () => {
    const started = performance.now();
    expectCode(() => activationStats([1, 2], { bins: 1e9 }), 'SPARSEOUT_INVALID_INPUT', 'bins');
    expectCode(
      () => activationStats([1, 2], { bins: MAX_HISTOGRAM_BINS + 1 }),
      'SPARSEOUT_INVALID_INPUT',
      'bins',
    );
    expect(activationStats([1, 2], { bins: MAX_HISTOGRAM_BINS }).histogram.counts).toHaveLength(
      MAX_HISTOGRAM_BINS,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it(`S6 glmPenaltyMonteCarlo refuses more than ${MAX_MONTE_CARLO_SAMPLES} samples or 2^30 element draws`, () => {
    const options = { rate: 0.5, q: 1, seed: 1 };
    expectCode(
      () => glmPenaltyMonteCarlo([1, 2], [1, 1], { ...options, samples: Number.MAX_SAFE_INTEGER }),
      'SPARSEOUT_INVALID_INPUT',
      'samples',
    );
    expectCode(
      () => glmPenaltyMonteCarlo([1, 2], [1, 1], { ...options, samples: MAX_MONTE_CARLO_SAMPLES + 1 }),
      'SPARSEOUT_INVALID_INPUT',
      'samples',
    );
    const features = new Float64Array(2 ** 10).fill(1);
    expectCode(
      () => glmPenaltyMonteCarlo(features, features, { ...options, samples: 2 ** 20 + 1 }),
      'SPARSEOUT_INVALID_INPUT',
      'features',
    );
  });
});

describe('S1.4 out and maskOut must not partly overlap the input', () => {
  const params = { rate: 0.5, q: 1.5 };

  it('S1.4 sparseoutForward: out shifted inside x is refused, exact aliasing stays allowed', () => {
    const buffer = new Float32Array([1, -2, 3, -4, 5, -6, 7, -8]);
    const x = buffer.subarray(0, 6);
    const before = Array.from(buffer);
    const mask = new Uint8Array([1, 0, 1, 0, 1, 0]);
    expectCode(
      () => sparseoutForward(x, mask, params, buffer.subarray(1, 7)),
      'SPARSEOUT_INVALID_INPUT',
      'out',
    );
    expectCode(
      () => sparseoutForward(x, mask, params, buffer.subarray(2, 8)),
      'SPARSEOUT_INVALID_INPUT',
      'out',
    );
    expect(Array.from(buffer)).toEqual(before);
    const expected = sparseoutForward(x.slice(), mask, params);
    expect(sparseoutForward(x, mask, params, x)).toEqual(expected);
    // The same bytes seen through another view object are the same array.
    const again = Float32Array.from(before).subarray(0, 6);
    expect(sparseoutForward(again, mask, params, new Float32Array(again.buffer, 0, 6))).toEqual(expected);
  });

  it('S1.4 sparseoutForward: an out over the mask bytes is refused', () => {
    const bytes = new ArrayBuffer(64);
    const x = new Float32Array([1, 2, 3, 4]);
    const out = new Float32Array(bytes, 0, 4);
    const mask = new Uint8Array(bytes, 8, 4).fill(1);
    expectCode(() => sparseoutForward(x, mask, params, out), 'SPARSEOUT_INVALID_INPUT', 'mask');
  });

  it('S1.4 sparseoutBackward: out partly over dy or x is refused, out = dy or out = x allowed', () => {
    const buffer = new Float64Array(10).fill(1);
    const dy = buffer.subarray(0, 4);
    const x = buffer.subarray(5, 9);
    const mask = new Uint8Array([1, 0, 1, 1]);
    expectCode(
      () => sparseoutBackward(dy, x, mask, params, buffer.subarray(1, 5)),
      'SPARSEOUT_INVALID_INPUT',
      'dy',
    );
    expectCode(
      () => sparseoutBackward(dy, x, mask, params, buffer.subarray(4, 8)),
      'SPARSEOUT_INVALID_INPUT',
      'x',
    );
    const expected = sparseoutBackward(dy.slice(), x.slice(), mask, params);
    expect(sparseoutBackward(dy, x, mask, params, dy)).toEqual(expected);
  });

  it('S1.4 sparseout and sparseoutInto: maskOut inside x or out, and out shifted in x, are refused', () => {
    const buffer = new Float32Array(12).fill(0.5);
    const x = buffer.subarray(0, 8);
    const before = Array.from(buffer);
    const maskInX = new Uint8Array(buffer.buffer, 4, 8);
    const options = { ...params, seed: 5, step: 1 };
    expectCode(() => sparseout(x, { ...options, maskOut: maskInX }), 'SPARSEOUT_INVALID_INPUT', 'maskOut');
    expectCode(
      () => sparseoutInto(x, { ...options, maskOut: maskInX }, new Float32Array(8)),
      'SPARSEOUT_INVALID_INPUT',
      'maskOut',
    );
    expectCode(
      () => sparseoutInto(x, { ...options, maskOut: new Uint8Array(8) }, buffer.subarray(4, 12)),
      'SPARSEOUT_INVALID_INPUT',
      'out',
    );
    expect(Array.from(buffer)).toEqual(before);
    // maskOut in x's buffer but outside x's bytes is fine.
    const maskAfterX = new Uint8Array(buffer.buffer, 32, 8);
    const { y } = sparseout(x, { ...options, maskOut: maskAfterX });
    expect(y).toEqual(sparseout(x.slice(), options).y);
    const inPlace = x.slice();
    sparseoutInto(inPlace, { ...options, maskOut: new Uint8Array(8) }, inPlace);
    expect(inPlace).toEqual(y);
  });

  it('S1.4 property: any partial overlap of out with x is refused and writes nothing; alias or disjoint gives the plain result', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 24 }),
        (n, xStart, outStart) => {
          const buffer = new Float32Array(64);
          for (let i = 0; i < 64; i++) buffer[i] = ((i * 7) % 13) - 6 + 0.25;
          const before = buffer.slice();
          const x = buffer.subarray(xStart, xStart + n);
          const out = buffer.subarray(outStart, outStart + n);
          const mask = new Uint8Array(n).map((_, i) => i % 2);
          const expected = sparseoutForward(x.slice(), mask, params);
          const overlaps = xStart !== outStart && Math.abs(xStart - outStart) < n;
          if (overlaps) {
            expectCode(() => sparseoutForward(x, mask, params, out), 'SPARSEOUT_INVALID_INPUT');
            expect(buffer).toEqual(before);
          } else {
            expect(sparseoutForward(x, mask, params, out)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300, seed: 14 },
    );
  });
});

describe('S4 seeds: null is absent, strings are refused (amendment A2)', () => {
  const x = new Float32Array([0.5, -1, 2, 0.25]);

  it('S4.2 seed: null draws a fresh seed, step: null is step 0, offset: null is offset 0', () => {
    const { mask } = sparseout(x, { rate: 0.5, q: 1, seed: 7, step: null });
    expect(mask).toEqual(sparseout(x, { rate: 0.5, q: 1, seed: 7 }).mask);
    expect(sparseout(x, { rate: 0.5, q: 1, seed: null }).y).toHaveLength(4);
    expect(bernoulliMask(9, 0.5, { seed: 3, step: null, offset: null })).toEqual(
      bernoulliMask(9, 0.5, { seed: 3 }),
    );
  });

  it("S4.2 seed '42', step '1' and offset '0' are refused with their codes", () => {
    const asSeed = (v: unknown) => v as number;
    expectCode(() => sparseout(x, { rate: 0.5, q: 1, seed: asSeed('42') }), 'SPARSEOUT_INVALID_SEED', 'seed');
    expectCode(
      () => sparseout(x, { rate: 0.5, q: 1, seed: 1, step: asSeed('1') }),
      'SPARSEOUT_INVALID_SEED',
      'step',
    );
    expectCode(() => bernoulliMask(4, 0.5, { seed: asSeed('42') }), 'SPARSEOUT_INVALID_SEED', 'seed');
    expectCode(
      () => bernoulliMask(4, 0.5, { seed: 1, offset: asSeed('0') }),
      'SPARSEOUT_INVALID_INPUT',
      'offset',
    );
    expectCode(() => bernoulliMask(4, 0.5, { seed: asSeed(null) }), 'SPARSEOUT_INVALID_SEED', 'seed');
  });
});

describe('S1.4 fuzz: the public functions throw nothing but SparseoutError', () => {
  const value = fc.oneof(
    fc.anything(),
    fc.constantFrom(Number.NaN, -0, 2 ** 33, 2 ** 53 - 1, -1, 1e-310, 1e9, 'false', '42', 1n, null),
    fc.float32Array({ maxLength: 8 }),
    fc.float64Array({ maxLength: 8 }),
    fc.uint8Array({ maxLength: 8 }),
    fc.constant(new BigInt64Array(2)),
  );
  const params = fc.record(
    {
      rate: value,
      q: value,
      epsilon: value,
      training: value,
      seed: value,
      step: value,
      gradient: value,
      bins: value,
      samples: value,
      offset: value,
    },
    { requiredKeys: [] },
  );
  const calls: Array<[string, (a: unknown, b: unknown, c: unknown, d: unknown) => unknown]> = [
    [
      'sparseoutForward',
      (a, b, c, d) => sparseoutForward(a as Float32Array, b as Uint8Array, c as never, d as never),
    ],
    [
      'sparseoutBackward',
      (a, b, c, d) => sparseoutBackward(a as Float32Array, b as Float32Array, c as Uint8Array, d as never),
    ],
    ['sparseout', (a, b, c) => sparseout(a as Float32Array, b as never, c as never)],
    [
      'bernoulliMask',
      (a, b, c, d) =>
        bernoulliMask(Math.min(Number(a) || 0, 64) as number, b as number, c as never, d as never),
    ],
    ['philox4x32', (a, b) => philox4x32(a as number[], b as number[])],
    ['lqNorm', (a, b) => lqNorm(a as number[], b as number)],
    ['hoyerSparsity', (a) => hoyerSparsity(a as number[])],
    ['activationStats', (a, b) => activationStats(a as number[], b as never)],
    ['outputVariance', (a, b) => outputVariance(a as number, b as never)],
    ['glmPenalty', (a, b, c) => glmPenalty(a as number[], b as number[], c as never)],
    [
      'glmExpectedLoss',
      (a, b, c, d) => glmExpectedLoss(a as number[], b as number[], c as number, d as never),
    ],
    ['glmPenaltyMonteCarlo', (a, b, c) => glmPenaltyMonteCarlo(a as number[], b as number[], c as never)],
  ];

  for (const [name, call] of calls) {
    it(`S1.4 ${name}: 400 fuzzed calls return or throw a SparseoutError`, () => {
      fc.assert(
        fc.property(
          value,
          fc.oneof(value, params),
          fc.oneof(value, params),
          fc.oneof(value, params),
          (a, b, c, d) => {
            try {
              call(a, b, c, d);
            } catch (error) {
              if (!(error instanceof SparseoutError)) throw error;
            }
          },
        ),
        { numRuns: 400, seed: 14 },
      );
    });
  }
});
