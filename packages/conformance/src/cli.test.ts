import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, '.generated', 'cli-test');
const cli = join(work, 'cli.mjs');
const example = join(root, 'examples', 'minimal-adapter.mjs');

/** Runs the CLI (bundled from src, dependencies external) in `cwd`. */
function run(args: string[], cwd = work) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
  execFileSync(esbuild, [
    join(root, 'src', 'cli.ts'),
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--packages=external',
    '--log-level=warning',
    `--outfile=${cli}`,
  ]);
  // An ESM-only package in the project's node_modules: its "./conformance" has only an "import" target.
  const pkg = join(work, 'node_modules', 'esm-only-adapter');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'esm-only-adapter',
      type: 'module',
      exports: { './conformance': { import: './adapter.js' } },
    }),
  );
  writeFileSync(join(pkg, 'adapter.js'), `export { default } from ${JSON.stringify(example)};\n`);
  writeFileSync(
    join(work, 'incomplete.mjs'),
    'export default { name: "half", backends: ["cpu"], supports: { explicitMask: true } };\n',
  );
  writeFileSync(
    join(work, 'plain-dropout.mjs'),
    `import adapter from ${JSON.stringify(example)};\nexport default { ...adapter, name: 'plain dropout', forward: (r) => adapter.forward({ ...r, q: 2 }) };\n`,
  );
}, 60_000);

