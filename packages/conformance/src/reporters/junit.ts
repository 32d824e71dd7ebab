import type { ConformanceResult } from '../result.js';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML: one <testsuite> per adapter x backend x environment, one <testcase> per check named
 * "<clause> <title>"; failures carry expected and measured, n/a checks are <skipped> with the reason,
 * and a backend error (a setup or teardown that threw, an unhandled rejection) is an <error> case.
 */
export function formatJunit(results: ConformanceResult | ConformanceResult[]): string {
  const runs = Array.isArray(results) ? results : [results];
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errorCount = 0;
  let skipped = 0;
  for (const run of runs) {
    for (const backend of run.backends) {
      const name = `${run.adapter} [${backend.backend}, ${run.environment}]`;
      const cases = backend.checks.map((check) => {
        const head = `    <testcase classname="${escapeXml(name)}" name="${escapeXml(`${check.id} ${check.title}`)}" time="${(check.durationMs / 1000).toFixed(3)}"`;
        if (check.status === 'passed') return `${head}/>`;
        if (check.status === 'not-applicable') {
          return `${head}>\n      <skipped message="${escapeXml(check.reason ?? 'not applicable')}"/>\n    </testcase>`;
        }
        const message = `expected ${check.expected ?? ''}; measured ${check.measured ?? ''}`;
        return `${head}>\n      <failure message="${escapeXml(message)}">${escapeXml(message)}</failure>\n    </testcase>`;
      });
      // A setup or teardown that threw (or, from the CLI, an error the adapter left unhandled) fails
      // the run (result.ok): one <error> case, named by the error's prefix, says so.
      const errors = backend.error === undefined ? 0 : 1;
      if (backend.error !== undefined) {
        const colon = backend.error.indexOf(':');
        const phase = colon > 0 ? backend.error.slice(0, colon) : 'error';
        cases.push(
          `    <testcase classname="${escapeXml(name)}" name="${phase}" time="0.000">\n      <error message="${escapeXml(backend.error)}"/>\n    </testcase>`,
        );
      }
      const s = backend.summary;
      const count = backend.checks.length + errors;
      tests += count;
      failures += s.failed;
      errorCount += errors;
      skipped += s.notApplicable;
      const time = backend.checks.reduce((t, c) => t + c.durationMs, 0) / 1000;
      suites.push(
        `  <testsuite name="${escapeXml(name)}" tests="${count}" failures="${s.failed}" errors="${errors}" skipped="${s.notApplicable}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`,
      );
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="sparseout-conformance" tests="${tests}" failures="${failures}" skipped="${skipped}" errors="${errorCount}">\n${suites.join('\n')}\n</testsuites>\n`;
}
