import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * The built package as its users load it: by name, through the `exports` map, both as ESM and as
 * CommonJS (turbo builds the package before its tests run).
 */
describe('the published entry points', () => {
  it('import { sparseoutForward } from "@sparseout/core" works (ESM)', async () => {
    const core = await import('@sparseout/core');
    const y = core.sparseoutForward(new Float32Array([2]), new Uint8Array([1]), { rate: 0.5, q: 2 });
    expect(Array.from(y)).toEqual([4]);
  });

  it('require("@sparseout/core") works (CommonJS) and throws the same kind of typed errors', () => {
    const core = createRequire(import.meta.url)('@sparseout/core');
    const y = core.sparseoutForward(new Float64Array([2]), new Uint8Array([0]), { rate: 0.5, q: 2 });
    expect(Array.from(y)).toEqual([0]);
    expect(() => core.validateRate(2)).toThrowError(
      expect.objectContaining({ code: 'SPARSEOUT_INVALID_RATE' }),
    );
  });
});