describe('sparseout-conformance CLI', () => {
  it('runs a file path, prints the table, writes JSON and JUnit, exits 0 when every check passes', () => {
    const { code, stdout } = run([example, '--json', 'out.json', '--junit', 'out.xml']);
    expect(stdout).toContain('CONFORMS');
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8'));
    expect(json.ok).toBe(true);
    expect(json.backends[0].backend).toBe('cpu');
    const xml = readFileSync(join(work, 'out.xml'), 'utf8');
    expect(xml).toContain('<testsuites name="sparseout-conformance"');
    expect(xml).toContain('name="S2.6 zero input gives zero');
    expect(xml).toContain('<skipped message="supports.noiseShape is false');
  });

  it('resolves an ESM-only package specifier from the current directory', () => {
    const { code, stdout } = run(['esm-only-adapter/conformance', '--only', 'S2.6,S4.2']);
    expect(stdout).toContain('S2.6');
    expect(stdout).toContain('S4.2');
    expect(stdout).not.toContain('S5.1');
    expect(code).toBe(0);
  });

  it('exits 1 and names the clause when an applicable check fails', () => {
    const { code, stdout } = run(['./plain-dropout.mjs', '--only', 'S2.2']);
    expect(stdout).toMatch(/FAIL\s+S2\.2/);
    expect(stdout).toContain('DOES NOT CONFORM');
    expect(code).toBe(1);
  });

  it('exits 2 naming the missing members of an adapter that breaks the contract', () => {
    const { code, stderr } = run(['./incomplete.mjs']);
    expect(code).toBe(2);
    expect(stderr).toContain('does not meet the adapter contract');
    expect(stderr).toContain('forward: a function is required');
    expect(stderr).toContain('supports.float64: a boolean is required');
  });

  it('exits 2 for a module that cannot be resolved, and for an unknown backend', () => {
    const missing = run(['no-such-adapter/conformance']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot resolve 'no-such-adapter/conformance'");
    const backend = run([example, '--backend', 'webgpu']);
    expect(backend.code).toBe(2);
    expect(backend.stderr).toContain("backend 'webgpu' is not one of my-framework-sparseout's backends: cpu");
  });

  it('writes --json and --junit into folders that do not exist yet', () => {
    rmSync(join(work, 'reports'), { recursive: true, force: true });
    const { code } = run([
      example,
      '--only',
      'S2.6',
      '--json',
      'reports/a/r.json',
      '--junit',
      'reports/b/r.xml',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'reports', 'a', 'r.json'), 'utf8')).ok).toBe(true);
    expect(readFileSync(join(work, 'reports', 'b', 'r.xml'), 'utf8')).toContain('<testsuites');
  });

  it('exits 2 with a one-line message, before running, when a report path is a folder', () => {
    const { code, stdout, stderr } = run([example, '--json', '.']);
    expect(code).toBe(2);
    expect(stderr).toContain(`sparseout-conformance: --json ${work} is a folder, not a file`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).not.toContain('S2.6');
  });

  it('--timeout fails a hung check after that many seconds (exit 1); a bad value exits 2', () => {
    writeFileSync(
      join(work, 'hangs.mjs'),
      `import adapter from ${JSON.stringify(example)};\nexport default { ...adapter, name: 'hangs', forward: () => new Promise(() => {}) };\n`,
    );
    const started = Date.now();
    const hung = run(['./hangs.mjs', '--only', 'S2.6', '--timeout', '0.2']);
    expect(hung.code).toBe(1);
    expect(hung.stdout).toContain('measured: no result (hung)');
    expect(Date.now() - started).toBeLessThan(20_000);
    for (const value of ['abc', '0', '-1']) {
      const bad = run([example, `--timeout=${value}`]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(`--timeout must be a number of seconds > 0, got ${value}`);
    }
  });

  it('an unhandled rejection or uncaught exception from the adapter fails the run (exit 1), in the table and the reports', () => {
    writeFileSync(
      join(work, 'stray.mjs'),
      [
        `import adapter from ${JSON.stringify(example)};`,
        'let calls = 0;',
        "export default { ...adapter, name: 'stray', async forward(request) {",
        "  if (++calls === 2) Promise.reject(new Error('lost readback'));",
        "  if (calls === 3) setTimeout(() => { throw new RangeError('late throw'); }, 0);",
        '  await new Promise((resolve) => setTimeout(resolve, 1));',
        '  return adapter.forward(request);',
        '} };',
        '',
      ].join('\n'),
    );
    const { code, stdout } = run([
      './stray.mjs',
      '--only',
      'S2.6,S2.7',
      '--json',
      'stray.json',
      '--junit',
      'stray.xml',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '! unhandled rejection: Error: lost readback; uncaught exception: RangeError: late throw',
    );
    expect(stdout).toContain('DOES NOT CONFORM');
    expect(stdout).not.toContain('CONFORMS:');
    expect(JSON.parse(readFileSync(join(work, 'stray.json'), 'utf8')).ok).toBe(false);
    expect(readFileSync(join(work, 'stray.xml'), 'utf8')).toContain('name="unhandled rejection"');
  });

  it('exits after the report when the adapter leaves a timer running (a hung call, or a setup that polls)', () => {
    writeFileSync(
      join(work, 'hangs-polling.mjs'),
      `import adapter from ${JSON.stringify(example)};\nexport default { ...adapter, name: 'hangs polling', forward: () => new Promise(() => { setInterval(() => {}, 1000); }) };\n`,
    );
    const hung = run(['./hangs-polling.mjs', '--only', 'S2.6', '--timeout', '0.2']);
    expect(hung.stdout).toContain('DOES NOT CONFORM');
    expect(hung.code).toBe(1);
    writeFileSync(
      join(work, 'polls.mjs'),
      `import adapter from ${JSON.stringify(example)};\nexport default { ...adapter, name: 'polls', setup: () => { setInterval(() => {}, 1000); } };\n`,
    );
    const polls = run(['./polls.mjs', '--only', 'S2.6']);
    expect(polls.stdout).toContain('CONFORMS: 1 passed');
    expect(polls.code).toBe(0);
  });

  it('exits 2 naming the filter when --only matches no check, instead of calling the adapter non-conforming', () => {
    for (const only of ['S9', ',']) {
      const { code, stdout, stderr } = run([example, '--only', only]);
      expect(code).toBe(2);
      expect(stderr).toContain(`--only ${only} matches no check; clauses are S1.1`);
      expect(stdout).not.toContain('DOES NOT CONFORM');
    }
  });
});

describe('docs/writing-an-adapter.md', () => {
  it('shows the minimal example adapter verbatim (the one the CLI test runs)', () => {
    const doc = readFileSync(join(root, '..', '..', 'docs', 'writing-an-adapter.md'), 'utf8');
    expect(doc).toContain(readFileSync(example, 'utf8'));
  });
});
