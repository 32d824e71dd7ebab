import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeNumber, encodeNumber } from '../src/golden/encoding.js';
import { generateVectorFiles } from '../src/golden/generate.js';
import { GOLDEN_QS, GOLDEN_RATES } from '../src/golden/grid.js';
import { goldenCases } from '../src/golden/vectors.js';

describe('golden vectors', () => {
  it('regenerating them from core gives the committed files byte for byte', () => {
    const files = generateVectorFiles();
    expect(Object.keys(files).sort()).toEqual(['float32.json', 'float64.json']);
    for (const [name, contents] of Object.entries(files)) {
      const committed = readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8');
      expect(
        contents === committed,
        `vectors/${name} is stale: run pnpm --filter @sparseout/conformance generate-vectors`,
      ).toBe(true);
    }
  });

  it('cover every rate x q of the grid, shapes 1-D to 4-D, special inputs and NaN, for both dtypes', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const cases = goldenCases(dtype);
      expect(cases.length).toBe(GOLDEN_RATES.length * GOLDEN_QS.length);
      expect(new Set(cases.map((c) => c.shape.length))).toEqual(new Set([1, 2, 3, 4]));
      for (const c of cases) {
        expect(c.x.length).toBe(c.shape.reduce((a, b) => a * b, 1));
        expect(c.x.some(Number.isNaN)).toBe(true);
        if (dtype === 'float32') expect(c.x.every((v) => Object.is(Math.fround(v), v))).toBe(true);
      }
    }
  });

  it('store every float64 value losslessly, including -0, NaN and the infinities', () => {
    const values = [
      0,
      -0,
      Number.NaN,
      Infinity,
      -Infinity,
      5e-324,
      Number.MAX_VALUE,
      0.1 + 0.2,
      Math.fround(1e-8),
    ];
    for (const v of values) expect(Object.is(decodeNumber(encodeNumber(v)), v)).toBe(true);
  });
});
