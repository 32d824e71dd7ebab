// Step 3 of the release test: what a user does. A fresh folder outside the workspace, plain
// `npm`, only the @sparseout scope pointed at the test registry (frameworks come from the
// ordinary registry), then every package imported as ESM and as CJS, and the conformance CLI run
// on every adapter.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.mjs';
import { SCOPE } from './registry.mjs';

/**
 * @typedef {{ name: string, version: string, manifest: Record<string, any> }} Released
 */

/**
 * The frameworks to install beside a package: its peer dependencies (optional ones too, so every
 * backend its conformance module uses is there) outside the @sparseout scope, at the exact
 * version the package's own tests use (its devDependency) when it pins one.
 * @param {Record<string, any>} manifest
 * @returns {string[]} npm install specs
 */
export function frameworkSpecs(manifest) {
  return Object.entries(manifest.peerDependencies ?? {})
    .filter(([name]) => !name.startsWith(`${SCOPE}/`))
    .map(([name, range]) => `${name}@${manifest.devDependencies?.[name] ?? range}`);
}

/**
 * The module specifiers a package offers (`name`, `name/sub`), each with the ways it can be
 * loaded: `import` unless it offers only `require`, `require` where a require condition exists.
 * @param {Record<string, any>} manifest
 * @returns {{ specifier: string, esm: boolean, cjs: boolean }[]}
 */
export function moduleEntries(manifest) {
  const exportsMap = manifest.exports;
  if (exportsMap === undefined)
    return [{ specifier: manifest.name, esm: true, cjs: manifest.type !== 'module' }];
  const subpaths =
    typeof exportsMap === 'string' || Object.keys(exportsMap).some((key) => !key.startsWith('.'))
      ? { '.': exportsMap }
      : exportsMap;
  return Object.entries(subpaths)
    .filter(([subpath]) => !subpath.includes('*') && !subpath.endsWith('.json'))
    .map(([subpath, target]) => {
      const conditions = typeof target === 'object' && target !== null ? Object.keys(target) : [];
      const cjs = conditions.includes('require') || (typeof target === 'string' && target.endsWith('.cjs'));
      const esm = conditions.length === 0 || conditions.some((condition) => condition !== 'require');
      return {
        specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
        esm,
        cjs,
      };
    });
}

/**
 * Creates the user's project in `dir` and installs the released packages and their frameworks.
 * @param {{ dir: string, registryUrl: string, released: Released[] }} options
 * @param {NodeJS.ProcessEnv} env
 */
export async function installAsUser({ dir, registryUrl, released }, env) {
  await run('npm', ['init', '-y'], { cwd: dir, env, capture: true });
  writeFileSync(join(dir, '.npmrc'), `${SCOPE}:registry=${registryUrl}\n`);
  const specs = [
    ...released.map((pkg) => `${pkg.name}@${pkg.version}`),
    ...new Set(released.flatMap((pkg) => frameworkSpecs(pkg.manifest))),
  ];
  console.log(`npm install ${specs.join(' ')}`);
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: dir, env });
}

/**
 * Loads every module entry in a fresh Node process per format: one ESM (`import()`), one CJS
 * (`require`). Returns lines `format specifier: N exports`; throws if any load fails.
 * @param {string} dir the user's project
 * @param {Released[]} released
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<string[]>}
 */
export async function importEverything(dir, released, env) {
  const entries = released.flatMap((pkg) => moduleEntries(pkg.manifest));
  const esm = entries.filter((entry) => entry.esm).map((entry) => entry.specifier);
  const cjs = entries.filter((entry) => entry.cjs).map((entry) => entry.specifier);
  const esmScript = `for (const s of ${JSON.stringify(esm)}) { const m = await import(s); if (Object.keys(m).length === 0) throw new Error(s + ' has no exports'); console.log('ESM ' + s + ': ' + Object.keys(m).length + ' exports'); }`;
  const cjsScript = `for (const s of ${JSON.stringify(cjs)}) { const m = require(s); if (Object.keys(m).length === 0) throw new Error(s + ' has no exports'); console.log('CJS ' + s + ': ' + Object.keys(m).length + ' exports'); }`;
  const lines = [];
  for (const [args, label] of [
    [['--input-type=module', '-e', esmScript], 'ESM'],
    [['--input-type=commonjs', '-e', cjsScript], 'CJS'],
  ]) {
    const result = await run(process.execPath, /** @type {string[]} */ (args), {
      cwd: dir,
      env,
      capture: true,
    });
    lines.push(...result.stdout.trim().split('\n').filter(Boolean));
    if (label === 'CJS' && cjs.length === 0) lines.push('CJS: no package offers require');
  }
  return lines;
}

/**
 * The adapter modules to hold to the suite: every `<package>/conformance` export, and the
 * reference adapter over core that @sparseout/conformance ships (`./core-adapter`).
 * @param {Released[]} released
 * @returns {string[]}
 */
export function conformanceModules(released) {
  return released.flatMap((pkg) => {
    const subpaths = Object.keys(
      typeof pkg.manifest.exports === 'object' ? (pkg.manifest.exports ?? {}) : {},
    );
    return ['./conformance', './core-adapter']
      .filter((subpath) => subpaths.includes(subpath))
      .map((subpath) => `${pkg.name}/${subpath.slice(2)}`);
  });
}

/**
 * Runs `npx sparseout-conformance <module>` in the user's project; returns its closing verdict
 * line (`CONFORMS: ...`) and exit code.
 * @param {string} dir
 * @param {string} module
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ module: string, code: number, verdict: string }>}
 */
export async function runConformance(dir, module, env) {
  const result = await run('npx', ['--no-install', 'sparseout-conformance', module], {
    cwd: dir,
    env,
    capture: true,
    allowFailure: true,
  });
  const output = `${result.stdout}${result.stderr}`;
  process.stdout.write(output);
  const verdict =
    output.split('\n').find((line) => /^(CONFORMS|DOES NOT CONFORM)/.test(line)) ??
    output.trim().split('\n').pop() ??
    '';
  return { module, code: result.code, verdict: verdict.trim() };
}
