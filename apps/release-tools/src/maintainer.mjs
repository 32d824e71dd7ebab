// Step 2 of the release test: what a maintainer does, in a temporary clone of the repository:
// add a changeset (a throwaway patch bump of every public package), `pnpm version-packages`,
// commit, `pnpm release` with the @sparseout scope pointed at the test registry.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.mjs';
import { SCOPE, scopeRegistry } from './registry.mjs';
import { publicPackages } from './workspace.mjs';

const GIT_IDENTITY = ['-c', 'user.name=Sparseout release test', '-c', 'user.email=release-test@localhost'];

/**
 * The environment of a child step: this one without the npm_ and pnpm_ variables inherited from the
 * `pnpm run` that started the test (they would leak its configuration), plus `extra`.
 * @param {NodeJS.ProcessEnv} extra
 * @returns {NodeJS.ProcessEnv}
 */
export function isolatedEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_|INIT_CWD$)/.test(key)),
  );
  return { ...env, TURBO_TELEMETRY_DISABLED: '1', ...extra };
}

/**
 * The maintainer's user .npmrc: the scope's registry and a placeholder token for it (npm
 * refuses to publish without one; the test registry lets anyone publish @sparseout packages).
 * @param {string} file
 * @param {{ url: string, port: number }} registry
 */
export function writeMaintainerNpmrc(file, registry) {
  writeFileSync(
    file,
    `${SCOPE}:registry=${registry.url}\n//127.0.0.1:${registry.port}/:_authToken=placeholder\n`,
  );
}

/**
 * Clones `commit` of `sourceRoot` into `dir` and installs it from the pnpm store.
 * @param {string} sourceRoot
 * @param {string} commit
 * @param {string} dir
 * @param {NodeJS.ProcessEnv} env
 */
export async function cloneAndInstall(sourceRoot, commit, dir, env) {
  await run('git', ['clone', '--quiet', sourceRoot, dir], { env });
  await run('git', ['checkout', '--quiet', '-B', 'release-test', commit], { cwd: dir, env });
  await run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent'], {
    cwd: dir,
    env,
  });
}

/**
 * The commit `HEAD` of `root` points at.
 * @param {string} root
 * @returns {Promise<string>}
 */
export async function headCommit(root) {
  return (await run('git', ['rev-parse', 'HEAD'], { cwd: root, capture: true })).stdout.trim();
}

/**
 * Commits everything in the clone (the maintainer's "commit the version bump").
 * @param {string} dir
 * @param {string} message
 */
export async function commitAll(dir, message) {
  await run('git', ['add', '-A'], { cwd: dir });
  await run('git', [...GIT_IDENTITY, 'commit', '--quiet', '--no-verify', '-m', message], { cwd: dir });
}

/**
 * Writes and commits a changeset that bumps every public package by a patch.
 * @param {string} dir
 * @returns {Promise<string[]>} the package names it names
 */
export async function addThrowawayChangeset(dir) {
  const names = publicPackages(dir).map((pkg) => pkg.name);
  const frontmatter = names.map((name) => `"${name}": patch`).join('\n');
  const text = `---\n${frontmatter}\n---\n\nRelease test: a throwaway patch release of every public package.\n`;
  writeFileSync(join(dir, '.changeset', 'release-test-throwaway.md'), text);
  await commitAll(dir, 'Release test: throwaway changeset');
  return names;
}

/**
 * Refuses to go on unless npm, in the clone with `env`, resolves the @sparseout scope to the
 * test registry: the test must never publish anywhere else.
 * @param {string} dir
 * @param {NodeJS.ProcessEnv} env
 * @param {string} expectedUrl
 */
export async function assertScopeRegistry(dir, env, expectedUrl) {
  const resolved = await scopeRegistry({ cwd: dir, env });
  if (resolved !== expectedUrl) {
    throw new Error(`the clone would publish ${SCOPE} to ${resolved}, not the test registry ${expectedUrl}`);
  }
}

/**
 * Runs the project's own `pnpm release` in the clone; resolves with its exit code and output.
 * @param {string} dir
 * @param {NodeJS.ProcessEnv} env
 */
export function pnpmRelease(dir, env) {
  return run('pnpm', ['release'], { cwd: dir, env, capture: true, allowFailure: true });
}
