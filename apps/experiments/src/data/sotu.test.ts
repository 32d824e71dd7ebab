import { describe, expect, it } from 'vitest';
import { loadAddresses, splitByAddress } from './sotu.js';

describe('State of the Union split by address', () => {
  const addresses = loadAddresses();
  const split = splitByAddress(addresses, { seed: 11, validation: 0.1, test: 0.1 });

  it('loads every address with a unique id (1953 and 1961 have two each)', () => {
    expect(addresses.length).toBeGreaterThan(200);
    expect(new Set(addresses.map((a) => a.id)).size).toBe(addresses.length);
    expect(addresses.filter((a) => a.year === 1953)).toHaveLength(2);
  });

  it('puts no address in two splits and every address in one', () => {
    const seen = new Map<string, string>();
    for (const [name, part] of Object.entries(split)) {
      for (const address of part) {
        expect(seen.get(address.id), `${address.id} in ${seen.get(address.id)} and ${name}`).toBeUndefined();
        seen.set(address.id, name);
      }
    }
    expect(seen.size).toBe(addresses.length);
  });

  it('shares no address text between splits', () => {
    const trainTexts = new Set(split.train.map((a) => a.text));
    for (const a of [...split.validation, ...split.test]) expect(trainTexts.has(a.text)).toBe(false);
  });

  it('gives 10% / 10% / 80% of the addresses, the same for the same seed, another for another', () => {
    expect(split.validation).toHaveLength(Math.round(0.1 * addresses.length));
    expect(split.test).toHaveLength(Math.round(0.1 * addresses.length));
    const again = splitByAddress(addresses, { seed: 11, validation: 0.1, test: 0.1 });
    expect(again.test.map((a) => a.id)).toEqual(split.test.map((a) => a.id));
    const other = splitByAddress(addresses, { seed: 12, validation: 0.1, test: 0.1 });
    expect(other.test.map((a) => a.id)).not.toEqual(split.test.map((a) => a.id));
  });
});

describe('language data: a training slice and held-out windows', () => {
  it('tiles the first trainCharacters characters of the training text with non-overlapping windows', async () => {
    const { loadLanguageData } = await import('./language.js');
    const data = loadLanguageData({
      seed: 11,
      timeSteps: 16,
      trainCharacters: 1600,
      validationWindows: 8,
      testWindows: 4,
      minCharCount: 100,
    });
    expect(data.train.count).toBe(100);
    expect(data.validation.count).toBe(8);
    expect(data.test.count).toBe(4);
    // Window w + 1 starts where window w's inputs end: the slice is covered once, in order.
    expect(data.train.inputs[16]).toBe(data.train.targets[15]);
    expect(data.characters.train).toBeGreaterThan(8_000_000);
  });
});
