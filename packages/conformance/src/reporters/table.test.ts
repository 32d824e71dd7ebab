import { describe, expect, it } from 'vitest';
import { sampleResult } from './sample-result.testkit.js';
import { formatTable } from './table.js';

describe('reporters', () => {
  it('the table marks pass, FAIL with expected and measured, n/a with its reason, and the verdict', () => {
    const table = formatTable(sampleResult);
    expect(table).toMatch(/pass\s+S2\.6\s+zero input gives zero/);
    expect(table).toMatch(/FAIL\s+S2\.2/);
    expect(table).toContain('expected: 0.5 < 1');
    expect(table).toContain('measured: 0.25');
    expect(table).toMatch(/n\/a\s+S4\.1[\s\S]*supports\.noiseShape is false/);
    expect(table).toContain('DOES NOT CONFORM: 1 passed, 1 failed, 1 not applicable');
  });

  it('a run that fails only by a backend error (a throwing teardown) says so in its verdict', () => {
    const checks = sampleResult.backends[0].checks.filter((c) => c.status !== 'failed');
    const summary = { passed: 1, failed: 0, notApplicable: 1 };
    const backend = { backend: 'cpu', checks, summary, error: 'teardown: Error: lost' };
    const table = formatTable({
      ...sampleResult,
      summary,
      backends: [backend, { ...backend, backend: 'gpu' }],
    });
    expect(table).toContain('  ! teardown: Error: lost');
    expect(table).toMatch(
      /DOES NOT CONFORM: 1 passed, 0 failed, 1 not applicable, 2 backend errors \(1\.2 s\)$/,
    );
  });
});
