import { bernoulliMask, SparseoutError, sparseoutBackward, sparseoutForward } from '@sparseout/core';
import { layer as brainLayer } from 'brain.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateRows, gather, scatter } from './matrix.js';
import { mistakenSettings, mistakenValue, typedOrNothing } from './mistaken-values.testkit.js';
import { Sparseout, sparseout } from './sparseout-layer.js';

const WIDTH = 3;
const HEIGHT = 4;
const N = WIDTH * HEIGHT;
const X = Float32Array.from([0.5, -1, 2, 0, 3, -0.25, 1e-3, -4, 0.75, 1.5, -2.5, 0.1]);
const DY = Float32Array.from([1, -2, 0.5, 3, -1, 2, 0.25, -0.5, 1.5, -3, 0.75, 2.5]);

/** A brain.js input layer holding X, with a Sparseout layer on top of it. */
function build(settings: Parameters<typeof sparseout>[1]) {
  const source = brainLayer.input({ width: WIDTH, height: HEIGHT });
  source.setupKernels();
  const layer = sparseout(source, settings);
  source.predict(X.slice());
  return { source, layer };
}

function valuesOf(value: unknown): Float32Array {
  const out = new Float32Array(N);
  gather(value, out);
  return out;
}

function backward(layer: Sparseout, dy: Float32Array): void {
  const rows = allocateRows(layer.width, layer.height, layer.depth);
  scatter(dy, rows);
  layer.deltas = rows as Sparseout['deltas'];
  layer.compare();
}

