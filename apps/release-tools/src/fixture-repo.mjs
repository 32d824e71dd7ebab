// Test fixture: a throwaway git repository shaped like this workspace (packages/*, .changeset/),
// for the release guards' tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from './exec.mjs';

/**
 * @param {Record<string, string>} files path -> contents
 * @returns {Promise<{ root: string, write: (path: string, text: string) => void, commit: () => Promise<void>, remove: () => void }>}
 */
export async function fixtureRepo(files) {
  const root = mkdtempSync(join(tmpdir(), 'sparseout-release-fixture-'));
  /** @type {(path: string, text: string) => void} */
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  const git = ['-c', 'user.name=fixture', '-c', 'user.email=fixture@localhost'];
  await run('git', ['init', '--quiet', '-b', 'main'], { cwd: root, capture: true });
  const commit = async () => {
    await run('git', ['add', '-A'], { cwd: root, capture: true });
    await run('git', [...git, 'commit', '--quiet', '-m', 'fixture'], { cwd: root, capture: true });
  };
  await commit();
  return { root, write, commit, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A package.json text.
 * @param {string} name
 * @param {string} version
 * @param {boolean} [isPrivate]
 */
export function manifestText(name, version, isPrivate = false) {
  return `${JSON.stringify({ name, version, private: isPrivate }, null, 2)}\n`;
}
