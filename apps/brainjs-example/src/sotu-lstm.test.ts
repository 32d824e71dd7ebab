import { describe, expect, it } from 'vitest';
import { sotuSentences, type TextConfig, trainSotuLSTMs } from './sotu-lstm.js';

const TINY: TextConfig = {
  train: 10,
  heldOut: 10,
  maxLength: 40,
  hidden: 12,
  epochs: 3,
  probability: 0.2,
  seed: 7,
};

describe('character LSTM on State of the Union sentences (smoke run)', () => {
  it('splits by address: no held-out sentence is a training sentence, every character in the alphabet', () => {
    const { train, heldOut } = sotuSentences({ ...TINY, train: 120, heldOut: 120, maxLength: 64 });
    expect(train.length).toBe(120);
    expect(heldOut.length).toBe(120);
    const seen = new Set(train);
    expect(heldOut.filter((s) => seen.has(s)).length).toBeLessThan(3); // stock phrases may repeat
    for (const s of [...train, ...heldOut]) expect(s).toMatch(/^[a-z ,.]{12,64}$/);
  });

  it('S7.1 trains plain and q = 1, 2, 3 from the same weights; each learns, each Sparseout run differs', () => {
    const { results, initialBits } = trainSotuLSTMs(TINY);
    expect(results.map((r) => r.q)).toEqual([null, 1, 2, 3]);
    // 30 symbols (29 characters and the end token): the initial weights sit near log2(30) = 4.9 bits.
    expect(initialBits).toBeGreaterThan(4.5);
    for (const r of results) {
      expect(r.trainBits).toBeLessThan(initialBits - 0.5);
      expect(Number.isFinite(r.heldOutBits)).toBe(true);
      expect(r.hoyer).toBeGreaterThanOrEqual(0);
      expect(r.hoyer).toBeLessThanOrEqual(1);
    }
    const bits = new Set(results.map((r) => r.trainBits));
    expect(bits.size).toBe(4);
  });
});
