import type { CheckResult, ConformanceResult } from '../result.js';

const MARK: Record<CheckResult['status'], string> = {
  passed: 'pass',
  failed: 'FAIL',
  'not-applicable': 'n/a',
};

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * A terminal table: one row per check (status, clause, title), the reason under each n/a row and
 * expected/measured under each failure, then the totals.
 */
export function formatTable(
  result: ConformanceResult,
  options: { width?: number; verbose?: boolean } = {},
): string {
  const width = options.width ?? 110;
  const lines: string[] = [];
  for (const backend of result.backends) {
    lines.push(`${result.adapter} · backend ${backend.backend} · ${result.environment}`);
    if (backend.error) lines.push(`  ! ${backend.error}`);
    for (const check of backend.checks) {
      lines.push(truncate(`  ${MARK[check.status].padEnd(4)}  ${check.id.padEnd(5)}  ${check.title}`, width));
      if (check.status === 'not-applicable' && check.reason)
        lines.push(truncate(`               ${check.reason}`, width));
      if (check.status === 'failed' || options.verbose) {
        if (check.expected) lines.push(`               expected: ${check.expected}`);
        if (check.measured) lines.push(`               measured: ${check.measured}`);
      }
    }
    const s = backend.summary;
    lines.push(`  ${s.passed} passed, ${s.failed} failed, ${s.notApplicable} not applicable`, '');
  }
  const s = result.summary;
  // A backend error (setup, teardown, an unhandled rejection) fails a run whose checks all passed.
  const errors = result.backends.filter((b) => b.error !== undefined).length;
  const errorText = errors === 0 ? '' : `, ${errors} backend error${errors === 1 ? '' : 's'}`;
  lines.push(
    `${result.ok ? 'CONFORMS' : 'DOES NOT CONFORM'}: ${s.passed} passed, ${s.failed} failed, ${s.notApplicable} not applicable${errorText} (${(result.durationMs / 1000).toFixed(1)} s)`,
  );
  return lines.join('\n');
}