describe('Sparseout layer', () => {
  it('S2.3 predict equals core sparseoutForward with core bernoulliMask(seed, step) (S4.2)', () => {
    for (const q of [0, 1, 1.5, 2, 3]) {
      const { layer } = build({ probability: 0.4, q, seed: 1234, step: 5 });
      layer.training = true;
      layer.predict();
      const mask = bernoulliMask(N, 0.4, { seed: 1234, step: 5 });
      expect(layer.mask).toEqual(mask);
      expect(valuesOf(layer.weights)).toEqual(sparseoutForward(X, mask, { rate: 0.4, q }));
    }
  });

  it('S3.1 compare writes core sparseoutBackward (reference) into the input layer deltas', () => {
    const { source, layer } = build({ probability: 0.3, q: 1, seed: 9 });
    layer.training = true;
    layer.predict();
    backward(layer, DY);
    const expected = sparseoutBackward(DY, X, layer.mask, { rate: 0.3, q: 1 });
    expect(valuesOf(source.deltas)).toEqual(expected);
    expect(expected).not.toEqual(DY);
  });

  it("S3.2 gradient: 'exact' gives core's exact backward", () => {
    const { source, layer } = build({ probability: 0.3, q: 1, seed: 9, gradient: 'exact' });
    layer.training = true;
    layer.predict();
    backward(layer, DY);
    expect(valuesOf(source.deltas)).toEqual(
      sparseoutBackward(DY, X, layer.mask, { rate: 0.3, q: 1, gradient: 'exact' }),
    );
  });

  it('S2.4/S3.3 inference: predict is the identity with an all-ones mask, compare passes dy through', () => {
    const { source, layer } = build({ probability: 0.5, q: 1, seed: 1 });
    layer.training = false;
    layer.predict();
    expect(valuesOf(layer.weights)).toEqual(X);
    expect(layer.mask.every((bit) => bit === 1)).toBe(true);
    expect(layer.step).toBe(0);
    backward(layer, DY);
    expect(valuesOf(source.deltas)).toEqual(DY);
  });

  it('S4.4 the step advances by one per training predict, and each step draws its own mask', () => {
    const { layer } = build({ probability: 0.5, q: 2, seed: 77 });
    layer.training = true;
    const masks = [0, 1, 2].map(() => {
      layer.predict();
      return layer.mask.slice();
    });
    expect(layer.step).toBe(3);
    masks.forEach((mask, step) => {
      expect(mask).toEqual(bernoulliMask(N, 0.5, { seed: 77, step }));
    });
    expect(masks[0]).not.toEqual(masks[1]);
  });

  it('useMask makes the next training predict use an explicit mask', () => {
    const { layer } = build({ probability: 0.5, q: 1, seed: 3 });
    const mask = Uint8Array.from({ length: N }, (_, i) => i % 2);
    layer.useMask(mask);
    layer.training = true;
    layer.predict();
    expect(layer.mask).toEqual(mask);
    expect(valuesOf(layer.weights)).toEqual(sparseoutForward(X, mask, { rate: 0.5, q: 1 }));
    expect(() => layer.useMask(new Uint8Array(N + 1))).toThrow(SparseoutError);
  });

  it("S1.4 useMask answers core's code for the same case: a plain array is INVALID_INPUT, a wrong length SHAPE_MISMATCH", () => {
    const { layer } = build({ probability: 0.5, q: 1, seed: 3 });
    const codeOf = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return (error as SparseoutError).code;
      }
      return 'no error';
    };
    const plain = [1, 1] as unknown as Uint8Array;
    expect(codeOf(() => layer.useMask(plain))).toBe('SPARSEOUT_INVALID_INPUT');
    expect(codeOf(() => sparseoutForward(X, plain, { rate: 0.5, q: 1 }))).toBe('SPARSEOUT_INVALID_INPUT');
    expect(codeOf(() => layer.useMask(new Uint8Array(N + 1)))).toBe('SPARSEOUT_SHAPE_MISMATCH');
    expect(codeOf(() => sparseoutForward(X, new Uint8Array(N + 1), { rate: 0.5, q: 1 }))).toBe(
      'SPARSEOUT_SHAPE_MISMATCH',
    );
  });

  it('S4.2 seed and step: null is absent, a string is refused (amendment A2)', () => {
    const source = brainLayer.input({ width: WIDTH, height: HEIGHT });
    const unseeded = new Sparseout(source, { probability: 0.5, q: 1, seed: null, step: null });
    expect(unseeded.step).toBe(0);
    expect(Number.isSafeInteger(unseeded.seed)).toBe(true);
    for (const settings of [
      { probability: 0.5, q: 1, seed: '42' },
      { probability: 0.5, q: 1, seed: 1, step: '1' },
      { probability: 0.5, q: 1, seed: '9223372036854775808' },
    ]) {
      expect(() => new Sparseout(source, settings as never)).toThrow(
        expect.objectContaining({ code: 'SPARSEOUT_INVALID_SEED' }),
      );
    }
  });

  it('S1.4 fuzz: new Sparseout and useMask throw nothing but SparseoutError (300 cases each)', () => {
    const source = brainLayer.input({ width: WIDTH, height: HEIGHT });
    const layer = new Sparseout(source, { probability: 0.5, q: 1, seed: 1 });
    fc.assert(
      fc.property(fc.oneof(mistakenValue, mistakenSettings), (settings) => {
        typedOrNothing(() => new Sparseout(source, settings as never));
      }),
      { numRuns: 300, seed: 14 },
    );
    fc.assert(
      fc.property(fc.oneof(mistakenValue, fc.uint8Array({ maxLength: N + 2 })), (mask) => {
        typedOrNothing(() => layer.useMask(mask as never));
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('refuses compare when nobody switched it into training or inference (a plain FeedForward)', () => {
    const { layer } = build({ probability: 0.5, q: 1, seed: 3 });
    layer.predict();
    expect(valuesOf(layer.weights)).toEqual(X);
    expect(() => layer.compare()).toThrow(/SparseoutFeedForward/);
  });

  it('S1.4 invalid probability or q throws core SparseoutError at construction', () => {
    const source = brainLayer.input({ width: WIDTH, height: HEIGHT });
    expect(() => new Sparseout(source, { probability: 1, q: 1 })).toThrow(
      expect.objectContaining({ code: 'SPARSEOUT_INVALID_RATE' }),
    );
    expect(() => new Sparseout(source, { probability: 0.5, q: Number.NaN })).toThrow(
      expect.objectContaining({ code: 'SPARSEOUT_INVALID_Q' }),
    );
  });

  it('toJSON keeps the settings and the step; a bigint seed becomes a string that only fromJSON reads', () => {
    const { layer } = build({ probability: 0.2, q: 1.5, seed: 2n ** 63n, step: 4 });
    layer.training = true;
    layer.predict();
    const json = JSON.parse(JSON.stringify(layer.toJSON()));
    expect(json).toMatchObject({
      type: 'Sparseout',
      probability: 0.2,
      q: 1.5,
      gradient: 'reference',
      seed: '9223372036854775808',
      step: 5,
      width: WIDTH,
      height: HEIGHT,
    });
    const restored = Sparseout.fromJSON(layer.inputLayer, json);
    expect(restored.seed).toBe(2n ** 63n);
    expect(restored.step).toBe(5);
  });
});
