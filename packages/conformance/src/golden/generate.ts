import { DEFAULT_EPSILON } from '@sparseout/core';
import { referenceBackward, referenceForward } from '../reference.js';
import { encodeMask, encodeNumber } from './encoding.js';
import type { GoldenCaseJson, GoldenFileJson } from './format.js';
import {
  GOLDEN_DTYPES,
  GOLDEN_LENGTH,
  GOLDEN_QS,
  GOLDEN_RATES,
  GOLDEN_SHAPES,
  SPECIAL_INPUTS,
} from './grid.js';

/** A small deterministic generator (xorshift32) so the vectors never depend on Math.random. */
function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

/** x: the 16 special inputs kept, the same 16 dropped, then 32 values spread over 1e-4..1e2 in magnitude. */
function caseInputs(index: number, round: (v: number) => number) {
  const random = xorshift(0x5eed + index);
  const x: number[] = [...SPECIAL_INPUTS, ...SPECIAL_INPUTS];
  const mask = new Uint8Array(GOLDEN_LENGTH);
  mask.fill(1, 0, SPECIAL_INPUTS.length);
  while (x.length < GOLDEN_LENGTH) {
    const magnitude = 10 ** (random() * 6 - 4);
    x.push(random() < 0.5 ? -magnitude : magnitude);
    mask[x.length - 1] = random() < 0.5 ? 1 : 0;
  }
  const dy = Array.from({ length: GOLDEN_LENGTH }, () => random() * 4 - 2);
  return { x: x.map(round), mask, dy: dy.map(round) };
}

/** Builds one vectors file's object from core's float64 path. */
export function generateGoldenFile(dtype: 'float32' | 'float64'): GoldenFileJson {
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  const cases: GoldenCaseJson[] = [];
  let index = 0;
  for (const rate of GOLDEN_RATES) {
    for (const q of GOLDEN_QS) {
      const shape = GOLDEN_SHAPES[index % GOLDEN_SHAPES.length];
      const { x, mask, dy } = caseInputs(index, round);
      // Bernoulli(1 - 0) keeps every unit: at rate 0 the only possible mask is all ones (S2.4).
      if (rate === 0) mask.fill(1);
      const params = { rate, q };
      cases.push({
        name: `rate ${rate} q ${q} ${shape.length}-D`,
        rate,
        q,
        shape,
        x: x.map(encodeNumber),
        mask: encodeMask(mask),
        dy: dy.map(encodeNumber),
        y: Array.from(referenceForward(x, mask, params), encodeNumber),
        dxReference: Array.from(
          referenceBackward(dy, x, mask, { ...params, gradient: 'reference' }),
          encodeNumber,
        ),
        dxExact: Array.from(referenceBackward(dy, x, mask, { ...params, gradient: 'exact' }), encodeNumber),
      });
      index++;
    }
  }
  return {
    description: `Sparseout golden vectors (${dtype} inputs): forward (S2.3) and both backward modes (S3.1, S3.2), computed by @sparseout/core's float64 path. Do not edit: run \`pnpm --filter @sparseout/conformance generate-vectors\`.`,
    generator: 'packages/conformance/scripts/generate-vectors.ts',
    encoding:
      "Numbers are strings: String(v) for every float64 (shortest round-trip decimal), '-0', 'NaN', 'Infinity', '-Infinity'; decode with Number(s). Masks are strings of '0'/'1' ('1' = kept).",
    dtype,
    epsilon: encodeNumber(DEFAULT_EPSILON),
    cases,
  };
}

/** Serialises a vectors file: a header, then one case per line, so diffs stay readable. */
export function serializeGoldenFile(file: GoldenFileJson): string {
  const { cases, ...header } = file;
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '');
  const body = cases.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  return `${head},\n  "cases": [\n${body}\n  ]\n}\n`;
}

/** Every vectors file: name -> contents. */
export function generateVectorFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dtype of GOLDEN_DTYPES) files[`${dtype}.json`] = serializeGoldenFile(generateGoldenFile(dtype));
  return files;
}
