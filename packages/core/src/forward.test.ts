import fc from 'fast-check';
import '@sparseout/testkit/matchers';
import { describe, expect, it } from 'vitest';
import { sparseoutForward } from './forward.js';
import { referenceForward, sampleActivations, sampleMask, termScale } from './reference.testkit.js';

const RATES = [0.1, 0.5, 0.9];
// The fast paths (0, 1, 2, 3, 4) and general exponents between and beyond them.
const QS = [0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5.5];

describe('S2 forward against the specification text', () => {
  for (const q of QS) {
    it(`S2.1-S2.3 float64 equals the float64 formula, q = ${q}`, () => {
      const x = sampleActivations(2000, 1 + q * 10);
      for (const rate of RATES) {
        const mask = sampleMask(x.length, rate, 7);
        const y = sparseoutForward(x, mask, { rate, q });
        const expected = Array.from(x, (v, i) => referenceForward(v, mask[i] === 1, rate, q));
        const abs = Array.from(x, (v, i) => termScale(v, mask[i] === 1, rate, q) * 1e-14);
        expect(y, `rate ${rate}`).toAgree(expected, { rel: 1e-12, abs, combine: 'max' });
      }
    });

    it(`S2.8 float32 within relative 1e-5 (absolute 1e-6) of float64, q = ${q}`, () => {
      const x = Float32Array.from(sampleActivations(2000, 2 + q * 10));
      for (const rate of RATES) {
        const mask = sampleMask(x.length, rate, 8);
        const y = sparseoutForward(x, mask, { rate, q });
        expect(y).toBeInstanceOf(Float32Array);
        const expected = Array.from(x, (v, i) => referenceForward(v, mask[i] === 1, rate, q));
        expect(y, `rate ${rate}`).toAgree(expected, { rel: 1e-5, abs: 1e-6, combine: 'max' });
      }
    });
  }

  it('S2.1 a kept unit gets n = r/(1-r), a dropped one n = -1', () => {
    // With q = 4 and epsilon tiny (the smallest allowed), g = |x| + e, so y = x (1 + n |x|) exposes n.
    const x = new Float64Array([2, 2]);
    const y = sparseoutForward(x, new Uint8Array([1, 0]), { rate: 0.25, q: 4, epsilon: 1e-20 });
    expect(y[0]).toBeCloseTo(2 * (1 + (0.25 / 0.75) * 2), 14);
    expect(y[1]).toBeCloseTo(2 * (1 - 2), 14);
  });

  it('S2.2 epsilon enters the gain: q = 0 with epsilon 1 halves the noise at |x| = 1', () => {
    const y = sparseoutForward(new Float64Array([1]), new Uint8Array([0]), { rate: 0.5, q: 0, epsilon: 1 });
    expect(y[0]).toBeCloseTo(1 * (1 - 1 / 2), 14);
  });

  it('S2.4 rate 0 is the identity', () => {
    const x = Float32Array.from(sampleActivations(500, 3));
    const y = sparseoutForward(x, sampleMask(500, 0.5, 1), { rate: 0, q: 1 });
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
  });

  it('S2.4 training: false is the identity whatever the mask, as sparseoutBackward gives dx = dy', () => {
    const x = Float32Array.from(sampleActivations(500, 4));
    const mask = sampleMask(500, 0.5, 2);
    for (const q of [1, 1.5, 2]) {
      expect(sparseoutForward(x, mask, { rate: 0.5, q, training: false })).toEqual(x);
      expect(sparseoutForward(x, mask, { rate: 0.5, q, training: true })).toEqual(
        sparseoutForward(x, mask, { rate: 0.5, q }),
      );
    }
    const out = new Float32Array(500).fill(7);
    expect(() =>
      sparseoutForward(x, mask, { rate: 0.5, q: 1, training: 'false' as never }, out),
    ).toThrowError(
      expect.objectContaining({
        code: 'SPARSEOUT_INVALID_INPUT',
        message: 'training must be a boolean, got "false"',
      }),
    );
    expect(out.every((v) => v === 7)).toBe(true);
  });

  it('S2.5 q = 2 is inverted Dropout: y = x * m / (1 - r)', () => {
    const x = Float32Array.from(sampleActivations(1000, 4));
    for (const rate of RATES) {
      const mask = sampleMask(x.length, rate, 5);
      const y = sparseoutForward(x, mask, { rate, q: 2 });
      expect(y, `rate ${rate}`).toAgree(
        Array.from(x, (v, i) => (v * mask[i]) / (1 - rate)),
        { rel: 1e-7 },
      );
    }
  });

  it('S2.6 zero input gives zero for every q, rate and mask bit', () => {
    for (const q of [...QS, 0.01, 1.99]) {
      for (const rate of [0, ...RATES, 0.999]) {
        for (const Type of [Float32Array, Float64Array]) {
          const y = sparseoutForward(new Type([0, -0, 0, -0]), new Uint8Array([0, 0, 1, 1]), { rate, q });
          for (const v of y) expect(v === 0).toBe(true);
        }
      }
    }
  });

  it('S2.7 a NaN input gives NaN at its index and changes no other index', () => {
    const x = Float32Array.from(sampleActivations(64, 6));
    const mask = sampleMask(64, 0.5, 6);
    const clean = sparseoutForward(x, mask, { rate: 0.5, q: 1.5 });
    for (const at of [0, 5, 63]) {
      const poisoned = x.slice();
      poisoned[at] = Number.NaN;
      for (const q of [1.5, 2]) {
        const reference = q === 2 ? sparseoutForward(x, mask, { rate: 0.5, q }) : clean;
        const y = sparseoutForward(poisoned, mask, { rate: 0.5, q });
        for (let i = 0; i < y.length; i++) {
          if (i === at) expect(Number.isNaN(y[i])).toBe(true);
          else expect(y[i]).toBe(reference[i]);
        }
      }
    }
  });

  it('S2.8 float64 in gives float64 out, and `out` is written and returned', () => {
    const x = sampleActivations(100, 9);
    const out = new Float64Array(100);
    const y = sparseoutForward(x, sampleMask(100, 0.5, 9), { rate: 0.5, q: 3 }, out);
    expect(y).toBe(out);
    expect(y).toBeInstanceOf(Float64Array);
  });

  it('S2.3 the output may alias the input', () => {
    const x = Float32Array.from(sampleActivations(100, 10));
    const mask = sampleMask(100, 0.5, 10);
    const expected = sparseoutForward(x, mask, { rate: 0.5, q: 1.5 });
    sparseoutForward(x, mask, { rate: 0.5, q: 1.5 }, x);
    expect(x).toEqual(expected);
  });
});

