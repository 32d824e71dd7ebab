#!/usr/bin/env node
// Sums the per-package Vitest JSON reports (`.vitest-results.json`, written by each package's
// vitest.config.ts) into one total for the whole `pnpm test` run. The last line it prints is the
// form CI's log reader counts, exactly `Tests: N passed, N failed, N skipped`, nothing after it.
// `--clean` removes stale reports before a run; `--root <dir>` reads another workspace (tests).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `.vitest-results.json` of every package and app under `root`. */
export function findReports(root) {
  return ['packages', 'apps'].flatMap((group) => {
    const dir = join(root, group);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map((name) => join(dir, name, '.vitest-results.json'))
      .filter((file) => existsSync(file));
  });
}

/** Test and file counts summed over Vitest JSON reports. */
export function sumReports(files) {
  const total = { passed: 0, failed: 0, skipped: 0, filesPassed: 0, filesFailed: 0, reports: files.length };
  for (const file of files) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    total.passed += report.numPassedTests ?? 0;
    total.failed += report.numFailedTests ?? 0;
    total.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const result of report.testResults ?? []) {
      if (result.status === 'failed') total.filesFailed++;
      else total.filesPassed++;
    }
  }
  return total;
}

/** The closing line CI counts: `Tests: N passed, N failed, N skipped` (no total, nothing else). */
export function closingLine({ passed, failed, skipped }) {
  return `Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

/** Vitest's own wording ("2 failed | 413 passed (415)"), for the human reader. */
function vitestCounts(failed, passed, skipped) {
  const parts = [];
  if (failed > 0) parts.push(`${failed} failed`);
  parts.push(`${passed} passed`);
  if (skipped > 0) parts.push(`${skipped} skipped`);
  return `${parts.join(' | ')} (${failed + passed + skipped})`;
}

/** The summary block; its last line is `closingLine`. */
export function summaryLines(total) {
  return [
    '',
    `All packages (${total.reports} Vitest reports):`,
    ` Test Files  ${vitestCounts(total.filesFailed, total.filesPassed, 0)}`,
    `      Tests  ${vitestCounts(total.failed, total.passed, total.skipped)}`,
    closingLine(total),
  ];
}

/** Whether the run counts as passing: tests ran, none failed, no file failed to load. */
export function passedRun(total) {
  return total.failed === 0 && total.filesFailed === 0 && total.passed > 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rootIndex = process.argv.indexOf('--root');
  const root = rootIndex > 0 ? process.argv[rootIndex + 1] : fileURLToPath(new URL('..', import.meta.url));
  const files = findReports(root);
  if (process.argv.includes('--clean')) {
    for (const file of files) rmSync(file);
    process.exit(0);
  }
  const total = sumReports(files);
  console.log(summaryLines(total).join('\n'));
  process.exit(passedRun(total) ? 0 : 1);
}
