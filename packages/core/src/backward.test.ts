import '@sparseout/testkit/matchers';
import { describe, expect, it } from 'vitest';
import { sparseoutBackward } from './backward.js';
import { sparseoutForward } from './forward.js';
import { referenceBackward, sampleActivations, sampleMask, termScale } from './reference.testkit.js';

const QS = [0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5.5];

describe('S3 backward', () => {
  for (const q of QS) {
    for (const gradient of ['reference', 'exact'] as const) {
      it(`S3.${gradient === 'reference' ? 1 : 2} ${gradient} gradient equals the formula, q = ${q}`, () => {
        const x = sampleActivations(1500, 20 + q);
        const dy = sampleActivations(1500, 30 + q);
        for (const rate of [0.1, 0.5, 0.9]) {
          const mask = sampleMask(x.length, rate, 11);
          const dx64 = sparseoutBackward(dy, x, mask, { rate, q, gradient });
          const dx32 = sparseoutBackward(Float32Array.from(dy), Float32Array.from(x), mask, {
            rate,
            q,
            gradient,
          });
          expect(dx32).toBeInstanceOf(Float32Array);
          const kept = (i: number) => mask[i] === 1;
          const expected64 = Array.from(x, (v, i) => referenceBackward(dy[i], v, kept(i), rate, q, gradient));
          const abs64 = Array.from(x, (v, i) => Math.abs(dy[i]) * termScale(v, kept(i), rate, q) * 1e-14);
          expect(dx64, `float64, rate ${rate}`).toAgree(expected64, {
            rel: 1e-12,
            abs: abs64,
            combine: 'max',
          });
          const expected32 = Array.from(x, (v, i) =>
            referenceBackward(Math.fround(dy[i]), Math.fround(v), kept(i), rate, q, gradient),
          );
          expect(dx32, `float32, rate ${rate}`).toAgree(expected32, { rel: 1e-5, abs: 1e-6, combine: 'max' });
        }
      });
    }
  }

  it('S3.1 the reference gradient is the forward gain: dx = y / x * dy', () => {
    const x = sampleActivations(200, 40).map((v) => (v === 0 ? 1 : v));
    const mask = sampleMask(200, 0.4, 40);
    const y = sparseoutForward(x, mask, { rate: 0.4, q: 1.3 });
    const dx = sparseoutBackward(new Float64Array(200).fill(1), x, mask, { rate: 0.4, q: 1.3 });
    const abs = Array.from(mask, (m) => termScale(1, m === 1, 0.4, 1.3) * 1e-14);
    expect(dx).toAgree(
      Array.from(y, (v, i) => v / x[i]),
      { rel: 1e-12, abs, combine: 'max' },
    );
  });

  it('S3.2 the exact gradient matches a central finite difference of S2.3 away from zero', () => {
    const rate = 0.3;
    for (const q of [0.5, 1, 1.5, 3, 4]) {
      for (const x0 of [-2.5, -0.7, 0.3, 1.9]) {
        for (const kept of [0, 1]) {
          const mask = new Uint8Array([kept]);
          const h = 1e-6;
          const f = (v: number) => sparseoutForward(new Float64Array([v]), mask, { rate, q })[0];
          const numeric = (f(x0 + h) - f(x0 - h)) / (2 * h);
          const dx = sparseoutBackward(new Float64Array([1]), new Float64Array([x0]), mask, {
            rate,
            q,
            gradient: 'exact',
          });
          expect(dx[0], `q ${q}, x ${x0}, kept ${kept}`).toAgree(numeric, {
            rel: 1e-6,
            abs: 1e-8,
            combine: 'max',
          });
        }
      }
    }
  });

  it('S3.3 the two modes agree when q = 2', () => {
    const x = sampleActivations(300, 50);
    const dy = sampleActivations(300, 51);
    const mask = sampleMask(300, 0.5, 50);
    const reference = sparseoutBackward(dy, x, mask, { rate: 0.5, q: 2 });
    const exact = sparseoutBackward(dy, x, mask, { rate: 0.5, q: 2, gradient: 'exact' });
    expect(exact).toEqual(reference);
  });

  it('S3.3 in inference dx = dy', () => {
    const x = Float32Array.from(sampleActivations(300, 52));
    const dy = Float32Array.from(sampleActivations(300, 53));
    const mask = sampleMask(300, 0.5, 52);
    expect(sparseoutBackward(dy, x, mask, { rate: 0.5, q: 1, training: false })).toEqual(dy);
    expect(sparseoutBackward(dy, x, mask, { rate: 0, q: 1 })).toEqual(dy);
  });

  it('S3.4 finite for finite inputs where q < 2 and |x| is tiny', () => {
    const x = new Float32Array([0, -0, 1e-30, -1e-38, 1e-45, 1e-8]);
    const dy = new Float32Array(x.length).fill(1);
    for (const q of [0, 0.5, 1, 1.5]) {
      for (const gradient of ['reference', 'exact'] as const) {
        const dx = sparseoutBackward(dy, x, new Uint8Array([1, 0, 1, 0, 1, 0]), { rate: 0.5, q, gradient });
        for (const v of dx) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it('S3 writes into `out` and returns it', () => {
    const x = sampleActivations(50, 60);
    const out = new Float64Array(50);
    expect(sparseoutBackward(x, x, sampleMask(50, 0.5, 60), { rate: 0.5, q: 1 }, out)).toBe(out);
  });
});
