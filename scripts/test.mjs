#!/usr/bin/env node
// `pnpm test`: lint, typecheck, every package's Vitest suite (through turbo), then the summed
// total. Every step runs even when an earlier one fails, so the log always ends with the total
// line CI counts (scripts/test-summary.mjs); the exit code is non-zero if any step failed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const summary = fileURLToPath(new URL('test-summary.mjs', import.meta.url));

/** Runs a command in the workspace root with the log passed through; returns whether it passed. */
function step(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

step(process.execPath, [summary, '--clean']);
const steps = [
  ['lint', 'pnpm', ['run', 'lint']],
  ['typecheck', 'pnpm', ['run', 'typecheck']],
  ['tests', 'pnpm', ['exec', 'turbo', 'run', 'test', '--concurrency=2', '--continue']],
];
const failedSteps = steps.filter(([, command, args]) => !step(command, args)).map(([name]) => name);
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
const summaryPassed = step(process.execPath, [summary]);
process.exit(failedSteps.length === 0 && summaryPassed ? 0 : 1);
