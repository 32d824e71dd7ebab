#!/usr/bin/env node
// `pnpm test:release`: the release, end to end, on loopback only.
//  1. a real npm registry (Verdaccio) on 127.0.0.1, storage in a temporary folder, always stopped;
//  2. in a temporary clone: a throwaway changeset, `pnpm version-packages`, commit, `pnpm release`
//     against that registry; the published package.json files carry real caret ranges;
//  3. in a fresh folder outside the workspace, plain `npm` installs every published package and
//     its frameworks (only the @sparseout scope points at the test registry), imports each as
//     ESM and CJS, and runs `npx sparseout-conformance` on every adapter: each must exit 0;
//  4. prints what was published and the conformance summary.
// Then the bad input: `pnpm release` with nothing pending, with uncommitted changes and with
// unapplied changesets publishes nothing; and a second run of this script whose registry refuses
// one package (`--refuse-publish <name>`) must exit non-zero with its registry stopped and its
// temporary folders removed (`--report <file>` is where such a run says what it created).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { withCleanup } from './cleanup.mjs';
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
import { fetchPublishedManifest, publishedRangeFindings } from './published-manifests.mjs';
import { conformanceModules, importEverything, installAsUser, runConformance } from './user-install.mjs';
import { ensureVerdaccio, startRegistry, VERDACCIO_VERSION } from './verdaccio.mjs';
import { publicPackages, repoRoot } from './workspace.mjs';

/** @typedef {import('./cleanup.mjs').CleanupStack} CleanupStack */
/** @typedef {import('./user-install.mjs').Released} Released */

const MANDATORY = ['@sparseout/core', '@sparseout/conformance'];
const REFUSED_IN_FAILURE_CHECK = '@sparseout/core';
const SELF = fileURLToPath(import.meta.url);

/** When each step started (ms since the run began), for the summary's timings. */
const timeline = /** @type {{ title: string, at: number }[]} */ ([]);

/** @param {string} title */
function step(title) {
  const at = performance.now();
  timeline.push({ title, at });
  console.log(`\n== ${title}  [${(at / 1000).toFixed(0)} s]`);
}

/**
 * Lines `NN s  title` for each step, its duration up to the next step (or `end`).
 * @param {number} end
 */
function stepDurations(end) {
  return timeline.map(({ title, at }, index) => {
    const next = timeline[index + 1]?.at ?? end;
    return `${((next - at) / 1000).toFixed(0).padStart(4)} s  ${title}`;
  });
}

/**
 * Appends facts to the `--report` file, if any (read by the run that checks the clean-up).
 * @param {string | undefined} file
 * @param {Record<string, unknown>} facts
 */
function report(file, facts) {
  if (!file) return;
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, JSON.stringify({ ...previous, ...facts }, null, 2));
}

/**
 * Steps 1 and 2: registry, clone, changeset, version, release. Throws if `pnpm release` fails.
 * @param {CleanupStack} stack
 * @param {{ commit: string, refusePublish: string[], reportFile?: string }} options
 */
async function publishThroughRegistry(stack, { commit, refusePublish, reportFile }) {
  const work = stack.tempDir('sparseout-release-test-');
  report(reportFile, { tempDir: work });
  step(`1. Verdaccio ${VERDACCIO_VERSION} on loopback`);
  const installDir = await ensureVerdaccio();
  const registryDir = join(work, 'registry');
  mkdirSync(registryDir);
  const registry = await startRegistry({ installDir, dir: registryDir, refusePublish });
  stack.defer(`stop Verdaccio (pid ${registry.pid})`, registry.stop);
  report(reportFile, { registryPid: registry.pid, registryPort: registry.port });
  console.log(`Registry at ${registry.url}, storage in ${registryDir}`);
  if (refusePublish.length > 0) console.log(`The registry refuses to publish: ${refusePublish.join(', ')}`);

  step('2. Maintainer: clone, changeset, version-packages, release');
  const repo = join(work, 'repo');
  const npmrc = join(work, 'maintainer.npmrc');
  writeMaintainerNpmrc(npmrc, registry);
  const env = isolatedEnv({ npm_config_userconfig: npmrc });
  console.log(`Cloning ${repoRoot} at ${commit}`);
  await cloneAndInstall(repoRoot, commit, repo, env);
  await assertScopeRegistry(repo, env, registry.url);
  const names = await addThrowawayChangeset(repo);
  await run('pnpm', ['version-packages'], { cwd: repo, env, capture: true });
  await commitAll(repo, 'Release test: version packages');
  const released = publicPackages(repo).map((pkg) => ({
    name: pkg.name,
    version: String(pkg.manifest.version),
    manifest: pkg.manifest,
  }));
  console.log(`Versioned: ${released.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`);
  step('2b. pnpm release');
  const release = await pnpmRelease(repo, env);
  process.stdout.write(`${release.stdout}${release.stderr}`);
  if (release.code !== 0) throw new Error(`\`pnpm release\` exited with code ${release.code}`);
  for (const name of [...names, ...MANDATORY]) {
    if (!released.some((pkg) => pkg.name === name)) throw new Error(`${name} was not versioned and released`);
  }
  return { registry, repo, env, work, released };
}

