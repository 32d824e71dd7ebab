#!/usr/bin/env node
// `pnpm lint:workflows`: validates every GitHub Actions workflow in .github/workflows against the
// workflow schema with action-validator (@action-validator/cli, a WebAssembly build from npm: no
// binary download at install). First it checks that the validator rejects a known-broken workflow
// (a job without `runs-on`, an unknown trigger), so a validator that accepts anything fails here
// instead of passing every file. Exits non-zero on any invalid workflow, or when there is none.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const workflows = join(root, '.github', 'workflows');
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@action-validator/cli/package.json')), 'cli.mjs');

/** Runs the validator on one file: { ok, output }. */
function validate(file) {
  const result = spawnSync(process.execPath, [cli, file], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

const BROKEN = [
  'name: broken',
  'on: pushh',
  'jobs:',
  '  test:',
  '    steps:',
  '      - run: echo no runs-on',
  '',
].join('\n');

const scratch = mkdtempSync(join(tmpdir(), 'sparseout-workflows-'));
let selfTest;
try {
  const file = join(scratch, 'broken.yml');
  writeFileSync(file, BROKEN);
  selfTest = validate(file);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (selfTest.ok) {
  console.error('lint:workflows: action-validator accepted a broken workflow; it checks nothing.');
  process.exit(1);
}

const files = readdirSync(workflows)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => join(workflows, name));
if (files.length === 0) {
  console.error(`lint:workflows: no workflow in ${relative(root, workflows)}`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  const { ok, output } = validate(file);
  const name = relative(root, file);
  if (ok) console.log(`${name}: valid`);
  else {
    failed++;
    console.error(`${name}: invalid\n${output}`);
  }
}
console.log(`${files.length - failed} of ${files.length} workflows valid (a broken one is rejected)`);
process.exit(failed === 0 ? 0 : 1);
