import type { CheckResult } from '@sparseout/conformance';
import { type MatrixRow, matrixRows } from './matrix.js';
import type { AdapterRun } from './types.js';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.passed, .ok { color: #1a7f37; } .failed, .FAIL, .ERROR { color: #cf222e; font-weight: 600; }
.not-applicable, .notrun { color: #6e7781; }
details { margin: 0.3rem 0; } summary { cursor: pointer; }
small { color: #57606a; }`;

function statusClass(status: string): string {
  if (status === 'ok') return 'ok';
  if (status.startsWith('FAIL')) return 'FAIL';
  if (status.startsWith('ERROR')) return 'ERROR';
  return 'notrun';
}

function matrixTable(rows: readonly MatrixRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.adapter)}</td><td>${escapeHtml(r.backend)}</td><td>${escapeHtml(r.environment)}</td>` +
        `<td class="n">${r.passed}</td><td class="n">${r.failed}</td><td class="n">${r.notApplicable}</td>` +
        `<td class="${statusClass(r.status)}">${escapeHtml(r.status)}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>adapter</th><th>backend</th><th>environment</th><th>passed</th><th>failed</th><th>n/a</th><th>status</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function checkRow(check: CheckResult): string {
  const detail =
    check.status === 'not-applicable'
      ? (check.reason ?? '')
      : `expected ${check.expected ?? ''}; measured ${check.measured ?? ''}`;
  return `<tr><td class="${check.status}">${check.status}</td><td>${escapeHtml(check.id)}</td><td>${escapeHtml(check.title)}</td><td><small>${escapeHtml(detail)}</small></td></tr>`;
}

/** A self-contained HTML report (no external resources): the matrix, then every check of every run. */
export function formatHtmlReport(runs: readonly AdapterRun[], meta: Record<string, string>): string {
  const details = runs
    .filter((run) => run.result)
    .flatMap((run) =>
      run.result!.backends.map((backend) => {
        const s = backend.summary;
        const open = s.failed > 0 ? ' open' : '';
        return `<details${open}><summary>${escapeHtml(run.specifier)} · ${escapeHtml(backend.backend)} · ${escapeHtml(run.environment)}: ${s.passed} passed, ${s.failed} failed, ${s.notApplicable} n/a</summary>
<table><thead><tr><th>status</th><th>clause</th><th>check</th><th>detail</th></tr></thead><tbody>
${backend.checks.map(checkRow).join('\n')}
</tbody></table></details>`;
      }),
    )
    .join('\n');
  const metaList = Object.entries(meta)
    .map(([k, v]) => `<li>${escapeHtml(k)}: ${escapeHtml(v)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sparseout conformance report</title><style>${STYLE}</style></head>
<body>
<h1>Sparseout conformance report</h1>
<ul>${metaList}</ul>
<h2>Matrix</h2>
${matrixTable(matrixRows(runs))}
<h2>Checks</h2>
${details}
</body></html>
`;
}
