// The workspace as the release tooling sees it: the repository root and its public packages
// (every workspace package whose package.json is not `private`), read fresh on each call so the
// checks grow as packages land.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root of this checkout. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');

/** The folders that pnpm-workspace.yaml lists (`packages/*`, `apps/*`). */
const WORKSPACE_GROUPS = ['packages', 'apps'];

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name package name
 * @property {string} dir absolute directory
 * @property {string} relativeDir directory relative to the root, e.g. `packages/core`
 * @property {Record<string, any>} manifest the parsed package.json
 */

/**
 * @param {string} file
 * @returns {Record<string, any>}
 */
export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Every workspace package under `root`, public and private.
 * @param {string} [root]
 * @returns {WorkspacePackage[]}
 */
export function workspacePackages(root = repoRoot) {
  return WORKSPACE_GROUPS.flatMap((group) => {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) return [];
    return readdirSync(groupDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(groupDir, entry.name, 'package.json')))
      .map((entry) => {
        const dir = join(groupDir, entry.name);
        const manifest = readJson(join(dir, 'package.json'));
        return { name: manifest.name, dir, relativeDir: relative(root, dir), manifest };
      });
  }).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The packages that get published: every workspace package not marked `private`.
 * @param {string} [root]
 * @returns {WorkspacePackage[]}
 */
export function publicPackages(root = repoRoot) {
  return workspacePackages(root).filter((pkg) => pkg.manifest.private !== true);
}
