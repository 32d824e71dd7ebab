import { describe, expect, it } from 'vitest';
import { formatJunit } from './junit.js';
import { sampleResult } from './sample-result.testkit.js';

describe('reporters', () => {
  it('JUnit XML escapes names and maps failed to <failure>, n/a to <skipped>', () => {
    const xml = formatJunit(sampleResult);
    expect(xml).toContain('tests="3" failures="1" skipped="1"');
    expect(xml).toContain('classname="a &lt;b&gt; &amp; &quot;c&quot; [cpu, node]"');
    expect(xml).toContain('<failure message="expected 0.5 &lt; 1; measured 0.25">');
    expect(xml).toContain('<skipped message="supports.noiseShape is false"/>');
    expect(xml).not.toMatch(/<b>|& "/);
  });

  it('JUnit XML reports a backend error (a throwing teardown) as an <error>, as the exit code does', () => {
    const backend = { ...sampleResult.backends[0], error: 'teardown: Error: <gpu> lost' };
    const xml = formatJunit({ ...sampleResult, backends: [backend] });
    expect(xml).toContain('tests="4" failures="1" errors="1" skipped="1"');
    expect(xml).toContain('name="teardown"');
    expect(xml).toContain('<error message="teardown: Error: &lt;gpu&gt; lost"/>');
    expect(xml).toContain(
      '<testsuites name="sparseout-conformance" tests="4" failures="1" skipped="1" errors="1">',
    );
  });
});
