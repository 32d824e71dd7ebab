import { afterEach, describe, expect, it } from 'vitest';
import { getKernelBackend, setKernelBackend, wasmKernelsAvailable } from './backend.js';
import { sparseoutBackward } from './backward.js';
import { SparseoutError } from './errors.js';
import { sparseoutForward } from './forward.js';
import { MIN_EPSILON, validateEpsilon } from './params.js';
import { sparseout } from './sparseout.js';

/**
 * S1.3 amendment A1 (docs/spec.md): epsilon >= 1e-20. Below it the backends disagreed (float64
 * 1 / 1e-310 overflows, float32 n * g overflows at 1e-37); at it every backend keeps S2.6 and S3.4.
 */
const backends = wasmKernelsAvailable() ? (['js', 'wasm'] as const) : (['js'] as const);
const initial = getKernelBackend();
afterEach(() => setKernelBackend(initial));

/** Zero, tiny and subnormal inputs of both signs, as float32 and float64 can hold them. */
const TINY = [
  0, -0, 1e-45, -1e-45, 1e-38, -1e-38, 1e-30, -1e-30, 1e-20, -1e-20, 1e-12, -1e-12, 1e-6, -1e-6, 1, -1,
];
/** Rates up to the largest float64 below 1, where n = r / (1 - r) is 2^53 - 1. */
const RATES = [0.5, 0.99, 0.999999, 1 - 2 ** -24, 1 - 2 ** -53];
const QS = [0, 0.25, 0.5, 1, 1.5, 1.99];

describe('S1.3 the smallest epsilon (amendment A1)', () => {
  it('S1.3 epsilon below 1e-20 is refused with SPARSEOUT_INVALID_EPSILON, naming it', () => {
    for (const epsilon of [9.99999999999999e-21, 1e-21, 1e-37, 1e-39, 1e-310, 5e-324]) {
      expect(() => validateEpsilon(epsilon)).toThrowError(
        expect.objectContaining({
          code: 'SPARSEOUT_INVALID_EPSILON',
          message: expect.stringContaining(`got ${epsilon}`),
        }),
      );
      const x = new Float32Array([0, 1]);
      const out = new Float32Array([7, 7]);
      expect(() => sparseoutForward(x, new Uint8Array([1, 0]), { rate: 0.5, q: 0, epsilon }, out)).toThrow(
        SparseoutError,
      );
      expect(Array.from(out)).toEqual([7, 7]);
      expect(() => sparseout(x, { rate: 0.5, q: 0, epsilon, seed: 1 })).toThrow(SparseoutError);
      expect(() =>
        sparseoutBackward(new Float32Array([1, 1]), x, new Uint8Array([1, 0]), { rate: 0.5, q: 0, epsilon }),
      ).toThrow(SparseoutError);
    }
    expect(validateEpsilon(MIN_EPSILON)).toBe(1e-20);
  });

  for (const backend of backends) {
    it(`S2.6 S3.4 at epsilon 1e-20 (${backend}): y = 0 at x = 0 and every y and dx finite, float32 and float64`, () => {
      setKernelBackend(backend);
      let calls = 0;
      for (const Type of [Float32Array, Float64Array]) {
        const x = Type.from(TINY);
        const dy = new Type(x.length).fill(1);
        const masks = [new Uint8Array(x.length).fill(1), new Uint8Array(x.length)];
        for (const rate of RATES) {
          for (const q of QS) {
            for (const mask of masks) {
              const y = sparseoutForward(x, mask, { rate, q, epsilon: MIN_EPSILON });
              const where = `${Type.name} rate ${rate} q ${q} kept ${mask[0]}`;
              for (let i = 0; i < x.length; i++) {
                if (x[i] === 0 && y[i] !== 0) expect.fail(`${where}: y(0) = ${y[i]}`);
                if (!Number.isFinite(y[i])) expect.fail(`${where}: y(${x[i]}) = ${y[i]}`);
              }
              for (const gradient of ['reference', 'exact'] as const) {
                const dx = sparseoutBackward(dy, x, mask, { rate, q, epsilon: MIN_EPSILON, gradient });
                for (let i = 0; i < x.length; i++) {
                  if (!Number.isFinite(dx[i])) expect.fail(`${where} ${gradient}: dx(${x[i]}) = ${dx[i]}`);
                }
              }
              calls += 3;
            }
          }
        }
      }
      expect(calls).toBe(2 * RATES.length * QS.length * 2 * 3);
    });
  }

  it('S2.6 the seeded path at epsilon 1e-20, q 0, rate 0.99: y = 0 at x = 0 on every backend', () => {
    const x = new Float32Array(4096);
    for (const backend of backends) {
      setKernelBackend(backend);
      const { y } = sparseout(x, { rate: 0.99, q: 0, epsilon: MIN_EPSILON, seed: 3, step: 1 });
      expect(y.every((v) => v === 0)).toBe(true);
    }
  });
});
