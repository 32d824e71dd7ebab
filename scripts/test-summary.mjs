#!/usr/bin/env node
// Sums the per-package Vitest JSON reports (`.vitest-results.json`, written by each package's
// vitest.config.ts) into closing lines in Vitest's own summary wording, so a reader (or a CI log
// parser) of the whole `pnpm test` run sees one total. `--clean` removes stale reports before a run.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = ['packages', 'apps'].flatMap((group) => {
  const dir = join(root, group);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => join(dir, name, '.vitest-results.json'))
    .filter((file) => existsSync(file));
});

if (process.argv.includes('--clean')) {
  for (const file of reports) rmSync(file);
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
let filesPassed = 0;
let filesFailed = 0;
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const result of report.testResults ?? []) {
    if (result.status === 'failed') filesFailed++;
    else filesPassed++;
  }
}

/** Vitest's own summary wording ("2 failed | 413 passed (415)"), summed over every package. */
function counts(failedCount, passedCount, skippedCount) {
  const parts = [];
  if (failedCount > 0) parts.push(`${failedCount} failed`);
  parts.push(`${passedCount} passed`);
  if (skippedCount > 0) parts.push(`${skippedCount} skipped`);
  return `${parts.join(' | ')} (${failedCount + passedCount + skippedCount})`;
}

console.log(`\nAll packages (${reports.length} Vitest reports):`);
console.log(` Test Files  ${counts(filesFailed, filesPassed, 0)}`);
console.log(`      Tests  ${counts(failed, passed, skipped)}`);
console.log(
  `Tests: ${passed} passed, ${failed} failed, ${skipped} skipped, ${passed + failed + skipped} total`,
);
process.exit(failed > 0 || filesFailed > 0 || passed === 0 ? 1 : 0);