describe('S2 properties (fast-check)', () => {
  const floats = fc.float32Array({
    noNaN: true,
    noDefaultInfinity: true,
    min: -1e6,
    max: 1e6,
    maxLength: 64,
  });
  const rate = fc.double({ min: 0, max: 0.95, noNaN: true });
  const q = fc.double({ min: 0, max: 5, noNaN: true });
  const masked = floats.chain((x) =>
    fc.tuple(fc.constant(x), fc.uint8Array({ min: 0, max: 1, minLength: x.length, maxLength: x.length })),
  );

  it('S2.5 q = 2 equals inverted Dropout for any input, mask and rate > 0', () => {
    // rate 0 is the identity whatever the mask says (S2.4), so it is excluded here.
    fc.assert(
      fc.property(masked, fc.double({ min: 1e-6, max: 0.95, noNaN: true }), ([x, mask], r) => {
        const y = sparseoutForward(x, mask, { rate: r, q: 2 });
        const expected = Array.from(x, (v, i) => Math.fround((v * mask[i]) / (1 - r)));
        expect(y).toAgree(expected, { rel: 1e-6, abs: 1e-30, combine: 'max' });
      }),
    );
  });

  it('S2.4 rate 0 is the identity for any q', () => {
    fc.assert(
      fc.property(masked, q, ([x, mask], exponent) => {
        expect(sparseoutForward(x, mask, { rate: 0, q: exponent })).toEqual(x);
      }),
    );
  });

  it('S2.3 y(-x) = -y(x) for the same mask', () => {
    fc.assert(
      fc.property(masked, rate, q, ([x, mask], r, exponent) => {
        const y = sparseoutForward(x, mask, { rate: r, q: exponent });
        const yNegated = sparseoutForward(
          x.map((v) => -v),
          mask,
          { rate: r, q: exponent },
        );
        for (let i = 0; i < x.length; i++) expect(yNegated[i]).toBe(-y[i]);
      }),
    );
  });

  it('S2.6 zeros anywhere in the input stay zero', () => {
    fc.assert(
      fc.property(masked, rate, q, ([x, mask], r, exponent) => {
        const withZeros = x.map((v, i) => (i % 3 === 0 ? 0 : v));
        const y = sparseoutForward(withZeros, mask, { rate: r, q: exponent });
        // -0 is zero too: S2.6 asks for a zero value, not a sign.
        for (let i = 0; i < x.length; i += 3) expect(y[i] === 0).toBe(true);
      }),
    );
  });

  it('S3.4 finite inputs give finite outputs for q <= 2', () => {
    fc.assert(
      fc.property(masked, rate, fc.double({ min: 0, max: 2, noNaN: true }), ([x, mask], r, exponent) => {
        const y = sparseoutForward(Float64Array.from(x), mask, { rate: r, q: exponent });
        for (const v of y) expect(Number.isFinite(v)).toBe(true);
      }),
    );
  });
});
