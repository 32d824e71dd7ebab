import { describe, expect, it } from 'vitest';
import { sparseoutForward } from './forward.js';
import { bernoulliMask } from './mask.js';
import { sampleActivations } from './reference.testkit.js';
import { sparseout } from './sparseout.js';

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