/**
 * Reads back every published manifest and checks its ranges. Returns the published manifests.
 * @param {string} registryUrl
 * @param {Released[]} released
 * @returns {Promise<Released[]>}
 */
async function verifyPublished(registryUrl, released) {
  const versions = new Map(released.map((pkg) => [pkg.name, pkg.version]));
  const findings = [];
  const published = [];
  for (const pkg of released) {
    const manifest = await fetchPublishedManifest(registryUrl, pkg.name, pkg.version);
    findings.push(...publishedRangeFindings(manifest, versions));
    published.push({ name: pkg.name, version: pkg.version, manifest });
  }
  if (findings.length > 0) throw new Error(`published manifests:\n  - ${findings.join('\n  - ')}`);
  return published;
}

/**
 * How many versions of each package the registry holds.
 * @param {string} registryUrl
 * @param {string[]} names
 */
async function versionCounts(registryUrl, names) {
  const counts = [];
  for (const name of names) {
    const response = await fetch(`${registryUrl}${name.replace('/', '%2f')}`);
    const packument = response.ok ? /** @type {{ versions?: object }} */ (await response.json()) : {};
    counts.push(Object.keys(packument.versions ?? {}).length);
  }
  return counts.join(',');
}

/**
 * `pnpm release` must refuse (exit non-zero, print `expected`) and publish nothing.
 * @param {string} label
 * @param {string} repo
 * @param {NodeJS.ProcessEnv} env
 * @param {RegExp} expected
 * @param {string} registryUrl
 * @param {string[]} names
 */
async function expectRefusal(label, repo, env, expected, registryUrl, names) {
  const before = await versionCounts(registryUrl, names);
  const result = await pnpmRelease(repo, env);
  const output = `${result.stdout}${result.stderr}`;
  const after = await versionCounts(registryUrl, names);
  if (result.code === 0 || !expected.test(output) || before !== after) {
    throw new Error(
      `${label}: expected a refusal matching ${expected} and nothing published; got exit ` +
        `${result.code}, versions ${before} -> ${after}:\n${output}`,
    );
  }
  const reason = output.trim().split('\n')[0];
  console.log(`${label}: refused (exit ${result.code}), nothing published: "${reason}"`);
  return `${label}: refused, nothing published`;
}

/**
 * The bad-input cases that need no second registry: nothing pending, uncommitted changes,
 * unapplied changesets.
 * @param {string} repo
 * @param {NodeJS.ProcessEnv} env
 * @param {string} registryUrl
 * @param {string[]} names
 */
async function badInputChecks(repo, env, registryUrl, names) {
  step('Bad input: pnpm release must refuse and publish nothing');
  const lines = [];
  lines.push(
    await expectRefusal('no pending changesets', repo, env, /Nothing to release/, registryUrl, names),
  );
  writeFileSync(join(repo, 'uncommitted.txt'), 'work in progress\n');
  lines.push(
    await expectRefusal('uncommitted changes', repo, env, /uncommitted changes/, registryUrl, names),
  );
  rmSync(join(repo, 'uncommitted.txt'));
  await addThrowawayChangeset(repo);
  lines.push(await expectRefusal('unapplied changeset', repo, env, /not yet applied/, registryUrl, names));
  return lines;
}

/**
 * Step 3: the user's install, imports and conformance runs.
 * @param {CleanupStack} stack
 * @param {string} registryUrl
 * @param {Released[]} published
 */
async function installAndConform(stack, registryUrl, published) {
  step('3. User: npm install from the test registry, import as ESM and CJS, run the conformance CLI');
  const dir = stack.tempDir('sparseout-release-user-');
  const env = isolatedEnv();
  await installAsUser({ dir, registryUrl, released: published }, env);
  step('3b. Import every export as ESM and as CJS');
  const imports = await importEverything(dir, published, env);
  for (const line of imports) console.log(line);
  const modules = conformanceModules(published);
  if (!modules.some((module) => module.startsWith('@sparseout/conformance/'))) {
    throw new Error('@sparseout/conformance ships no reference adapter (./core-adapter) to run');
  }
  step('3c. npx sparseout-conformance on every adapter');
  const results = [];
  for (const module of modules) {
    console.log(`\n$ npx sparseout-conformance ${module}`);
    results.push(await runConformance(dir, module, env));
  }
  const failed = results.filter((result) => result.code !== 0);
  if (failed.length > 0) {
    throw new Error(
      `conformance failed: ${failed.map((r) => `${r.module} (exit ${r.code}: ${r.verdict})`).join('; ')}`,
    );
  }
  return { imports, results };
}

