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
});
