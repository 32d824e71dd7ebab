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
});