/**
 * Whether something accepts TCP connections on 127.0.0.1:port.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** @param {number} pid */
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs this script again with a registry that refuses one package, and checks the run fails and
 * leaves nothing behind.
 * @param {CleanupStack} stack
 * @param {string} commit the commit the first run released
 * @param {NodeJS.ProcessEnv} env
 */
async function failedPublishCheck(stack, commit, env) {
  step(`Bad input: a failed publish (the registry refuses ${REFUSED_IN_FAILURE_CHECK})`);
  const reportFile = join(stack.tempDir('sparseout-release-report-'), 'report.json');
  const args = [
    SELF,
    '--refuse-publish',
    REFUSED_IN_FAILURE_CHECK,
    '--commit',
    commit,
    '--report',
    reportFile,
  ];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    for (const line of String(chunk).split('\n'))
      if (line.startsWith('== ')) console.log(`  (failure run) ${line}`);
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  const facts = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : {};
  const problems = [];
  if (code === 0) problems.push('the run exited 0');
  if (!/pnpm release` exited with code [1-9]/.test(output))
    problems.push('the run did not fail at `pnpm release`');
  if (!output.includes(`error occurred while publishing ${REFUSED_IN_FAILURE_CHECK}`)) {
    problems.push(`changeset publish did not report the refused ${REFUSED_IN_FAILURE_CHECK}`);
  }
  if (!facts.tempDir || existsSync(facts.tempDir)) problems.push(`temporary folder left: ${facts.tempDir}`);
  if (!facts.registryPid || processAlive(facts.registryPid))
    problems.push(`registry process ${facts.registryPid} alive`);
  if (!facts.registryPort || (await portAnswers(facts.registryPort))) {
    problems.push(`port ${facts.registryPort} still answers`);
  }
  if (problems.length > 0) throw new Error(`failed-publish check: ${problems.join('; ')}\n${output}`);
  const line =
    `failed publish: exit ${code}, registry (pid ${facts.registryPid}, port ${facts.registryPort}) ` +
    'stopped, temporary folders removed';
  console.log(line);
  return line;
}

/**
 * Step 4: what was published and how each adapter did.
 * @param {{ registryUrl: string, published: Released[], imports: string[], conformance: { module: string, code: number, verdict: string }[], badInput: string[], seconds: number }} summary
 */
function printSummary({ registryUrl, published, imports, conformance, badInput, seconds }) {
  step('4. Summary');
  console.log(`Published to ${registryUrl} (Verdaccio ${VERDACCIO_VERSION}) with \`pnpm release\`:`);
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
  for (const result of conformance) console.log(`  ${result.module}  exit ${result.code}  ${result.verdict}`);
  console.log('Bad input:');
  for (const line of badInput) console.log(`  ${line}`);
  console.log('Time per step:');
  for (const line of stepDurations(performance.now())) console.log(`  ${line}`);
  console.log(`Release test passed in ${seconds.toFixed(0)} s.`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      'refuse-publish': { type: 'string', multiple: true, default: [] },
      report: { type: 'string' },
      commit: { type: 'string' },
    },
  });
  const refusePublish = /** @type {string[]} */ (values['refuse-publish']);
  if (refusePublish.length > 0) {
    // The failure run: only steps 1 and 2, which must throw; the clean-up runs regardless.
    const commit = values.commit ?? (await headCommit(repoRoot));
    await withCleanup((stack) =>
      publishThroughRegistry(stack, { commit, refusePublish, reportFile: values.report }),
    );
    return;
  }
  const started = performance.now();
  // Both runs release the same commit, whatever lands meanwhile.
  const commit = await headCommit(repoRoot);
  await withCleanup(async (stack) => {
    // One turbo cache for this run and the failure run below: the second build is a cache hit.
    process.env.TURBO_CACHE_DIR ??= stack.tempDir('sparseout-release-turbo-');
    const { registry, repo, env, released } = await publishThroughRegistry(stack, {
      commit,
      refusePublish: [],
    });
    const published = await verifyPublished(registry.url, released);
    const names = published.map((pkg) => pkg.name);
    const badInput = await badInputChecks(repo, env, registry.url, names);
    const { imports, results } = await installAndConform(stack, registry.url, published);
    badInput.push(await failedPublishCheck(stack, commit, isolatedEnv()));
    const seconds = (performance.now() - started) / 1000;
    printSummary({ registryUrl: registry.url, published, imports, conformance: results, badInput, seconds });
  });
}

main().catch((error) => {
  console.error(`\nRelease test failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
