import type { ConformanceResult } from '../result.js';

/**
 * One result for the reporters' tests: a passed, a failed and a not-applicable check, and an
 * adapter name with the characters XML must escape.
 */
export const sampleResult: ConformanceResult = {
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
