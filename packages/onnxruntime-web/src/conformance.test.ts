import { formatTable, runConformance } from '@sparseout/conformance';
import { describe, expect, it } from 'vitest';
import { onnxruntimeWebAdapter } from './conformance.js';

describe('conformance suite on ORT-web wasm', () => {
  it('passes every applicable check (S1-S5)', async () => {
    const result = await runConformance(onnxruntimeWebAdapter);
    const checks = result.backends.flatMap((b) => b.checks);
    const failed = checks.filter((c) => c.status === 'failed');
    if (failed.length > 0) console.log(formatTable(result));
    expect(failed.map((c) => `${c.id} ${c.title}: ${c.measured}`)).toEqual([]);
    expect(checks.filter((c) => c.status === 'passed').length).toBeGreaterThan(10);
  }, 180_000);
});
