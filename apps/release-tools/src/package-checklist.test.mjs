import { describe, expect, it } from 'vitest';
import {
  attwProfile,
  dependencyFindings,
  exportsFindings,
  metadataFindings,
  packedFileFindings,
  readmeFindings,
} from './package-checklist.mjs';

const DUAL_EXPORTS = {
  '.': {
    import: { types: './dist/index.d.ts', default: './dist/index.js' },
    require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
  },
  './package.json': './package.json',
};

const GOOD_MANIFEST = {
  name: '@sparseout/example',
  description: 'An example.',
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  exports: DUAL_EXPORTS,
  files: ['dist', 'README.md', 'CHANGELOG.md', 'LICENSE'],
  engines: { node: '>=20' },
  keywords: ['sparseout'],
  repository: {
    type: 'git',
    url: 'git+https://github.com/sparseout/sparseout-js.git',
    directory: 'packages/example',
  },
  publishConfig: { access: 'public' },
  dependencies: { '@sparseout/core': 'workspace:^' },
  peerDependencies: { 'brain.js': '2.0.0-beta.24', '@sparseout/conformance': 'workspace:^' },
  devDependencies: { 'brain.js': '2.0.0-beta.24' },
};

/** @param {Record<string, any>} manifest */
const pkg = (manifest) => ({ name: manifest.name, dir: '/x', relativeDir: 'packages/example', manifest });

describe('readme', () => {
  const usage = "```ts\nimport { sparseout } from '@sparseout/example';\n```";
  it('accepts an install command and a code block importing the package', () => {
    expect(readmeFindings('@sparseout/example', `npm install @sparseout/example\n\n${usage}`)).toEqual([]);
  });
  it('reports a missing install command and a missing usage example', () => {
    const findings = readmeFindings('@sparseout/example', '# Example\nnpm install @sparseout/other\n');
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatch(/no install command/);
    expect(findings[1]).toMatch(/no usage example/);
  });
  it('does not take another package with the same prefix for this one', () => {
    const readme = "npm install @sparseout/example-two\n```js\nimport x from '@sparseout/example-two';\n```";
    expect(readmeFindings('@sparseout/example', readme)).toHaveLength(2);
  });
});

describe('exports', () => {
  it('accepts types for both import and require', () => {
    expect(exportsFindings(GOOD_MANIFEST)).toEqual([]);
  });
  it('reports a require target without types', () => {
    const manifest = {
      exports: { '.': { import: { types: './a.d.ts', default: './a.js' }, require: './a.cjs' } },
    };
    expect(exportsFindings(manifest)).toEqual([
      'exports["."]["require"] -> ./a.cjs has no "types" condition',
    ]);
  });
  it('reports a package without exports', () => {
    expect(exportsFindings({ main: './index.js' })).toEqual(['package.json has no "exports" map']);
  });
});

describe('attw profile', () => {
  it('is strict for a dual ESM + CJS package and esm-only for an ESM-only one', () => {
    expect(attwProfile(GOOD_MANIFEST)).toBe('strict');
    expect(attwProfile({ type: 'module', exports: { '.': { types: './a.d.ts', default: './a.js' } } })).toBe(
      'esm-only',
    );
  });
});

describe('metadata and dependencies', () => {
  it('accepts the house conventions', () => {
    expect(metadataFindings(pkg(GOOD_MANIFEST))).toEqual([]);
    expect(dependencyFindings(GOOD_MANIFEST)).toEqual([]);
  });
  it('reports each missing field', () => {
    const findings = metadataFindings(pkg({ name: '@sparseout/example' }));
    for (const field of [
      'description',
      'license',
      'repository',
      'keywords',
      'engines.node',
      'sideEffects',
      'files',
    ]) {
      expect(findings.join('\n')).toContain(field);
    }
    expect(findings.join('\n')).toContain('publishConfig.access');
  });
  it('reports a repository directory that is not the package folder', () => {
    const manifest = {
      ...GOOD_MANIFEST,
      repository: { ...GOOD_MANIFEST.repository, directory: 'packages/core' },
    };
    expect(metadataFindings(pkg(manifest))).toEqual(['"repository.directory" must be "packages/example"']);
  });
  it('reports an unbounded peer, a peer missing from devDependencies and a pinned internal dependency', () => {
    const manifest = {
      peerDependencies: { 'gpu.js': '*' },
      dependencies: { '@sparseout/core': 'workspace:*' },
    };
    expect(dependencyFindings(manifest)).toEqual([
      'peer dependency gpu.js needs a published semver range, not "*"',
      'peer dependency gpu.js is not also a dev dependency',
      'dependencies.@sparseout/core must be "workspace:^" (a caret range once published), not "workspace:*"',
    ]);
  });
});

describe('published files', () => {
  const base = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js'];
  it('accepts the built files and the user-facing documents', () => {
    expect(packedFileFindings(GOOD_MANIFEST, base)).toEqual([]);
  });
  it('reports tests, sources, source maps and missing documents', () => {
    const files = ['package.json', 'dist/index.js', 'dist/op.test.js', 'src/index.ts', 'dist/index.js.map'];
    expect(packedFileFindings(GOOD_MANIFEST, files)).toEqual([
      'README.md is not in the published files',
      'LICENSE is not in the published files',
      'CHANGELOG.md is not in the published files',
      'a test file would be published: dist/op.test.js',
      'a development file would be published: src/index.ts',
      'a source map would be published (list it in "files" if intended): dist/index.js.map',
    ]);
  });
  it('reports a bin target that is not published', () => {
    const manifest = { ...GOOD_MANIFEST, bin: { 'sparseout-conformance': './dist/cli.js' } };
    expect(packedFileFindings(manifest, base)).toEqual([
      'bin "sparseout-conformance" -> ./dist/cli.js is not published',
    ]);
  });
});
