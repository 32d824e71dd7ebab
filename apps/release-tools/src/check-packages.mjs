#!/usr/bin/env node
// `pnpm check:packages`: every public workspace package (not `private`) against the issue's
// package-quality list: the checklist in package-checklist.mjs, publint (strict: warnings fail)
// and @arethetypeswrong/cli on the packed tarball (`strict` profile for dual ESM + CJS packages,
// `esm-only` for ESM-only ones). Builds any package whose entry points are missing first.
// `--only <name>` (repeatable) checks a subset. Exits non-zero when any package has a finding, and prints each finding.
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { missingEntryPoints } from './entry-points.mjs';
import { run } from './exec.mjs';
import { attwProfile, checklistFindings } from './package-checklist.mjs';
import { publicPackages, repoRoot } from './workspace.mjs';

/** @typedef {import('./workspace.mjs').WorkspacePackage} WorkspacePackage */

/**
 * The files `npm pack` would put in the tarball, relative to the package folder.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function packedFiles(dir) {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    capture: true,
  });
  const [report] = JSON.parse(stdout);
  return report.files.map((/** @type {{ path: string }} */ file) => file.path);
}

/**
 * publint's errors and warnings (warnings count as errors), formatted as publint prints them.
 * @param {WorkspacePackage} pkg
 * @returns {Promise<string[]>}
 */
async function publintFindings(pkg) {
  const { messages, pkg: manifest } = await publint({
    pkgDir: pkg.dir,
    strict: true,
    level: 'warning',
    pack: 'pnpm',
  });
  return messages.map(
    (message) => `publint ${message.code}: ${formatMessage(message, manifest, { color: false })}`,
  );
}

/**
 * attw on the packed tarball with the profile that fits the package.
 * @param {WorkspacePackage} pkg
 * @returns {Promise<string[]>}
 */
async function attwFindings(pkg) {
  const profile = attwProfile(pkg.manifest);
  const attw = join(repoRoot, 'node_modules', '.bin', 'attw');
  const args = [
    '--pack',
    pkg.dir,
    '--profile',
    profile,
    '--format',
    'table-flipped',
    '--no-emoji',
    '--no-color',
  ];
  const result = await run(attw, args, { cwd: pkg.dir, capture: true, allowFailure: true });
  if (result.code === 0) return [];
  return [`attw (--profile ${profile}) found problems:\n${`${result.stdout}${result.stderr}`.trim()}`];
}

/**
 * Builds (with turbo, dependencies first) every public package whose entry points are missing.
 * @param {WorkspacePackage[]} packages
 */
async function buildUnbuilt(packages) {
  const unbuilt = packages.filter((pkg) => missingEntryPoints(pkg.dir, pkg.manifest).length > 0);
  if (unbuilt.length === 0) return;
  console.log(`Building ${unbuilt.map((pkg) => pkg.name).join(', ')} (entry points missing)`);
  const filters = unbuilt.map((pkg) => `--filter=${pkg.name}`);
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
  const build = await run('pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only', ...filters], {
    cwd: repoRoot,
    env,
    allowFailure: true,
  });
  if (build.code !== 0) console.log('The build failed; the checks below report what it left missing.');
}

/**
 * The public packages to check: all of them, or those named by `--only <name>` arguments.
 * @param {string[]} argv
 * @returns {WorkspacePackage[]}
 */
function selectedPackages(argv) {
  const packages = publicPackages();
  const only = argv.flatMap((arg, index) => (argv[index - 1] === '--only' ? [arg] : []));
  if (only.length === 0) return packages;
  const unknown = only.filter((name) => !packages.some((pkg) => pkg.name === name));
  if (unknown.length > 0) throw new Error(`not a public workspace package: ${unknown.join(', ')}`);
  return packages.filter((pkg) => only.includes(pkg.name));
}

async function main() {
  const packages = selectedPackages(process.argv.slice(2));
  if (packages.length === 0) throw new Error('no public workspace packages found');
  await buildUnbuilt(packages);
  /** @type {Map<string, string[]>} */
  const failures = new Map();
  for (const pkg of packages) {
    const missing = missingEntryPoints(pkg.dir, pkg.manifest).map(
      (path) => `entry point ${path} does not exist`,
    );
    const findings = [
      ...missing,
      ...checklistFindings(pkg, await packedFiles(pkg.dir)),
      ...(await publintFindings(pkg)),
      ...(await attwFindings(pkg)),
    ];
    const label = `${pkg.name}@${pkg.manifest.version} (attw --profile ${attwProfile(pkg.manifest)})`;
    if (findings.length === 0) {
      console.log(`ok    ${label}: checklist, publint, attw`);
    } else {
      failures.set(pkg.name, findings);
      console.log(`FAIL  ${label}`);
      for (const finding of findings) console.log(`      - ${finding.replace(/\n/g, '\n        ')}`);
    }
  }
  if (failures.size > 0) {
    console.log(
      `\nPackage checks: ${failures.size} of ${packages.length} public packages fail: ${[...failures.keys()].join(', ')}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`\nPackage checks: all ${packages.length} public packages pass`);
  }
}

await main();
