import { describe, expect, it } from 'vitest';
import { formatJson } from '../src/reporters/json.js';
import { formatJunit } from '../src/reporters/junit.js';
import { formatTable } from '../src/reporters/table.js';
import type { ConformanceResult } from '../src/result.js';

const result: ConformanceResult = {
  adapter: 'a <b> & "c"',
  environment: 'node',
  ok: false,
  durationMs: 1200,
  summary: { passed: 1, failed: 1, notApplicable: 1 },
  backends: [
    {
      backend: 'cpu',
      summary: { passed: 1, failed: 1, notApplicable: 1 },
      checks: [
        {
          id: 'S2.6',
          title: 'zero input gives zero',
          status: 'passed',
          expected: 'y = 0',
          measured: 'y = 0',
          durationMs: 5,
        },
        {
          id: 'S2.2',
          title: 'the gain follows q',
          status: 'failed',
          expected: '0.5 < 1',
          measured: '0.25',
          durationMs: 7,
        },
        {
          id: 'S4.1',
          title: 'noise shapes',
          status: 'not-applicable',
          reason: 'supports.noiseShape is false',
          durationMs: 0,
        },
      ],
    },
  ],
};

describe('reporters', () => {
  it('the table marks pass, FAIL with expected and measured, n/a with its reason, and the verdict', () => {
    const table = formatTable(result);
    expect(table).toMatch(/pass\s+S2\.6\s+zero input gives zero/);
    expect(table).toMatch(/FAIL\s+S2\.2/);
    expect(table).toContain('expected: 0.5 < 1');
    expect(table).toContain('measured: 0.25');
    expect(table).toMatch(/n\/a\s+S4\.1[\s\S]*supports\.noiseShape is false/);
    expect(table).toContain('DOES NOT CONFORM: 1 passed, 1 failed, 1 not applicable');
  });

  it('JUnit XML escapes names and maps failed to <failure>, n/a to <skipped>', () => {
    const xml = formatJunit(result);
    expect(xml).toContain('tests="3" failures="1" skipped="1"');
    expect(xml).toContain('classname="a &lt;b&gt; &amp; &quot;c&quot; [cpu, node]"');
    expect(xml).toContain('<failure message="expected 0.5 &lt; 1; measured 0.25">');
    expect(xml).toContain('<skipped message="supports.noiseShape is false"/>');
    expect(xml).not.toMatch(/<b>|& "/);
  });

  it('JSON round-trips the structured result', () => {
    expect(JSON.parse(formatJson(result))).toEqual(result);
  });
});
