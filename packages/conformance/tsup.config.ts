import { appBuild, packageBuild } from '../../tsup.base.mjs';

// Two builds into one dist/, so neither empties it.
export default [
  packageBuild(['src/index.ts', 'src/core-adapter.ts'], { clean: false }),
  // The CLI: ESM only, with a shebang so `sparseout-conformance` runs as a bin.
  appBuild(['src/cli.ts'], { clean: false, banner: { js: '#!/usr/bin/env node' } }),
];
