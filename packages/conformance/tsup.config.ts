import type { Plugin } from 'esbuild';
import { packageBuild } from '../../tsup.base.mjs';

/**
 * Keeps `../vectors/*.json` (src/vector-files.ts) out of the bundles: dist/ loads the package's
 * own vectors/ at run time, so the golden vectors ship once (src/packaging.test.ts).
 */
const vectorsExternal: Plugin = {
  name: 'vectors-external',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/vectors\/[a-z0-9]+\.json$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

/** ES2022 output, but the JSON modules keep their `with { type: 'json' }` (Node >= 20.10 needs it). */
const keepImportAttributes = (options: { supported?: Record<string, boolean> }) => {
  options.supported = { ...options.supported, 'import-attributes': true };
};

const entries = { index: 'src/index.ts', 'core-adapter': 'src/core-adapter.ts' };

// Two builds into one dist/, so neither empties it. ESM: the library entries and the CLI in one
// build, so they share their code as chunks instead of each carrying the suite. CJS: the library
// entries only (the CLI is ESM). Types: .d.ts from the first build, .d.cts from the second.
export default [
  packageBuild([], {
    entry: { ...entries, cli: 'src/cli.ts' },
    format: ['esm'],
    dts: { entry: entries },
    splitting: true,
    clean: false,
    esbuildPlugins: [vectorsExternal],
    esbuildOptions: keepImportAttributes,
  }),
  packageBuild([], { entry: entries, format: ['cjs'], clean: false, esbuildPlugins: [vectorsExternal] }),
];
