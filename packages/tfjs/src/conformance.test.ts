import { runConformance } from '@sparseout/conformance';
import { describe, expect, it } from 'vitest';
import tfjsAdapter from './conformance.js';

describe('@sparseout/tfjs/conformance', () => {
  it('declares cpu, wasm and the forced composite path, explicit and seeded masks, both gradients, noise shapes, no float64', () => {
    expect(tfjsAdapter.backends).toEqual(['cpu', 'wasm', 'cpu-composite']);
    expect(tfjsAdapter.supports).toEqual({
      explicitMask: true,
      seededMask: true,
      gradient: { reference: true, exact: true },
      noiseShape: true,
      float64: false,
      inference: true,
    });
  });

  it.each(tfjsAdapter.backends)(
    'passes every applicable check of the conformance suite on %s',
    async (backend) => {
      const result = await runConformance(tfjsAdapter, { backend });
      const checks = result.backends.flatMap((b) => b.checks);
      const failed = checks.filter((c) => c.status === 'failed');
      expect(failed).toEqual([]);
      expect(result.ok).toBe(true);
      expect(checks.filter((c) => c.status === 'passed').length).toBeGreaterThan(10);
    },
  );
});
