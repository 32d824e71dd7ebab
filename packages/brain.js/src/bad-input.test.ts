import fc from 'fast-check';
import { describe, it } from 'vitest';
import { mistakenSettings, mistakenValue, typedOrNothing } from './mistaken-values.testkit.js';
import { resolveSettings } from './options.js';

describe('S1.4 fuzz: brain.js settings throw nothing but SparseoutError', () => {
  it('S1.4 resolveSettings: 300 fuzzed settings', () => {
    fc.assert(
      fc.property(fc.oneof(mistakenValue, mistakenSettings), (s) => {
        typedOrNothing(() => resolveSettings(s as never));
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
