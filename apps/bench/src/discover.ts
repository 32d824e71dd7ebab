import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSuite } from './types.js';

/** A suite file that loaded, or the error it failed with. */
export type DiscoveredSuite = { file: string; suite: BenchSuite } | { file: string; error: string };

const SUITES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'suites');

function isSuite(value: unknown): value is BenchSuite {
  const suite = value as BenchSuite | undefined;
  return typeof suite?.name === 'string' && Array.isArray(suite.cases);
}

/**
 * Imports every built suite file (dist/suites/*.js, sorted by name) and takes its default export.
 * A file that fails to import or exports no BenchSuite is reported, not fatal.
 */
export async function discoverSuites(dir = SUITES_DIR): Promise<DiscoveredSuite[]> {
  const files = (await readdir(dir)).filter((f) => /\.(m?js)$/.test(f)).sort();
  const found: DiscoveredSuite[] = [];
  for (const file of files) {
    try {
      const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
      if (isSuite(module.default)) found.push({ file, suite: module.default });
      else found.push({ file, error: 'no default export of type BenchSuite' });
    } catch (error) {
      found.push({ file, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return found;
}
