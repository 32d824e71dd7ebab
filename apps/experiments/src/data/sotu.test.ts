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
