import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Thrown when a module cannot be found or loaded; the CLI prints the message and exits 2. */
export class LoadError extends Error {
  override name = 'LoadError';
}

function isPath(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier) || /^[a-zA-Z]:[\\/]/.test(specifier);
}

function splitSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, count).join('/');
  const rest = parts.slice(count).join('/');
  return { name, subpath: rest ? `./${rest}` : '.' };
}

/** Picks a target from an `exports` value under ESM conditions (import, node, default). */
function pickTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const entry of value) {
      const target = pickTarget(entry);
      if (target) return target;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const condition of ['import', 'node', 'default']) {
      if (condition in record) {
        const target = pickTarget(record[condition]);
        if (target) return target;
      }
    }
  }
  return undefined;
}

/**
 * ESM resolution of a package specifier from `cwd`, for packages `require.resolve` cannot see
 * (ESM-only `exports`): walks node_modules up from cwd, reads `exports` (or `main`).
 */
function resolveEsm(specifier: string, cwd: string): string | undefined {
  const { name, subpath } = splitSpecifier(specifier);
  for (let dir = cwd; ; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', name);
    const manifestPath = join(root, 'package.json');
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: unknown; main?: string };
      let target: string | undefined;
      if (manifest.exports !== undefined) {
        const exportsMap = manifest.exports as Record<string, unknown>;
        const entry =
          typeof manifest.exports === 'string' ||
          Array.isArray(manifest.exports) ||
          !Object.keys(exportsMap)[0]?.startsWith('.')
            ? subpath === '.'
              ? manifest.exports
              : undefined
            : exportsMap[subpath];
        target = pickTarget(entry);
      } else {
        target = subpath === '.' ? (manifest.main ?? 'index.js') : subpath;
      }
      return target ? join(root, target) : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Resolves a module the way a user's project would: a file path relative to `cwd`, or a package
 * specifier (`@sparseout/tfjs/conformance`) resolved from `cwd` (CommonJS resolution first, then
 * the package's ESM `exports`). Returns a file URL to import.
 */
export function resolveModule(specifier: string, cwd: string = process.cwd()): string {
  if (isPath(specifier)) {
    const file = resolve(cwd, specifier);
    if (!existsSync(file)) throw new LoadError(`cannot find the file ${file}`);
    return pathToFileURL(file).href;
  }
  try {
    return pathToFileURL(createRequire(join(cwd, 'noop.js')).resolve(specifier)).href;
  } catch {
    const file = resolveEsm(specifier, cwd);
    if (file && existsSync(file)) return pathToFileURL(file).href;
    throw new LoadError(
      `cannot resolve '${specifier}' from ${cwd}: is the package installed there, and does its "exports" map that subpath?`,
    );
  }
}

/** Imports a module and returns its default export (unwrapping a CommonJS `exports.default`). */
export async function loadDefaultExport(specifier: string, cwd: string = process.cwd()): Promise<unknown> {
  const url = resolveModule(specifier, cwd);
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new LoadError(`cannot load ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let value = namespace.default;
  if (value && typeof value === 'object' && 'default' in value && !('forward' in value)) {
    value = (value as { default: unknown }).default;
  }
  if (value === undefined) throw new LoadError(`${specifier} has no default export (the adapter object)`);
  return value;
}
