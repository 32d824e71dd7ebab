import { mulberry32 } from '@sparseout/testkit';
import { describe, expect, it } from 'vitest';
import { fastPow } from './fast-pow.js';

/** The stated bound of fast-pow.ts: relative error <= 2e-13 against the exact power. */
const BOUND = 2e-13;
/** Math.pow is itself within about 1 ulp (2.2e-16) of the exact power; allowed on top of the bound. */
const REFERENCE_SLACK = 1e-15;

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);

/** A float32 with uniformly random bits (finite, non-negative): every binade equally likely. */
function randomFloat32(random: () => number): number {
  for (;;) {
    f32Bits[0] = Math.floor(random() * 0x7f800000);
    if (Number.isFinite(f32[0])) return f32[0];
  }
}

const EXPONENTS = [-1, -0.75, -0.5, -0.25, -0.1, 0.05, 0.25, 0.5, 1, 1.5];
const EPSILONS = [1e-12, 1e-7, 2 ** -149];

function relativeError(t: number, p: number): number {
  const exact = t ** p;
  return Math.abs(fastPow(t, p) - exact) / exact;
}

describe('fastPow (S2.2 gain for general q)', () => {
  it('S2.2 is within 2e-13 relative over the float32 range: 10^6 samples of |x| + epsilon', () => {
    const random = mulberry32(2024);
    let worst = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const t = randomFloat32(random) + EPSILONS[i % EPSILONS.length];
      const p = EXPONENTS[i % EXPONENTS.length];
      if (t ** p === 0 || !Number.isFinite(t ** p)) continue;
      worst = Math.max(worst, relativeError(t, p));
    }
    expect(worst).toBeLessThanOrEqual(BOUND + REFERENCE_SLACK);
  });

  it('S2.2 handles zeros (t = epsilon), float32 subnormals and the largest finite values', () => {
    const special = [
      1e-12,
      2 ** -149 + 1e-12,
      2 ** -149,
      2 ** -126,
      2 ** -126 - 2 ** -149,
      1,
      1 - 2 ** -24,
      1 + 2 ** -23,
      3.4028234663852886e38,
      3.4028234663852886e38 + 1e-12,
      2 ** 127,
    ];
    for (const t of special) {
      for (const p of [...EXPONENTS, -0.999, 0.999]) {
        expect(relativeError(t, p), `t = ${t}, p = ${p}`).toBeLessThanOrEqual(BOUND + REFERENCE_SLACK);
      }
    }
  });

  it('S2.2 is within the bound for random float64 t and exponents in [-1, 1]', () => {
    const random = mulberry32(7);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const t = 2 ** (random() * 400 - 200) * (1 + random());
      const p = random() * 2 - 1;
      worst = Math.max(worst, relativeError(t, p));
    }
    expect(worst).toBeLessThanOrEqual(BOUND + REFERENCE_SLACK);
  });

  it('outside its domain it is Math.pow exactly (float64 subnormals, infinities, huge exponents)', () => {
    for (const [t, p] of [
      [2 ** -1074, -0.25],
      [0, -0.5],
      [0, 0.5],
      [Number.POSITIVE_INFINITY, -0.25],
      [Number.POSITIVE_INFINITY, 0.5],
      [Number.NaN, 0.5],
      [1e300, 5],
      [1e-300, -5],
    ]) {
      expect(Object.is(fastPow(t, p), t ** p), `t = ${t}, p = ${p}`).toBe(true);
    }
  });
});
