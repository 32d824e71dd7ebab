import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { appDirectory, workspaceRoot } from './paths.js';

/** An adapter module found in the workspace. */
export interface AdapterModule {
  /** The package that ships it. */
  packageName: string;
  /** How a user imports it, for example '@sparseout/tfjs/conformance'. */
  specifier: string;
  /** The built ESM file to import. */
  file: string;
  /** The package's directory: its dependencies (and browser assets) resolve from here. */
  packageDirectory: string;
}

/** The ESM target of an `exports` entry (conditions import, default). */
function importTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object') {
    const record = entry as Record<string, unknown>;
    return importTarget(record.import) ?? importTarget(record.default);
  }
  return undefined;
}

/**
 * Every adapter of the workspace, without a list to maintain: the core adapter of
 * @sparseout/conformance, then every packages/<name>/package.json whose `exports` has
 * "./conformance" (its built ESM file), sorted by package name.
 */
export function discoverAdapters(root: string = workspaceRoot()): AdapterModule[] {
  const require = createRequire(join(appDirectory, 'package.json'));
  const coreAdapterFile = require.resolve('@sparseout/conformance/core-adapter').replace(/\.cjs$/, '.js');
  const found: AdapterModule[] = [
    {
      packageName: '@sparseout/core',
      specifier: '@sparseout/conformance/core-adapter',
      file: coreAdapterFile,
      packageDirectory: dirname(dirname(coreAdapterFile)),
    },
  ];
  const packagesDirectory = join(root, 'packages');
  const names = existsSync(packagesDirectory) ? readdirSync(packagesDirectory).sort() : [];
  for (const name of names) {
    const manifestPath = join(packagesDirectory, name, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name?: string;
      exports?: Record<string, unknown>;
    };
    const target = importTarget(manifest.exports?.['./conformance']);
    if (!manifest.name || !target) continue;
    found.push({
      packageName: manifest.name,
      specifier: `${manifest.name}/conformance`,
      file: join(packagesDirectory, name, target),
      packageDirectory: join(packagesDirectory, name),
    });
  }
  return found;
}
