import { describe, expect, it } from 'vitest';
import { installedVersion, readManifest } from './manifests.js';

const testkitDir = new URL('../', import.meta.url);

describe('package manifests', () => {
  it("reads a package's own manifest, with empty dependency maps where it has none", () => {
    const manifest = readManifest(testkitDir);
    expect(manifest.peerDependencies.vitest).toBeTypeOf('string');
    expect(manifest.devDependencies).toBeTypeOf('object');
  });

  it('reads the version of a dependency as installed beside the package', () => {
    expect(installedVersion(testkitDir, 'vitest')).toMatch(/^\d+\.\d+\.\d+/);
    expect(() => installedVersion(testkitDir, 'no-such-package')).toThrow(/ENOENT/);
  });
});
