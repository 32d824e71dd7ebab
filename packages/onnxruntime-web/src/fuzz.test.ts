import { SparseoutError } from '@sparseout/core';
import { mulberry32 } from '@sparseout/testkit';
import { describe, expect, it } from 'vitest';
import { decodeModel } from './codec.js';
import { insertSparseout } from './insert-sparseout.js';
import { fixture, mlpModel } from './models.testkit.js';
import { replaceDropout } from './replace-dropout.js';

/** Seeded integers in [0, limit), so every run feeds the same variants. */
function integers(seed: number) {
  const random = mulberry32(seed);
  return (limit: number) => Math.floor(random() * limit);
}

const PER_CASE_MS = 1000;

/** Runs a graph tool on one variant: a model (that decodes again) or a SparseoutError, in time. */
function check(tool: () => Uint8Array, label: string): 'model' | 'error' {
  const started = performance.now();
  let outcome: 'model' | 'error';
  try {
    const result = tool();
    if (!(result instanceof Uint8Array)) throw new Error(`${label}: returned ${String(result)}`);
    decodeModel(result);
    outcome = 'model';
  } catch (error) {
    if (!(error instanceof SparseoutError) || error.code !== 'SPARSEOUT_INVALID_INPUT') {
      throw new Error(`${label}: threw ${String(error)}`);
    }
    outcome = 'error';
  }
  const elapsed = performance.now() - started;
  if (elapsed > PER_CASE_MS) throw new Error(`${label}: took ${elapsed} ms`);
  return outcome;
}

/** Truncated and bit-flipped variants of `model`, the same on every run. */
function variantsOf(model: Uint8Array, seed: number, truncations: number, flipped: number) {
  const next = integers(seed);
  const variants: { label: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < truncations; i++) {
    const length = next(model.length);
    variants.push({ label: `truncated to ${length}`, bytes: model.slice(0, length) });
  }
  for (let i = 0; i < flipped; i++) {
    const bytes = model.slice();
    const flips = 1 + next(3);
    const where: number[] = [];
    for (let f = 0; f < flips; f++) {
      const bit = next(bytes.length * 8);
      bytes[bit >> 3] ^= 1 << (bit & 7);
      where.push(bit);
    }
    variants.push({ label: `bits ${where.join(',')} flipped`, bytes });
  }
  return variants;
}

describe.each([
  // The opset-17 MLP (function form) and PyTorch's opset-11 CNN export (Dropout-10's ratio
  // attribute, written-out form).
  { name: 'opset-17 MLP', model: mlpModel({ ratio: 0.3, maskOutput: true }), variants: [500, 700] },
  { name: 'PyTorch opset-11 CNN', model: fixture('cnn', 11, 'train'), variants: [250, 350] },
])('graph tools on corrupt models (fuzz): $name', ({ model, variants: [truncations, flipped] }) => {
  const variants = variantsOf(model, 20261125, truncations, flipped);

  it(`every one of ${truncations + flipped} truncated or bit-flipped variants gives a model or a SparseoutError, each within ${PER_CASE_MS} ms`, () => {
    const outcomes = { model: 0, error: 0 };
    for (const { label, bytes } of variants) {
      const copy = bytes.slice();
      outcomes[check(() => replaceDropout(bytes, { q: 1.5 }), `replaceDropout, ${label}`)]++;
      outcomes[
        check(() => insertSparseout(bytes, { after: 'Relu', rate: 0.2, q: 1 }), `insertSparseout, ${label}`)
      ]++;
      expect(bytes, `${label}: the input bytes`).toEqual(copy);
    }
    // Both outcomes occur: truncations mostly fail, single bit flips in weights still decode.
    expect(outcomes.model).toBeGreaterThan(100);
    expect(outcomes.error).toBeGreaterThan(100);
  });
});
