import { readFileSync } from 'node:fs';

/** The fields of a package.json the version tests read. */
export interface PackageManifest {
  version: string;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** The package.json of the package whose folder is `packageDir` (a file URL ending in '/'). */
export function readManifest(packageDir: URL): PackageManifest {
  const manifest = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));
  return { peerDependencies: {}, devDependencies: {}, ...manifest };
}

/** The version of `name` as installed in the node_modules of the package at `packageDir`. */
export function installedVersion(packageDir: URL, name: string): string {
  return readManifest(new URL(`node_modules/${name}/`, packageDir)).version;
}
