import { formatTable, runConformance } from '@sparseout/conformance';
import { describe, expect, it } from 'vitest';
import { brainjsAdapter } from './conformance.js';

describe('@sparseout/brain.js/conformance', () => {
  it('passes every applicable check of the conformance suite on cpu', async () => {
    const result = await runConformance(brainjsAdapter);
    const failed = result.backends.flatMap((b) => b.checks.filter((c) => c.status === 'failed'));
    if (failed.length > 0) console.log(formatTable(result));
    expect(failed.map((c) => `${c.id} ${c.title}: expected ${c.expected}, measured ${c.measured}`)).toEqual(
      [],
    );
    const passed = result.backends.flatMap((b) => b.checks.filter((c) => c.status === 'passed'));
    expect(passed.length).toBeGreaterThan(20);
  });
});
