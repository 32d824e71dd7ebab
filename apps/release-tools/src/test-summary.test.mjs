import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/test-summary.mjs', import.meta.url));
/** The only closing-line form CI's log reader counts (anything after it reads as "ran no test"). */
const CI_COUNT_LINE = /^(\w+: )?\d+ passed, \d+ failed(, \d+ skipped)?$/;

/** @type {string[]} */
const roots = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/**
 * A workspace with one Vitest JSON report per entry of `reports` (under packages/p<i>).
 * @param {object[]} reports
 */
function workspace(reports) {
  const root = mkdtempSync(join(tmpdir(), 'test-summary-'));
  roots.push(root);
  reports.forEach((report, i) => {
    const dir = join(root, 'packages', `p${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.vitest-results.json'), JSON.stringify(report));
  });
  return root;
}

/** @param {string} root */
function summarize(root) {
  const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  return { status: run.status, lines: run.stdout.trimEnd().split('\n') };
}

describe('the pnpm test closing line', () => {
  it('is exactly "Tests: N passed, N failed, N skipped", summed over every package, and last', () => {
    const root = workspace([
      {
        numPassedTests: 400,
        numFailedTests: 0,
        numPendingTests: 2,
        numTodoTests: 1,
        testResults: [{ status: 'passed' }],
      },
      { numPassedTests: 29, numFailedTests: 0, numPendingTests: 0, testResults: [{ status: 'passed' }] },
    ]);
    const { status, lines } = summarize(root);
    expect(status).toBe(0);
    expect(lines.at(-1)).toBe('Tests: 429 passed, 0 failed, 3 skipped');
    expect(lines.at(-1)).toMatch(CI_COUNT_LINE);
  });

  it('counts failures and exits non-zero, still ending with the count line', () => {
    const root = workspace([{ numPassedTests: 10, numFailedTests: 2, testResults: [{ status: 'failed' }] }]);
    const { status, lines } = summarize(root);
    expect(status).toBe(1);
    expect(lines.at(-1)).toBe('Tests: 10 passed, 2 failed, 0 skipped');
  });

  it('fails a run in which a test file failed to load, though no test failed', () => {
    const root = workspace([
      { numPassedTests: 5, numFailedTests: 0, testResults: [{ status: 'passed' }, { status: 'failed' }] },
    ]);
    expect(summarize(root).status).toBe(1);
  });

  it('fails a run with no test at all', () => {
    const { status, lines } = summarize(workspace([]));
    expect(status).toBe(1);
    expect(lines.at(-1)).toBe('Tests: 0 passed, 0 failed, 0 skipped');
  });
});

describe('.ci/run', () => {
  const ciRun = fileURLToPath(new URL('../../../.ci/run', import.meta.url));
  /** The script's commands, without comments and blank lines. */
  const commands = () =>
    readFileSync(ciRun, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));

  it('sends stderr to stdout before any tool runs, so no stderr line can follow the count', () => {
    const lines = commands();
    const merge = lines.indexOf('exec 2>&1');
    expect(merge).toBeGreaterThan(-1);
    // Only the shell's own settings may come first.
    expect(lines.slice(0, merge).every((line) => /^(set |cd |export )/.test(line))).toBe(true);
  });

  it("ends with the README's test command, whose last line is the count", () => {
    expect(commands().at(-1)).toMatch(/^pnpm test( |$)/);
  });

  it("keeps the count last when the test command fails: pnpm's ELIFECYCLE line dropped, its status kept", () => {
    const last = commands().at(-1);
    const project = mkdtempSync(join(tmpdir(), 'ci-run-tail-'));
    roots.push(project);
    const count = 'Tests: 1 passed, 1 failed, 0 skipped';
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'tail', private: true, scripts: { test: `echo '${count}'; exit 1` } }),
    );
    mkdirSync(join(project, 'node_modules')); // else pnpm warns that it is missing, after the script
    const run = spawnSync('bash', ['-c', `set -o pipefail; ${last}`], { cwd: project, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(count);
  });
});
