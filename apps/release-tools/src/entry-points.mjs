// The files a package.json points at (`exports` targets, `main`, `module`, `types`, `bin`): a
// package whose entry points do not exist yet has not been built.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {unknown} entry
 * @returns {string[]}
 */
function targets(entry) {
  if (typeof entry === 'string') return [entry];
  if (entry === null || typeof entry !== 'object') return [];
  return Object.values(entry).flatMap(targets);
}

/**
 * Every relative file path the manifest names as an entry point (glob patterns left out).
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function entryPoints(manifest) {
  const named = [
    ...targets(manifest.exports),
    ...targets(manifest.bin),
    ...[manifest.main, manifest.module, manifest.types, manifest.typings].filter(
      (v) => typeof v === 'string',
    ),
  ];
  return [...new Set(named.filter((path) => path.startsWith('./') || !path.startsWith('.')))]
    .filter((path) => !path.includes('*'))
    .map((path) => path.replace(/^\.\//, ''));
}

/**
 * The entry points that do not exist on disk under `dir`.
 * @param {string} dir
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function missingEntryPoints(dir, manifest) {
  return entryPoints(manifest).filter((path) => !existsSync(join(dir, path)));
}
