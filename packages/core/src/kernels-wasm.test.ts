import { readFile } from 'node:fs/promises';
import { mulberry32 } from '@sparseout/testkit';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildKernels } from '../scripts/compile-wat.mjs';
// @ts-expect-error: a plain .mjs build script without type declarations
import { expandTemplate } from '../scripts/expand-template.mjs';
import { getKernelBackend, setKernelBackend, wasmKernelsAvailable } from './backend.js';
import { backwardKernel, sparseoutBackward } from './backward.js';
import { SparseoutError } from './errors.js';
import { forwardKernel, sparseoutForward } from './forward.js';
import { bernoulliMask, fillMask, keepThreshold } from './mask.js';
import { referenceBackward, referenceForward } from './reference.testkit.js';
import { sparseout } from './sparseout.js';
import * as abi from './wasm/abi.js';
import { KERNELS_WASM_BASE64 } from './wasm/kernels-wasm.js';

const F32_MAX = 3.4028234663852886e38;

/** S2.8 for a float32 result: within max(1e-5 |expected|, 1e-6) of float64; overflow only to the same infinity. */
function agreesFloat32(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  const rounded = Math.fround(expected);
  if (!Number.isFinite(rounded)) return actual === rounded;
  return Math.abs(actual - expected) <= Math.max(1e-5 * Math.abs(expected), 1e-6);
}

const bits = new Uint32Array(1);
const asFloat = new Float32Array(bits.buffer);

/** Float32 inputs over the whole range: random bit patterns, plus zeros, subnormals, extremes, NaN, infinities. */
function float32Inputs(n: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const special = [0, -0, 1, -1, 2 ** -149, -(2 ** -140), 2 ** -126, F32_MAX, -F32_MAX, 1e-12, 0.999, 1.001];
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (i < special.length) x[i] = special[i];
    else if (i % 3 === 0) x[i] = (random() * 2 - 1) * 4;
    else {
      bits[0] = Math.floor(random() * 2 ** 32);
      x[i] = Number.isFinite(asFloat[0]) ? asFloat[0] : 1.5;
    }
  }
  return x;
}

const QS = [0, 0.3, 1, 1.2, 1.5, 1.99, 2, 2.01, 2.5, 3, 3.7, 4];
const RATES = [0.5, 0.1, 0.9];

// Node 20+ has WebAssembly SIMD: here the module must load, so a module that fails to validate
// fails this test rather than silently skipping every test below (and running JS everywhere).
it('the wasm kernels load on this Node (WebAssembly SIMD is available since Node 16.4)', () => {
  expect(wasmKernelsAvailable()).toBe(true);
});

