import { describe, expect, it } from 'vitest';
import { SparseoutError } from './errors.js';
import { sparseoutForward } from './forward.js';
import { bernoulliMask } from './mask.js';
import { sampleActivations } from './reference.testkit.js';
import { sparseout, sparseoutInto } from './sparseout.js';

describe('sparseout: seeded mask + forward in one call', () => {
  const x = Float32Array.from(sampleActivations(1001, 70));

  it('S4.2 the mask is the seeded Bernoulli mask and y applies S2 to it', () => {
    const { y, mask } = sparseout(x, { rate: 0.3, q: 1.5, seed: 123, step: 4 });
    expect(mask).toEqual(bernoulliMask(x.length, 0.3, { seed: 123, step: 4 }));
    expect(y).toEqual(sparseoutForward(x, mask, { rate: 0.3, q: 1.5 }));
  });

  it('S4.4 the same seed and step give the same result; another step another mask', () => {
    const a = sparseout(x, { rate: 0.5, q: 1, seed: 9, step: 1 });
    const b = sparseout(x, { rate: 0.5, q: 1, seed: 9, step: 1 });
    const c = sparseout(x, { rate: 0.5, q: 1, seed: 9, step: 2 });
    expect(b.y).toEqual(a.y);
    expect(c.mask).not.toEqual(a.mask);
  });

  it('S4.1 without a seed, masks differ between calls', () => {
    const a = sparseout(x, { rate: 0.5, q: 2 });
    const b = sparseout(x, { rate: 0.5, q: 2 });
    expect(a.mask).not.toEqual(b.mask);
  });

  it('S2.4 training: false is the identity with an all-ones mask', () => {
    const { y, mask } = sparseout(x, { rate: 0.5, q: 1, training: false, seed: 1 });
    expect(y).toEqual(x);
    expect(mask.every((bit) => bit === 1)).toBe(true);
  });

  it('S2.8 writes into `out` and `maskOut` when given', () => {
    const out = new Float32Array(x.length);
    const maskOut = new Uint8Array(x.length);
    const result = sparseout(x, { rate: 0.2, q: 3, seed: 5, maskOut }, out);
    expect(result.y).toBe(out);
    expect(result.mask).toBe(maskOut);
    expect(maskOut).toEqual(bernoulliMask(x.length, 0.2, { seed: 5 }));
  });
});

describe('sparseoutInto: the allocation-free form', () => {
  const x = Float32Array.from(sampleActivations(1003, 71));

  it('S4.2 S2.3 writes the same mask and output as sparseout, for float32 and float64', () => {
    for (const input of [x, Float64Array.from(x)]) {
      const out = new (input.constructor as Float32ArrayConstructor)(input.length);
      const maskOut = new Uint8Array(input.length);
      sparseoutInto(input, { rate: 0.4, q: 1.5, seed: 2n ** 63n + 5n, step: 2 ** 40, maskOut }, out);
      const expected = sparseout(input, { rate: 0.4, q: 1.5, seed: 2n ** 63n + 5n, step: 2 ** 40 });
      expect(maskOut).toEqual(expected.mask);
      expect(out).toEqual(expected.y);
    }
  });

  it('S2.4 training: false writes x and an all-ones mask', () => {
    const out = new Float32Array(x.length);
    const maskOut = new Uint8Array(x.length);
    sparseoutInto(x, { rate: 0.5, q: 1, training: false, seed: 1, maskOut }, out);
    expect(out).toEqual(x);
    expect(maskOut.every((bit) => bit === 1)).toBe(true);
  });

  it('S1.4 without maskOut or out: SPARSEOUT_INVALID_INPUT, nothing written', () => {
    const out = new Float32Array(x.length).fill(7);
    const maskOut = new Uint8Array(x.length).fill(7);
    const call = (options: object, target?: Float32Array) => () =>
      sparseoutInto(x, options as Parameters<typeof sparseoutInto>[1], target as Float32Array);
    for (const bad of [
      call({ rate: 0.5, q: 1, seed: 1 }, out),
      call({ rate: 0.5, q: 1, seed: 1, maskOut }),
    ]) {
      expect(bad).toThrow(SparseoutError);
      expect(bad).toThrow(
        expect.objectContaining({
          code: 'SPARSEOUT_INVALID_INPUT',
          message: expect.stringMatching(/(maskOut|out) is required by sparseoutInto/),
        }),
      );
    }
    expect(out.every((v) => v === 7)).toBe(true);
    expect(maskOut.every((v) => v === 7)).toBe(true);
  });

  it('S1.4 a maskOut of the wrong length: SPARSEOUT_SHAPE_MISMATCH, nothing written', () => {
    const out = new Float32Array(x.length).fill(7);
    const maskOut = new Uint8Array(x.length - 1);
    expect(() => sparseoutInto(x, { rate: 0.5, q: 1, seed: 1, maskOut }, out)).toThrow(
      expect.objectContaining({ code: 'SPARSEOUT_SHAPE_MISMATCH' }),
    );
    expect(out.every((v) => v === 7)).toBe(true);
  });
});
