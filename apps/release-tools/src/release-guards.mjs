// The checks `pnpm release` makes before it builds or publishes anything. A release is built
// from a commit, publishes only versions that a changeset produced (`pnpm version-packages`
// writes a `## <version>` entry in the package's CHANGELOG.md), and refuses with an explanation
// of what to do otherwise.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.mjs';
import { publicPackages } from './workspace.mjs';

const NOTHING_PUBLISHED = 'Nothing was published.';
const HOW_TO_RELEASE =
  'To release a change: `pnpm changeset` (describe it), `pnpm version-packages` (bump versions, write ' +
  'CHANGELOGs), commit, then `pnpm release`. See CONTRIBUTING.md.';

/**
 * @typedef {{ name: string, version: string }} PackageVersion
 * @typedef {{ ok: true, toPublish: PackageVersion[] } | { ok: false, reason: string, message: string }} ReleasePlan
 * @typedef {(name: string, version: string) => Promise<boolean>} PublishedLookup
 */

/**
 * `git status --porcelain` lines: uncommitted changes, untracked files included.
 * @param {string} root
 * @returns {Promise<string[]>}
 */
export async function uncommittedChanges(root) {
  const { stdout } = await run('git', ['status', '--porcelain'], { cwd: root, capture: true });
  return stdout.split('\n').filter((line) => line.trim() !== '');
}

/**
 * Changeset files not yet applied by `changeset version` (every .changeset/*.md but its README).
 * @param {string} root
 * @returns {string[]}
 */
export function pendingChangesets(root) {
  const dir = join(root, '.changeset');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file.toLowerCase() !== 'readme.md')
    .sort()
    .map((file) => `.changeset/${file}`);
}

/**
 * Whether the package's CHANGELOG.md has the entry `changeset version` writes for `version`.
 * @param {string} dir package folder
 * @param {string} version
 * @returns {boolean}
 */
export function changelogHasVersion(dir, version) {
  const file = join(dir, 'CHANGELOG.md');
  if (!existsSync(file)) return false;
  const escaped = version.replace(/[.+]/g, '\\$&');
  return new RegExp(`^## ${escaped}\\s*$`, 'm').test(readFileSync(file, 'utf8'));
}

/**
 * Decides what `pnpm release` may publish, in this order: a clean tree; no unapplied
 * changesets; at least one version produced by a changeset and not yet on the registry; and no
 * unpublished version that no changeset produced (changeset publish would publish it too).
 * @param {string} root repository root
 * @param {PublishedLookup} published asks the registry (only reached when the local checks pass)
 * @param {string} registry the registry's address, for the messages
 * @returns {Promise<ReleasePlan>}
 */
export async function releasePlan(root, published, registry) {
  const dirty = await uncommittedChanges(root);
  if (dirty.length > 0) {
    const list = dirty.map((line) => `  ${line}`).join('\n');
    return refuse(
      'uncommitted-changes',
      `Refusing to release: the working tree has uncommitted changes:\n${list}\n` +
        'A release is built from a commit. Commit (or stash) these changes, then run `pnpm release` again.',
    );
  }
  const pending = pendingChangesets(root);
  if (pending.length > 0) {
    return refuse(
      'unapplied-changesets',
      `Refusing to release: ${pending.length} changeset(s) not yet applied: ${pending.join(', ')}.\n` +
        'Run `pnpm version-packages` to bump the versions and write the CHANGELOGs, review and commit ' +
        'the result, then run `pnpm release`.',
    );
  }
  const packages = publicPackages(root).map((pkg) => ({
    name: pkg.name,
    version: String(pkg.manifest.version),
    versioned: changelogHasVersion(pkg.dir, String(pkg.manifest.version)),
  }));
  if (!packages.some((pkg) => pkg.versioned)) return nothingToRelease(registry);
  const unpublished = [];
  for (const pkg of packages) {
    if (!(await published(pkg.name, pkg.version))) unpublished.push(pkg);
  }
  const unversioned = unpublished.filter((pkg) => !pkg.versioned);
  if (unversioned.length > 0) {
    const list = unversioned.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ');
    return refuse(
      'version-without-changeset',
      `Refusing to release: ${list} not on ${registry}, and no changeset produced that version (no ` +
        '`## <version>` entry in its CHANGELOG.md). Add a changeset for it (`pnpm changeset`), run ' +
        '`pnpm version-packages`, commit, then `pnpm release`.',
    );
  }
  if (unpublished.length === 0) return nothingToRelease(registry);
  return { ok: true, toPublish: unpublished.map(({ name, version }) => ({ name, version })) };
}

/**
 * @param {string} registry
 * @returns {ReleasePlan}
 */
function nothingToRelease(registry) {
  return refuse(
    'nothing-to-release',
    `Nothing to release: every public package's version is already on ${registry}, or was not ` +
      `produced by a changeset.\n${HOW_TO_RELEASE}`,
  );
}

/**
 * @param {string} reason
 * @param {string} message
 * @returns {ReleasePlan}
 */
function refuse(reason, message) {
  return { ok: false, reason, message: `${message}\n${NOTHING_PUBLISHED}` };
}
