import { describe, expect, it } from 'vitest';
import { formatJson } from './json.js';
import { sampleResult } from './sample-result.testkit.js';

describe('reporters', () => {
  it('JSON round-trips the structured result', () => {
    expect(JSON.parse(formatJson(sampleResult))).toEqual(sampleResult);
  });
});
