import type { AdapterRun } from './types.js';

/** One row of the matrix: adapter x backend x environment. */
export interface MatrixRow {
  adapter: string;
  backend: string;
  environment: string;
  passed: number;
  failed: number;
  notApplicable: number;
  /** 'ok', 'FAIL', 'skipped: <reason>' (never counted as passed) or 'not run: <reason>'. */
  status: string;
  failedClauses: string[];
}

/** Flattens runs into matrix rows (one per backend; one per adapter that did not run). */
export function matrixRows(runs: readonly AdapterRun[]): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const run of runs) {
    rows.push(...runRows(run));
    for (const { backend, reason } of run.skipped ?? []) {
      rows.push({
        adapter: run.specifier,
        backend,
        environment: run.environment,
        passed: 0,
        failed: 0,
        notApplicable: 0,
        status: `skipped: ${reason}`,
        failedClauses: [],
      });
    }
  }
  return rows;
}

/** The rows of one run: one per backend that ran, or one saying why the adapter did not run. */
function runRows(run: AdapterRun): MatrixRow[] {
  const base = { adapter: run.specifier, environment: run.environment };
  if (!run.result) {
    const status = `${run.broken ? 'ERROR' : 'not run'}: ${run.notRun ?? ''}`;
    return [{ ...base, backend: '-', passed: 0, failed: 0, notApplicable: 0, status, failedClauses: [] }];
  }
  return run.result.backends.map((backend) => {
    const { passed, failed, notApplicable } = backend.summary;
    const failedClauses = [...new Set(backend.checks.filter((c) => c.status === 'failed').map((c) => c.id))];
    const status = failed === 0 && !backend.error && passed > 0 ? 'ok' : `FAIL ${failedClauses.join(' ')}`;
    return { ...base, backend: backend.backend, passed, failed, notApplicable, status, failedClauses };
  });
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
