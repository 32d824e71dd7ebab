#!/usr/bin/env node
// `pnpm test:release`: the release, end to end, on loopback only.
//  1. a real npm registry (Verdaccio, in this process) on 127.0.0.1, storage in a temporary folder;
//  2. in a temporary clone: a throwaway changeset, `pnpm version-packages`, commit, `pnpm release`
//     against that registry; the published package.json files carry real caret ranges;
//  3. in a fresh folder outside the workspace, plain `npm` installs every published package and
//     its frameworks (only the @sparseout scope points at the test registry), imports each as
//     ESM and CJS, and runs `npx sparseout-conformance` on every adapter: each must exit 0;
//  4. the bad input: `pnpm release` with nothing pending, with uncommitted changes and with an
//     unapplied changeset publishes nothing, and against a second registry that refuses one
//     package it exits non-zero; each registry is closed and its folder removed afterwards.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './exec.mjs';
import {
  addThrowawayChangeset,
  assertScopeRegistry,
  cloneAndInstall,
  commitAll,
  headCommit,
  isolatedEnv,
  pnpmRelease,
  writeMaintainerNpmrc,
} from './maintainer.mjs';
import { fetchPackument, fetchPublishedManifest, publishedRangeFindings } from './published-manifests.mjs';
import { conformanceModules, importEverything, installAsUser, runConformance } from './user-install.mjs';
import { registryGone, withRegistry } from './verdaccio.mjs';
import { publicPackages, repoRoot } from './workspace.mjs';

/** @typedef {import('./user-install.mjs').Released} Released */
/** @typedef {import('./verdaccio.mjs').Registry} Registry */

const MANDATORY = ['@sparseout/core', '@sparseout/conformance'];
const REFUSED = '@sparseout/core';
const started = performance.now();
/** Set by Ctrl-C or SIGTERM: the next step throws, and every `finally` cleans up. */
let interrupted = '';
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    console.error(`\nReceived ${signal}: stopping after the current command, then cleaning up.`);
    interrupted = signal;
  });
}

/** @param {string} title */
function step(title) {
  if (interrupted) throw new Error(`interrupted by ${interrupted}`);
  console.log(`\n== ${title}  [${((performance.now() - started) / 1000).toFixed(0)} s]`);
}

/**
 * The maintainer's environment: npm's user config points the @sparseout scope at `registry`.
 * @param {string} work
 * @param {Registry} registry
 */
function maintainerEnv(work, registry) {
  const npmrc = join(work, `maintainer-${registry.port}.npmrc`);
  writeMaintainerNpmrc(npmrc, registry);
  return isolatedEnv({ npm_config_userconfig: npmrc });
}

/**
 * Clone, changeset, version, `pnpm release`; then reads back every published manifest and checks
 * its ranges. Returns the clone and the published manifests.
 * @param {string} work
 * @param {Registry} registry
 */
async function releaseFromClone(work, registry) {
  step('2. Maintainer: clone, changeset, version-packages, release');
  const repo = join(work, 'repo');
  const env = maintainerEnv(work, registry);
  const commit = await headCommit(repoRoot);
  console.log(`Cloning ${repoRoot} at ${commit}`);
  await cloneAndInstall(repoRoot, commit, repo, env);
  await assertScopeRegistry(repo, env, registry.url);
  const names = await addThrowawayChangeset(repo);
  await run('pnpm', ['version-packages'], { cwd: repo, env, capture: true });
  await commitAll(repo, 'Release test: version packages');
  const versions = new Map(publicPackages(repo).map((pkg) => [pkg.name, String(pkg.manifest.version)]));
  console.log(`Versioned: ${[...versions].map(([name, version]) => `${name}@${version}`).join(', ')}`);
  for (const name of [...names, ...MANDATORY]) {
    if (!versions.has(name)) throw new Error(`${name} was not versioned`);
  }
  step('2b. pnpm release');
  const release = await pnpmRelease(repo, env);
  process.stdout.write(`${release.stdout}${release.stderr}`);
  if (release.code !== 0) throw new Error(`\`pnpm release\` exited with code ${release.code}`);
  /** @type {Released[]} */
  const published = [];
  const findings = [];
  for (const [name, version] of versions) {
    const manifest = await fetchPublishedManifest(registry.url, name, version);
    findings.push(...publishedRangeFindings(manifest, versions));
    published.push({ name, version, manifest });
  }
  if (findings.length > 0) throw new Error(`published manifests:\n  - ${findings.join('\n  - ')}`);
  return { repo, published };
}

/**
 * Step 3: the user's install, imports and conformance runs; throws unless every adapter conforms.
 * @param {string} work
 * @param {Registry} registry
 * @param {Released[]} published
 */
async function installAndConform(work, registry, published) {
  step('3. User: npm install from the test registry, import as ESM and CJS, run the conformance CLI');
  const dir = join(work, 'user');
  const env = isolatedEnv();
  mkdirSync(dir);
  await installAsUser({ dir, registryUrl: registry.url, released: published }, env);
  const imports = await importEverything(dir, published, env);
  for (const line of imports) console.log(line);
  const modules = conformanceModules(published);
  if (!modules.some((module) => module.startsWith('@sparseout/conformance/'))) {
    throw new Error('@sparseout/conformance ships no reference adapter (./core-adapter) to run');
  }
  const results = [];
  for (const module of modules) {
    console.log(`\n$ npx sparseout-conformance ${module}`);
    results.push(await runConformance(dir, module, env));
  }
  const failed = results.filter((result) => result.code !== 0);
  if (failed.length > 0) {
    const list = failed.map((r) => `${r.module} (exit ${r.code}: ${r.verdict})`).join('; ');
    throw new Error(`conformance failed: ${list}`);
  }
  return { imports, results };
}

