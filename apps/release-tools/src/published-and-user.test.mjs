import { describe, expect, it } from 'vitest';
import { publishedRangeFindings } from './published-manifests.mjs';
import { conformanceModules, frameworkSpecs, moduleEntries } from './user-install.mjs';
import { registryConfig, registryGone, withRegistry } from './verdaccio.mjs';

const ADAPTER = {
  name: '@sparseout/tfjs',
  type: 'module',
  exports: {
    '.': {
      import: { types: './a.d.ts', default: './a.js' },
      require: { types: './a.d.cts', default: './a.cjs' },
    },
    './conformance': { import: { types: './c.d.ts', default: './c.js' } },
    './package.json': './package.json',
  },
  peerDependencies: {
    '@tensorflow/tfjs-core': '^4.22.0',
    '@tensorflow/tfjs-backend-cpu': '^4.22.0',
    '@sparseout/conformance': 'workspace:^',
  },
  devDependencies: { '@tensorflow/tfjs-core': '4.22.0' },
};

describe('published manifests', () => {
  const versions = new Map([
    ['@sparseout/core', '0.1.0'],
    ['@sparseout/tfjs', '0.0.1'],
  ]);
  it('accepts caret ranges on the versions released together', () => {
    const manifest = { name: '@sparseout/tfjs', dependencies: { '@sparseout/core': '^0.1.0', x: '1.0.0' } };
    expect(publishedRangeFindings(manifest, versions)).toEqual([]);
  });
  it('reports a surviving workspace: range and a range that is not the released caret', () => {
    const manifest = {
      name: '@sparseout/tfjs',
      dependencies: { '@sparseout/core': 'workspace:^' },
      peerDependencies: { '@sparseout/core': '0.1.0' },
    };
    expect(publishedRangeFindings(manifest, versions)).toEqual([
      '@sparseout/tfjs was published with dependencies.@sparseout/core = "workspace:^"',
      '@sparseout/tfjs peerDependencies.@sparseout/core is "0.1.0", expected "^0.1.0"',
    ]);
  });
});

describe('the user side', () => {
  it('installs frameworks at the version the adapter tests with, never @sparseout peers', () => {
    expect(frameworkSpecs(ADAPTER)).toEqual([
      '@tensorflow/tfjs-core@4.22.0',
      '@tensorflow/tfjs-backend-cpu@^4.22.0',
    ]);
  });
  it('loads each subpath the way its conditions offer', () => {
    expect(moduleEntries(ADAPTER)).toEqual([
      { specifier: '@sparseout/tfjs', esm: true, cjs: true },
      { specifier: '@sparseout/tfjs/conformance', esm: true, cjs: false },
    ]);
  });
  it('runs the conformance CLI on every ./conformance and ./core-adapter export', () => {
    const conformance = {
      name: '@sparseout/conformance',
      exports: { '.': './i.js', './core-adapter': './c.js' },
    };
    const core = { name: '@sparseout/core', exports: { '.': './i.js' } };
    const released = [conformance, core, ADAPTER].map((manifest) => ({
      name: manifest.name,
      version: '1.0.0',
      manifest,
    }));
    expect(conformanceModules(released)).toEqual([
      '@sparseout/conformance/core-adapter',
      '@sparseout/tfjs/conformance',
    ]);
  });
});

describe('the test registry', () => {
  it('lists refused packages before the @sparseout rule and has no uplinks', () => {
    const config = registryConfig('/tmp/r', ['@sparseout/core']);
    expect(config.uplinks).toEqual({});
    expect(Object.keys(config.packages)).toEqual(['@sparseout/core', '@sparseout/*', '**']);
    expect(config.packages['@sparseout/core'].publish).toBe(config.packages['**'].publish);
    expect(Object.keys(registryConfig('/tmp/r').packages)).toEqual(['@sparseout/*', '**']);
  });

  it('serves nothing it was not given, then closes and removes its folder when the body throws', async () => {
    /** @type {import('./verdaccio.mjs').Registry | undefined} */
    let seen;
    const failing = withRegistry({}, async (registry) => {
      seen = registry;
      expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      for (const name of ['@sparseout%2fcore', 'lodash']) {
        expect((await fetch(`${registry.url}${name}`)).status).toBe(404);
      }
      expect(await registryGone(registry)).toBe(false);
      throw new Error('publish failed');
    });
    await expect(failing).rejects.toThrow('publish failed');
    expect(await registryGone(/** @type {import('./verdaccio.mjs').Registry} */ (seen))).toBe(true);
  });
});
