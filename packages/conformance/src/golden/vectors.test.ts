import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agrees } from '../tolerance.js';
import { decodeNumber, encodeNumber } from './encoding.js';
import type { GoldenFileJson } from './format.js';
import { generateVectorFiles } from './generate.js';
import { GOLDEN_QS, GOLDEN_RATES } from './grid.js';
import { goldenCases } from './vectors.js';

describe('golden vectors', () => {
  it('regenerating them from core gives the committed files (inputs byte for byte, outputs within the float64 tolerance)', () => {
    // Names, parameters, shapes, inputs, masks and the file layout must be identical. Outputs may
    // differ by rounding when core's float64 kernels change (a faster pow, say), but never by more
    // than the suite's own float64 tolerance, so the committed vectors stay what the script makes.
    const files = generateVectorFiles();
    expect(Object.keys(files).sort()).toEqual(['float32.json', 'float64.json']);
    for (const [name, contents] of Object.entries(files)) {
      const committed = readFileSync(new URL(`../../vectors/${name}`, import.meta.url), 'utf8');
      const stale = `vectors/${name} is stale: run pnpm --filter @sparseout/conformance generate-vectors`;
      const fresh = JSON.parse(contents) as GoldenFileJson;
      const saved = JSON.parse(committed) as GoldenFileJson;
      const strip = (file: GoldenFileJson) => ({
        ...file,
        cases: file.cases.map(({ y, dxReference, dxExact, ...rest }) => ({
          ...rest,
          lengths: [y.length, dxReference.length, dxExact.length],
        })),
      });
      expect(strip(saved), stale).toEqual(strip(fresh));
      expect(committed.split('\n').length, stale).toBe(contents.split('\n').length);
      for (const [i, c] of fresh.cases.entries()) {
        const x = c.x.map(decodeNumber);
        const dy = c.dy.map(decodeNumber);
        for (const [key, scale] of [
          ['y', x],
          ['dxReference', dy],
          ['dxExact', dy],
        ] as const) {
          const now = c[key].map(decodeNumber);
          const then = saved.cases[i][key].map(decodeNumber);
          const bad = now.findIndex((v, j) => !agrees(then[j], v, 'float64', scale[j]));
          expect(bad, `${stale} (case "${c.name}", ${key}[${bad}]: ${then[bad]} vs ${now[bad]})`).toBe(-1);
        }
      }
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
