import type { AdapterRun } from './types.js';

/** One row of the matrix: adapter x backend x environment. */
export interface MatrixRow {
  adapter: string;
  backend: string;
  environment: string;
  passed: number;
  failed: number;
  notApplicable: number;
  /** 'ok', 'FAIL', or 'not run: <reason>'. */
  status: string;
  failedClauses: string[];
}

/** Flattens runs into matrix rows (one per backend; one per adapter that did not run). */
export function matrixRows(runs: readonly AdapterRun[]): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const run of runs) {
    if (!run.result) {
      rows.push({
        adapter: run.specifier,
        backend: '-',
        environment: run.environment,
        passed: 0,
        failed: 0,
        notApplicable: 0,
        status: `${run.broken ? 'ERROR' : 'not run'}: ${run.notRun ?? ''}`,
        failedClauses: [],
      });
      continue;
    }
    for (const backend of run.result.backends) {
      const { passed, failed, notApplicable } = backend.summary;
      const failedClauses = [
        ...new Set(backend.checks.filter((c) => c.status === 'failed').map((c) => c.id)),
      ];
      rows.push({
        adapter: run.specifier,
        backend: backend.backend,
        environment: run.environment,
        passed,
        failed,
        notApplicable,
        status: failed === 0 && !backend.error && passed > 0 ? 'ok' : `FAIL ${failedClauses.join(' ')}`,
        failedClauses,
      });
    }
  }
  return rows;
}

/** Whether the whole matrix conforms: no applicable check failed and nothing is broken. */
export function matrixOk(runs: readonly AdapterRun[]): boolean {
  return runs.every((run) => (run.result ? run.result.ok : !run.broken));
}

/** The matrix as a terminal table. */
export function formatMatrix(rows: readonly MatrixRow[]): string {
  const header = ['adapter', 'backend', 'environment', 'passed', 'failed', 'n/a', 'status'];
  const cells = rows.map((r) => [
    r.adapter,
    r.backend,
    r.environment,
    String(r.passed),
    String(r.failed),
    String(r.notApplicable),
    r.status.length > 90 ? `${r.status.slice(0, 89)}…` : r.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const numeric = new Set([3, 4, 5]);
  const line = (values: string[]) =>
    values
      .map((v, i) => (numeric.has(i) ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