describe.runIf(wasmKernelsAvailable())('the wasm kernel backend', () => {
  afterEach(() => setKernelBackend('wasm'));

  it('is the default where WebAssembly SIMD is available, and can be switched', () => {
    expect(getKernelBackend()).toBe('wasm');
    setKernelBackend('js');
    expect(getKernelBackend()).toBe('js');
    expect(() => setKernelBackend('gpu' as 'js')).toThrow(SparseoutError);
  });

  it('kernels-wasm.ts is kernels.template.wat expanded with abi.ts and compiled (run generate:wasm after editing either)', async () => {
    const template = await readFile(new URL('./wasm/kernels.template.wat', import.meta.url), 'utf8');
    const { wat, bytes }: { wat: string; bytes: Uint8Array } = await buildKernels(template, abi);
    expect(wat).not.toMatch(/\{\{|\}\}/);
    expect(wat).toContain(`(i32.const ${abi.PARAMS_OFFSET + abi.Param.pLog2e})`);
    expect(Buffer.from(bytes).toString('base64')).toBe(KERNELS_WASM_BASE64);
  });

  it('the template expander unrolls lane blocks and refuses what it cannot read', () => {
    const names = { N: 2, Mode: { Scale: 0 } };
    const each = ['{{#each L < N}}', '(a{{L}}) (b{{L}} {{16 * L + Mode.Scale}})', '{{/each}}'].join('\n');
    expect(expandTemplate(each, names)).toBe('(a0) (b0 0)\n(a1) (b1 16)');
    const interleave = ['{{#interleave L < N}}', ';; note', '(a{{L}}', '  x)', '(b{{L}})', '{{/interleave}}'];
    expect(expandTemplate(interleave.join('\n'), names)).toBe(';; note\n(a0\n  x)\n(a1\n  x)\n(b0)\n(b1)');
    expect(() => expandTemplate('{{Mode.Other}}', names)).toThrow(/unknown name Mode.Other/);
    expect(() => expandTemplate('{{N / 4}}', names)).toThrow(/not an integer/);
    expect(() => expandTemplate('{{#each L < N}}\n(a', names)).toThrow(/never closed/);
    expect(() => expandTemplate('{{#interleave L < N}}\n(a\n{{/interleave}}', names)).toThrow(/unbalanced/);
  });

  it('the memory regions fit the module, do not overlap, and hold whole unrolled iterations', () => {
    const regions = [
      [abi.X_OFFSET, 4 * abi.CHUNK],
      [abi.V_OFFSET, 4 * abi.CHUNK],
      [abi.Y_OFFSET, 4 * abi.CHUNK],
      [abi.MASK_OFFSET, abi.CHUNK],
      [abi.PARAMS_OFFSET, abi.Param.pLog2e + 4],
    ];
    for (let i = 1; i < regions.length; i++) {
      expect(regions[i][0]).toBeGreaterThanOrEqual(regions[i - 1][0] + regions[i - 1][1]);
    }
    const [lastStart, lastLength] = regions[regions.length - 1];
    expect(lastStart + lastLength).toBeLessThanOrEqual(abi.PAGES * 65536);
    expect((abi.CHUNK / 16) % abi.MASK_UNROLL).toBe(0);
    expect((abi.CHUNK / 4) % abi.APPLY_UNROLL).toBe(0);
  });

  it('the module stays under 4 KiB, which browsers compile synchronously on the main thread', () => {
    expect(Buffer.from(KERNELS_WASM_BASE64, 'base64').length).toBeLessThanOrEqual(4096);
  });

  it('S4.2/S4.4 wasm masks equal the JS masks bit for bit (200 seeds, steps, offsets, lengths)', () => {
    const random = mulberry32(31);
    const word = () => Math.floor(random() * 2 ** 32);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 9000);
      // Offsets near 2^34 make the block counter's low word wrap inside a chunk.
      const offset = trial % 4 === 0 ? 2 ** 34 - 4 * Math.floor(random() * 3000) - (trial % 3) : word();
      const threshold = keepThreshold(RATES[trial % RATES.length]);
      const args = [threshold, word(), word(), word(), trial % 2 === 0 ? 0 : word(), offset] as const;
      const fast = new Uint8Array(n);
      fillMask(fast, ...args);
      setKernelBackend('js');
      const plain = new Uint8Array(n);
      fillMask(plain, ...args);
      setKernelBackend('wasm');
      expect(fast, `trial ${trial}`).toEqual(plain);
    }
  });

  it('S2.8 float32 forward agrees with the float64 evaluation over the float32 range', () => {
    const x = float32Inputs(20_011, 5);
    const y = new Float32Array(x.length);
    for (const q of QS) {
      for (const rate of RATES) {
        const mask = bernoulliMask(x.length, rate, { seed: 3, step: Math.round(q * 100) });
        forwardKernel(x, mask, rate, q, 1e-12, y);
        for (let i = 0; i < x.length; i++) {
          const expected = referenceForward(x[i], mask[i] !== 0, rate, q);
          if (!agreesFloat32(y[i], expected)) {
            expect.fail(`q ${q}, rate ${rate}, x ${x[i]}: got ${y[i]}, expected ${expected}`);
          }
        }
      }
    }
  });

  it('S3.1 float32 backward (reference gradient) agrees with the float64 evaluation', () => {
    const x = float32Inputs(10_007, 6);
    const dy = float32Inputs(10_007, 7).map((v) => (Number.isFinite(v) && Math.abs(v) < 1e30 ? v : 0.5));
    const dx = new Float32Array(x.length);
    for (const q of QS) {
      const mask = bernoulliMask(x.length, 0.5, { seed: 4 });
      backwardKernel(dy, x, mask, 0.5, q, 1e-12, 1, dx);
      for (let i = 0; i < x.length; i++) {
        const expected = referenceBackward(dy[i], x[i], mask[i] !== 0, 0.5, q);
        if (!agreesFloat32(dx[i], expected))
          expect.fail(`q ${q}, x ${x[i]}, dy ${dy[i]}: got ${dx[i]}, expected ${expected}`);
      }
    }
  });

  it('S2.8 float32 forward and backward agree with float64 at rates near 1 (n = r / (1 - r) up to 10^6)', () => {
    // Kept units only: n = r / (1 - r) multiplies g, so an error in 1 + n g grows with n. Rates up
    // to n = 127.2, below MAX_GENERAL_POWER_NOISE (128), where the general power leaves wasm, and
    // the extremes 0.999, 0.999999 above it.
    const x = float32Inputs(4_001, 12);
    const mask = new Uint8Array(x.length).fill(1);
    const rates = [0.95, 63 / 64, 0.98455, 0.9922, 0.999, 0.999999];
    for (const q of QS) {
      for (const rate of rates) {
        const y = sparseoutForward(x, mask, { rate, q });
        const dx = sparseoutBackward(x, x, mask, { rate, q });
        for (let i = 0; i < x.length; i++) {
          const expected = referenceForward(x[i], true, rate, q);
          if (!agreesFloat32(y[i], expected))
            expect.fail(`forward q ${q}, rate ${rate}, x ${x[i]}: got ${y[i]}, expected ${expected}`);
          if (!agreesFloat32(dx[i], referenceBackward(x[i], x[i], true, rate, q)))
            expect.fail(`backward q ${q}, rate ${rate}, x ${x[i]}: got ${dx[i]}`);
        }
      }
    }
  });

  it('S2.8 |x| at the float32 maximum gives a finite y wherever float64 does (rates 0.001 to 0.999)', () => {
    const x = new Float32Array([F32_MAX, -F32_MAX, 3e38, 2 ** 127]);
    const mask = new Uint8Array(x.length).fill(1);
    for (let k = 1; k < 1000; k += 2) {
      const rate = k / 1000;
      for (const q of [0.3, 1.5, 1.99]) {
        const y = sparseoutForward(x, mask, { rate, q });
        for (let i = 0; i < x.length; i++) {
          const expected = referenceForward(x[i], true, rate, q);
          if (!agreesFloat32(y[i], expected))
            expect.fail(`rate ${rate}, q ${q}, x ${x[i]}: got ${y[i]}, expected ${expected}`);
        }
      }
    }
  });

  it('S2.6/S2.7 zero gives zero, NaN stays at its index, infinities as float64 gives them', () => {
    const x = new Float32Array([
      0,
      -0,
      Number.NaN,
      1,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      2,
      3,
    ]);
    for (const q of QS) {
      for (const kept of [0, 1]) {
        const mask = new Uint8Array(x.length).fill(kept);
        const y = sparseoutForward(x, mask, { rate: 0.5, q });
        expect(y[0] === 0).toBe(true);
        expect(y[1] === 0).toBe(true);
        expect(Number.isNaN(y[2])).toBe(true);
        for (let i = 3; i < x.length; i++)
          expect(agreesFloat32(y[i], referenceForward(x[i], kept === 1, 0.5, q))).toBe(true);
      }
    }
  });

  it('S2.7/S3.1 backward: NaN in x gives NaN in dx, infinities in x as float64 gives them', () => {
    const x = new Float32Array([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0,
      1,
      -2,
      3,
      4,
    ]);
    const dy = new Float32Array([1.5, 2, -3, 1, 1, 1, 1, 1]);
    for (const q of QS) {
      for (const kept of [0, 1]) {
        const mask = new Uint8Array(x.length).fill(kept);
        const dx = sparseoutBackward(dy, x, mask, { rate: 0.5, q });
        for (let i = 0; i < x.length; i++) {
          const expected = referenceBackward(dy[i], x[i], kept === 1, 0.5, q);
          if (!agreesFloat32(dx[i], expected))
            expect.fail(`q ${q}, kept ${kept}, x ${x[i]}: got ${dx[i]}, expected ${expected}`);
        }
      }
    }
  });

  it('the fused seeded path gives the same mask and output as fillMask then forwardKernel', () => {
    const x = float32Inputs(12_345, 8);
    for (const q of [1, 1.5, 2]) {
      const fused = sparseout(x, { rate: 0.3, q, seed: 2n ** 40n + 5n, step: 9 });
      setKernelBackend('js');
      const mask = bernoulliMask(x.length, 0.3, { seed: 2n ** 40n + 5n, step: 9 });
      setKernelBackend('wasm');
      expect(fused.mask).toEqual(mask);
      const y = new Float32Array(x.length);
      forwardKernel(x, mask, 0.3, q, 1e-12, y);
      expect(fused.y).toEqual(y);
    }
  });

  it('S2.8 calls that alternate rate, q and epsilon each use their own scalars (the plan cache)', () => {
    const x = float32Inputs(3_001, 9);
    const mask = bernoulliMask(x.length, 0.4, { seed: 11 });
    const settings = [
      { rate: 0.4, q: 1.5, epsilon: 1e-12 },
      { rate: 0.4, q: 1.5, epsilon: 1e-3 },
      { rate: 0.1, q: 1.5, epsilon: 1e-3 },
      { rate: 0.1, q: 3, epsilon: 1e-3 },
      { rate: 0.1, q: 2, epsilon: 1e-3 },
      { rate: 0.4, q: 1.5, epsilon: 1e-12 },
    ];
    for (let round = 0; round < 2; round++) {
      for (const { rate, q, epsilon } of settings) {
        const y = sparseoutForward(x, mask, { rate, q, epsilon });
        const dx = sparseoutBackward(x, x, mask, { rate, q, epsilon });
        for (let i = 0; i < x.length; i++) {
          const kept = mask[i] !== 0;
          if (!agreesFloat32(y[i], referenceForward(x[i], kept, rate, q, epsilon)))
            expect.fail(`forward rate ${rate}, q ${q}, epsilon ${epsilon}, x ${x[i]}: got ${y[i]}`);
          if (!agreesFloat32(dx[i], referenceBackward(x[i], x[i], kept, rate, q, 'reference', epsilon)))
            expect.fail(`backward rate ${rate}, q ${q}, epsilon ${epsilon}, x ${x[i]}: got ${dx[i]}`);
        }
      }
    }
  });

  it('falls back to JS where float32 cannot follow: exact gradient, epsilon above 2^64, q > 4, float64', () => {
    const x = float32Inputs(2_000, 9);
    const dy = new Float32Array(x.length).fill(1);
    const mask = bernoulliMask(x.length, 0.5, { seed: 1 });
    const cases = [
      () => sparseoutBackward(dy, x, mask, { rate: 0.5, q: 1.5, gradient: 'exact' }),
      () => sparseoutForward(x, mask, { rate: 0.5, q: 1.5, epsilon: 1e30 }),
      () => sparseoutForward(x, mask, { rate: 0.5, q: 5 }),
      () => sparseoutForward(Float64Array.from(x), mask, { rate: 0.5, q: 1.5 }),
    ];
    for (const run of cases) {
      const fast = run();
      setKernelBackend('js');
      const plain = run();
      setKernelBackend('wasm');
      expect(fast).toEqual(plain);
    }
  });
});