/**
 * Every version of every @sparseout package on the registry, e.g. `@sparseout/core@0.1.0`.
 * @param {Registry} registry
 * @param {string[]} names
 */
async function versionsOn(registry, names) {
  const versions = [];
  for (const name of names) {
    const packument = await fetchPackument(registry.url, name);
    versions.push(...Object.keys(packument?.versions ?? {}).map((version) => `${name}@${version}`));
  }
  return versions;
}

/**
 * `pnpm release` must exit non-zero and print `expected`; the registry must then hold `after`
 * (by default: what it held before).
 * @param {string} label
 * @param {{ repo: string, env: NodeJS.ProcessEnv, registry: Registry, names: string[] }} clone
 * @param {RegExp} expected
 * @param {string[]} [after] the versions on the registry afterwards, as `versionsOn` lists them
 */
async function expectRefusal(label, { repo, env, registry, names }, expected, after) {
  const wanted = (after ?? (await versionsOn(registry, names))).join(', ');
  const result = await pnpmRelease(repo, env);
  const output = `${result.stdout}${result.stderr}`;
  const now = await versionsOn(registry, names);
  if (result.code === 0 || !expected.test(output) || now.join(', ') !== wanted) {
    throw new Error(
      `${label}: expected a refusal matching ${expected} and [${wanted}] on the registry; got exit ` +
        `${result.code}, [${now.join(', ')}]:\n${output}`,
    );
  }
  const line = `${label}: exit ${result.code}, "${output.match(expected)?.[0]}", ${now.length} version(s) on the registry`;
  console.log(line);
  return line;
}

/**
 * Throws unless the registry, once `withRegistry` returned, is closed and its folder gone.
 * @param {Registry} registry
 */
async function assertGone(registry) {
  if (!(await registryGone(registry))) {
    throw new Error(`registry on port ${registry.port} (${registry.dir}) outlived its run`);
  }
  return `registry on port ${registry.port} closed, ${registry.dir} removed`;
}

/**
 * Step 4: the release's refusals. On the registry it released to: nothing pending, uncommitted
 * changes. On a second registry that refuses REFUSED: the same versions, a failed publish. Then,
 * back on the first: an unapplied changeset.
 * @param {string} work
 * @param {Registry} registry
 * @param {string} repo
 * @param {string[]} names
 */
async function badInput(work, registry, repo, names) {
  step('4. Bad input: pnpm release must refuse, or fail, and publish nothing it should not');
  const clone = { repo, env: maintainerEnv(work, registry), registry, names };
  const lines = [await expectRefusal('no pending changesets', clone, /Nothing to release/)];
  writeFileSync(join(repo, 'uncommitted.txt'), 'work in progress\n');
  lines.push(await expectRefusal('uncommitted changes', clone, /uncommitted changes/));
  rmSync(join(repo, 'uncommitted.txt'));
  /** @type {Registry | undefined} */
  let refusing;
  await withRegistry({ refusePublish: [REFUSED] }, async (second) => {
    refusing = second;
    const failing = { repo, env: maintainerEnv(work, second), registry: second, names };
    // changeset publish goes on with the other packages; the refused one must not be there.
    const others = publicPackages(repo)
      .filter((pkg) => pkg.name !== REFUSED)
      .map((pkg) => `${pkg.name}@${pkg.manifest.version}`);
    const message = new RegExp(`error occurred while publishing ${REFUSED}`);
    lines.push(await expectRefusal(`registry refuses ${REFUSED}`, failing, message, others));
  });
  lines.push(await assertGone(/** @type {Registry} */ (refusing)));
  await addThrowawayChangeset(repo);
  lines.push(await expectRefusal('unapplied changeset', clone, /not yet applied/));
  return lines;
}

/**
 * What was published and how each check went.
 * @param {{ registry: Registry, published: Released[], imports: string[], results: { module: string, code: number, verdict: string }[], refusals: string[] }} summary
 */
function printSummary({ registry, published, imports, results, refusals }) {
  console.log(`\n== Summary\nPublished to ${registry.url} (Verdaccio) with \`pnpm release\`:`);
  for (const pkg of published) {
    const internal = Object.entries(pkg.manifest.dependencies ?? {})
      .filter(([name]) => name.startsWith('@sparseout/'))
      .map(([name, range]) => `${name} ${range}`);
    console.log(
      `  ${pkg.name}@${pkg.version}${internal.length ? `  (depends on ${internal.join(', ')})` : ''}`,
    );
  }
  const esm = imports.filter((line) => line.startsWith('ESM ')).length;
  const cjs = imports.filter((line) => line.startsWith('CJS ')).length;
  console.log(`Installed with npm in a fresh folder; loaded ${esm} module(s) as ESM, ${cjs} as CJS.`);
  console.log('Conformance (npx sparseout-conformance <module>):');
  for (const result of results) console.log(`  ${result.module}  exit ${result.code}  ${result.verdict}`);
  console.log('Bad input:');
  for (const line of refusals) console.log(`  ${line}`);
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'sparseout-release-test-'));
  try {
    step('1. Verdaccio on loopback');
    /** @type {Registry | undefined} */
    let first;
    const summary = await withRegistry({}, async (registry) => {
      first = registry;
      console.log(`Registry at ${registry.url}, storage in ${registry.dir}`);
      const { repo, published } = await releaseFromClone(work, registry);
      const { imports, results } = await installAndConform(work, registry, published);
      const refusals = await badInput(
        work,
        registry,
        repo,
        published.map((pkg) => pkg.name),
      );
      return { registry, published, imports, results, refusals };
    });
    summary.refusals.push(await assertGone(/** @type {Registry} */ (first)));
    printSummary(summary);
    console.log(`Release test passed in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`\nRelease test failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
